// The Mann-Whitney U test (see mann_whitney.h): ranks with ties averaged, then the p-value from
// the exact null distribution of U or from the tie-corrected normal approximation.
#include "harness/stats/mann_whitney.h"

#include <algorithm>
#include <cmath>
#include <string>
#include <utility>
#include <vector>

#include "harness/stats/input_checks.h"

namespace harness::stats {
namespace {

struct Ranking {
  double u_a;
  double tie_term;  // sum over groups of tied values of t^3 - t
};

Ranking rank(std::span<const double> a, std::span<const double> b) {
  // (value, from a?) pairs, sorted; each run of equal values shares the average of its ranks.
  std::vector<std::pair<double, bool>> pooled;
  pooled.reserve(a.size() + b.size());
  for (double v : a) pooled.emplace_back(v, true);
  for (double v : b) pooled.emplace_back(v, false);
  std::sort(pooled.begin(), pooled.end(),
            [](const auto& x, const auto& y) { return x.first < y.first; });
  double rank_sum_a = 0, tie_term = 0;
  for (size_t first = 0; first < pooled.size();) {
    size_t last = first;
    while (last + 1 < pooled.size() && pooled[last + 1].first == pooled[first].first) ++last;
    double t = static_cast<double>(last - first + 1);
    double average_rank = static_cast<double>(first + last) / 2 + 1;  // ranks count from 1
    for (size_t i = first; i <= last; ++i) {
      if (pooled[i].second) rank_sum_a += average_rank;
    }
    tie_term += t * t * t - t;
    first = last + 1;
  }
  double m = static_cast<double>(a.size());
  return {rank_sum_a - m * (m + 1) / 2, tie_term};
}

// P(U <= k) for samples of sizes m and n without ties, from the recurrence on who holds the
// largest value: it is one of the m with probability m / (m + n), and then beats all n of the
// other sample, so
//   P_{m,n}(U = u) = m / (m + n) * P_{m-1,n}(U = u - n) + n / (m + n) * P_{m,n-1}(U = u).
// Probabilities rather than counts (which reach C(m + n, m)) keep every term in [0, 1], and
// the steps only add positive terms, so nothing cancels. Only u <= k is needed, as smaller u
// never refer to larger ones. The null distribution is the same for (m, n) and (n, m); the
// rows run over the smaller size to keep the table small.
double exact_cdf(size_t m, size_t n, size_t k) {
  size_t rows = std::min(m, n), columns = std::max(m, n);
  // probability[i * (k + 1) + u] = P_{i,j}(U = u) for the current column count j.
  std::vector<double> probability((rows + 1) * (k + 1), 0.0);
  for (size_t i = 0; i <= rows; ++i) probability[i * (k + 1)] = 1;  // j = 0: U is 0
  for (size_t j = 1; j <= columns; ++j) {
    // Ascending i: row i - 1 already holds column j, row i still holds column j - 1.
    for (size_t i = 1; i <= rows; ++i) {
      double* row = &probability[i * (k + 1)];
      const double* shorter = &probability[(i - 1) * (k + 1)];
      double holds_largest = static_cast<double>(i) / static_cast<double>(i + j);
      double other = static_cast<double>(j) / static_cast<double>(i + j);
      size_t reach = std::min(k, i * j);  // U <= i * j
      for (size_t u = 0; u < std::min(j, reach + 1); ++u) row[u] *= other;
      for (size_t u = j; u <= reach; ++u) row[u] = other * row[u] + holds_largest * shorter[u - j];
    }
  }
  double cdf = 0;
  for (size_t u = 0; u <= k; ++u) cdf += probability[rows * (k + 1) + u];
  return cdf;
}

double exact_p(size_t m, size_t n, double u_max) {
  // P(U >= u_max) = P(U <= m n - u_max) by the symmetry of the distribution about m n / 2.
  auto k = static_cast<size_t>(std::llround(static_cast<double>(m * n) - u_max));
  return std::min(1.0, 2 * exact_cdf(m, n, k));
}

double asymptotic_p(size_t m, size_t n, double u_max, double tie_term) {
  double mn = static_cast<double>(m) * static_cast<double>(n);
  double total = static_cast<double>(m + n);
  // Written as scipy writes it. Zero only when all values are tied (otherwise it is >= 3).
  double variance = mn / 12 * ((total + 1) - tie_term / (total * (total - 1)));
  if (variance <= 0) return 1;
  double z = (u_max - mn / 2 - 0.5) / std::sqrt(variance);
  // 2 * (1 - Phi(z)) = erfc(z / sqrt(2)), accurate in the far tail too.
  return std::min(1.0, std::erfc(z / std::sqrt(2.0)));
}

}  // namespace

MannWhitneyResult mann_whitney_u(std::span<const double> a, std::span<const double> b,
                                 MannWhitneyMethod method) {
  detail::require_values(a, "mann_whitney_u (sample a)");
  detail::require_values(b, "mann_whitney_u (sample b)");
  Ranking ranking = rank(a, b);
  size_t m = a.size(), n = b.size();
  double u_a = ranking.u_a;
  double u_b = static_cast<double>(m) * static_cast<double>(n) - u_a;
  double u_max = std::max(u_a, u_b);
  bool ties = ranking.tie_term > 0;
  if (method == MannWhitneyMethod::EXACT && ties) {
    detail::fail("mann_whitney_u", "the exact method needs data without ties");
  }
  if (method == MannWhitneyMethod::EXACT && m * n > kMannWhitneyExactMaxPairs) {
    detail::fail("mann_whitney_u", "samples too large for the exact method (m * n > " +
                                       std::to_string(kMannWhitneyExactMaxPairs) + ")");
  }
  bool exact = method == MannWhitneyMethod::EXACT ||
               (method == MannWhitneyMethod::AUTO && !ties && m * n <= kMannWhitneyExactMaxPairs);
  double p = exact ? exact_p(m, n, u_max) : asymptotic_p(m, n, u_max, ranking.tie_term);
  return {u_a, u_b, p, exact};
}

}  // namespace harness::stats
