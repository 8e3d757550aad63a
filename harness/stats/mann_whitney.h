// The Mann-Whitney U test (Wilcoxon rank-sum test), two-sided: do two independent samples come
// from the same distribution, or does one tend to give larger values? Rank-based, so it needs
// no normality and is not moved by a few outliers, which suits timings.
//
// Follows scipy.stats.mannwhitneyu(a, b, use_continuity=True, alternative='two-sided'):
//  - u_a = R_a - m(m + 1)/2 with R_a the sum of a's ranks in the pooled sample (tied values
//    get their average rank): the number of pairs (x in a, y in b) with x > y, plus half the
//    number of tied pairs. u_b = m * n - u_a.
//  - exact: p = 2 * P(U >= max(u_a, u_b)) = 2 * min(P(U <= u_a), P(U >= u_a)) under the null
//    distribution of U without ties, capped at 1.
//  - asymptotic: z = (max(u_a, u_b) - m n / 2 - 0.5) / sigma with the tie-corrected
//    sigma^2 = m n / 12 * ((N + 1) - sum(t^3 - t) / (N (N - 1))), N = m + n, t running over
//    the sizes of the groups of tied values; p = 2 * (1 - Phi(z)), capped at 1. When every
//    value is tied sigma is 0 and p is 1.
// Two choices differ from scipy. AUTO is exact whenever there are no ties and
// m * n <= kMannWhitneyExactMaxPairs (so up to 100 against 100 samples), where scipy's 'auto'
// is exact only when there are no ties and one sample has at most 8 values: the exact p is the
// better answer while it stays cheap. And EXACT refuses tied data, to which scipy applies the
// no-ties distribution anyway. The exact tail P(U <= k), k <= m n / 2, costs O(m n k) time and
// O(min(m, n) k) memory: about 6 ms at the bound on a current x86-64 machine.
//
// Errors: std::invalid_argument when a or b is empty or contains NaN, and when EXACT is asked
// for data with ties or with m * n above the bound.
#pragma once

#include <cstddef>
#include <span>

namespace harness::stats {

inline constexpr size_t kMannWhitneyExactMaxPairs = 10'000;

// AUTO picks as described above; EXACT and ASYMPTOTIC force one way (scipy's method='exact' /
// 'asymptotic').
enum class MannWhitneyMethod { AUTO, EXACT, ASYMPTOTIC };

struct MannWhitneyResult {
  double u_a;      // pairs with a > b, plus half the ties
  double u_b;      // pairs with b > a, plus half the ties; u_a + u_b = m * n
  double p_value;  // two-sided
  bool exact;      // p from the exact null distribution (else the normal approximation)
};

MannWhitneyResult mann_whitney_u(std::span<const double> a, std::span<const double> b,
                                 MannWhitneyMethod method = MannWhitneyMethod::AUTO);

}  // namespace harness::stats
