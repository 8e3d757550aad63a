// The Mann-Whitney U test against published examples (scipy's and R's documentation, NAG's
// example programs, Wikipedia, ClickHouse's documentation) and against null distributions
// enumerated by reference_values.py (every arrangement of the pooled sample for small sizes;
// exact integer Gaussian binomial coefficients for larger ones).
#include "harness/stats/mann_whitney.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <limits>
#include <stdexcept>
#include <vector>

namespace harness::stats {
namespace {

// Samples of sizes m and n without ties whose u_a is `u`: b = 0, 1, ..., n - 1, and a's i-th
// value sits just above k_i of them (the k_i filled greedily up to n and summing to u),
// offset by i / 1000 so that a has no ties with itself (m < 500).
struct Samples {
  std::vector<double> a, b;
};
Samples samples_with_u(size_t m, size_t n, size_t u) {
  Samples s;
  for (size_t j = 0; j < n; ++j) s.b.push_back(static_cast<double>(j));
  for (size_t i = 0; i < m; ++i) {
    size_t k = std::min(n, u);
    u -= k;
    s.a.push_back(static_cast<double>(k) - 0.5 + static_cast<double>(i) / 1000);
  }
  return s;
}

TEST(MannWhitney, ScipyDocumentationExample) {
  // scipy.stats.mannwhitneyu docs (ages at diagnosis of type II diabetes, from Boston
  // University's "Mann Whitney U Test" notes): U1 = 17, U2 = 3, exact p = 0.1111111111111111;
  // method="asymptotic" gives 0.11134688653314041.
  std::vector<double> males = {19, 22, 16, 29, 24}, females = {20, 11, 17, 12};
  MannWhitneyResult r = mann_whitney_u(males, females);
  EXPECT_EQ(r.u_a, 17);
  EXPECT_EQ(r.u_b, 3);
  EXPECT_TRUE(r.exact);
  EXPECT_NEAR(r.p_value, 0.1111111111111111, 1e-15);

  MannWhitneyResult normal = mann_whitney_u(males, females, MannWhitneyMethod::ASYMPTOTIC);
  EXPECT_FALSE(normal.exact);
  EXPECT_NEAR(normal.p_value, 0.11134688653314041, 1e-14);
}

TEST(MannWhitney, WikipediaTortoiseAndHare) {
  // Wikipedia, "Mann-Whitney U test", illustration: finishing order T H H H H H T T T T T H;
  // U_T = 11 and U_H = 25. Here a larger value is an earlier finish (12 for the first).
  // Exact two-sided p = 13/42 by enumerating the C(12, 6) = 924 arrangements.
  std::vector<double> tortoises = {12, 6, 5, 4, 3, 2}, hares = {11, 10, 9, 8, 7, 1};
  MannWhitneyResult r = mann_whitney_u(tortoises, hares);
  EXPECT_EQ(r.u_a, 11);
  EXPECT_EQ(r.u_b, 25);
  EXPECT_TRUE(r.exact);
  EXPECT_NEAR(r.p_value, 13.0 / 42.0, 1e-15);
}

TEST(MannWhitney, RDocumentationHollanderWolfe) {
  // R ?wilcox.test (Hollander & Wolfe 1973, 69f; permeability constants at term x and at
  // 12-26 weeks y): wilcox.test(x, y, alternative = "g") gives W = 35, p-value = 0.1272.
  // The two-sided exact p is twice that; 764/3003 by enumerating C(15, 5) = 3003 arrangements.
  std::vector<double> x = {0.80, 0.83, 1.89, 1.04, 1.45, 1.38, 1.91, 1.64, 0.73, 1.46};
  std::vector<double> y = {1.15, 0.88, 0.90, 0.74, 1.21};
  MannWhitneyResult r = mann_whitney_u(x, y);
  EXPECT_EQ(r.u_a, 35);
  EXPECT_TRUE(r.exact);
  EXPECT_NEAR(r.p_value / 2, 0.1272, 5e-5);
  EXPECT_NEAR(r.p_value, 764.0 / 3003.0, 1e-15);
}

TEST(MannWhitney, NagExampleWithoutTies) {
  // NAG Library example program g08ajf (16 vs 23 values, no ties): test statistic 86, exact
  // tail probability 0.0022. Full precision from the Gaussian binomial: 0.004440994907181968.
  std::vector<double> g1 = {13.0, 5.8, 11.7, 6.5, 12.3, 6.7, 9.2, 6.9,
                            10.0, 7.3, 16.0, 7.0, 10.5, 8.5, 9.0, 7.5};
  std::vector<double> g2 = {17.0, 6.2,  10.1, 8.0,  15.3, 8.2,  15.0, 9.6,  14.9, 10.4, 14.2, 9.8,
                            13.8, 11.0, 14.0, 11.1, 12.9, 11.6, 12.8, 12.0, 13.1, 12.4, 11.9};
  MannWhitneyResult r = mann_whitney_u(g1, g2);
  EXPECT_EQ(r.u_a, 86);
  EXPECT_TRUE(r.exact);
  EXPECT_NEAR(r.p_value / 2, 0.0022, 5e-5);
  EXPECT_NEAR(r.p_value, 0.004440994907181968, 1e-15);
}

TEST(MannWhitney, NagExampleWithTiesUsesTheTieCorrectedNormal) {
  // NAG Library example program g08amc (16 vs 23 values with ties): test statistic 86,
  // normal statistic -2.8039, approximate tail probability 0.0025.
  // By hand: the tied groups have sizes 2 (6.0), 5 (7.0), 4 (8.0), 7 (10.0), 2 (11.0),
  // 6 (12.0), 4 (13.0), 3 (14.0), 3 (15.0), so sum(t^3 - t) = 6 + 120 + 60 + 336 + 6 + 210 +
  // 60 + 24 + 24 = 846. N = 39, m n = 368:
  //   sigma^2 = 368/12 * (40 - 846 / (39 * 38)) = 30.6667 * (40 - 0.570850) = 1209.1606,
  //   z = (282 - 184 - 0.5) / sqrt(1209.1606) = 97.5 / 34.77299 = 2.803901 (NAG: -2.8039 for
  //   the smaller U, 86), p = 2 * (1 - Phi(2.803901)) = 0.005048845813774749.
  std::vector<double> g1 = {13.0, 6.0, 12.0, 7.0, 12.0, 7.0, 10.0, 7.0,
                            10.0, 7.0, 16.0, 7.0, 10.0, 8.0, 9.0,  8.0};
  std::vector<double> g2 = {17.0, 6.0,  10.0, 8.0,  15.0, 8.0,  15.0, 10.0, 15.0, 10.0, 14.0, 10.0,
                            14.0, 11.0, 14.0, 11.0, 13.0, 12.0, 13.0, 12.0, 13.0, 12.0, 12.0};
  MannWhitneyResult r = mann_whitney_u(g1, g2);
  EXPECT_EQ(r.u_a, 86);
  EXPECT_EQ(r.u_b, 282);
  EXPECT_FALSE(r.exact);
  EXPECT_NEAR(r.p_value / 2, 0.0025, 5e-5);
  EXPECT_NEAR(r.p_value, 0.005048845813774749, 1e-14);
}

TEST(MannWhitney, SmallTiesCaseByHand) {
  // a = {1, 2, 2}, b = {2, 3, 4}. Pairs a > b: none; tied pairs: the two 2s of a against the
  // 2 of b, so u_a = 0 + 2 / 2 = 1, u_b = 8. The value 2 occurs t = 3 times: sum(t^3 - t) = 24.
  // sigma^2 = 9/12 * (7 - 24 / 30) = 0.75 * 6.2 = 4.65; z = (8 - 4.5 - 0.5) / sqrt(4.65)
  // = 1.3912166872805047; p = erfc(z / sqrt 2) = 0.16415972847851523.
  std::vector<double> a = {1, 2, 2}, b = {2, 3, 4};
  MannWhitneyResult r = mann_whitney_u(a, b);
  EXPECT_EQ(r.u_a, 1);
  EXPECT_EQ(r.u_b, 8);
  EXPECT_FALSE(r.exact);
  EXPECT_NEAR(r.p_value, 0.16415972847851523, 1e-15);
}

TEST(MannWhitney, ClickHouseDocumentationAsymptotic) {
  // ClickHouse docs, mannWhitneyUTest('greater') on {10, 11, 12} vs {1, 2, 3} (normal
  // approximation with continuity correction): (9, 0.04042779918503192). Two-sided: twice that.
  std::vector<double> a = {10, 11, 12}, b = {1, 2, 3};
  MannWhitneyResult r = mann_whitney_u(a, b, MannWhitneyMethod::ASYMPTOTIC);
  EXPECT_EQ(r.u_a, 9);
  EXPECT_NEAR(r.p_value, 2 * 0.04042779918503192, 1e-13);
  // The exact test: only 1 of the C(6, 3) = 20 arrangements has U = 9, so p = 2/20.
  EXPECT_NEAR(mann_whitney_u(a, b).p_value, 0.1, 1e-15);
}

// Counts of arrangements with U = 0, 1, ..., m n, by enumerating all C(m + n, m) of them
// (reference_values.py, cross-checked there against the Gaussian binomial coefficients).
struct NullDistribution {
  size_t m, n;
  std::vector<double> counts;
};
const NullDistribution kEnumerated[] = {
    {1, 1, {1, 1}},
    {1, 4, {1, 1, 1, 1, 1}},
    {2, 3, {1, 1, 2, 2, 2, 1, 1}},
    {3, 3, {1, 1, 2, 3, 3, 3, 3, 2, 1, 1}},
    {3, 5, {1, 1, 2, 3, 4, 5, 6, 6, 6, 6, 5, 4, 3, 2, 1, 1}},
    {4, 4, {1, 1, 2, 3, 5, 5, 7, 7, 8, 7, 7, 5, 5, 3, 2, 1, 1}},
    {4, 6, {1, 1, 2, 3, 5, 6, 9, 10, 13, 14, 16, 16, 18, 16, 16, 14, 13, 10, 9, 6, 5, 3, 2, 1, 1}},
    {5, 5, {1,  1,  2,  3,  5,  7,  9, 11, 14, 16, 18, 19, 20,
            20, 19, 18, 16, 14, 11, 9, 7,  5,  3,  2,  1,  1}},
    {6, 7, {1,  1,  2,  3,  5,  7,  11, 14, 19, 24, 31, 37, 46, 52, 61, 68, 76, 81, 88, 90, 94, 94,
            94, 90, 88, 81, 76, 68, 61, 52, 46, 37, 31, 24, 19, 14, 11, 7,  5,  3,  2,  1,  1}},
    {2, 9, {1, 1, 2, 2, 3, 3, 4, 4, 5, 5, 5, 4, 4, 3, 3, 2, 2, 1, 1}},
};

TEST(MannWhitney, ExactMatchesEnumerationForEveryU) {
  for (const NullDistribution& d : kEnumerated) {
    double total = 0;
    for (double c : d.counts) total += c;
    for (size_t u = 0; u <= d.m * d.n; ++u) {
      double at_most = 0, at_least = 0;
      for (size_t v = 0; v <= d.m * d.n; ++v) (v <= u ? at_most : at_least) += d.counts[v];
      at_least += d.counts[u];
      double expected = std::min(1.0, 2 * std::min(at_most, at_least) / total);
      Samples s = samples_with_u(d.m, d.n, u);
      MannWhitneyResult r = mann_whitney_u(s.a, s.b);
      ASSERT_EQ(r.u_a, static_cast<double>(u));
      ASSERT_TRUE(r.exact);
      EXPECT_NEAR(r.p_value, expected, 1e-14) << "m=" << d.m << " n=" << d.n << " u=" << u;
      // The null distribution does not depend on which sample is called a.
      EXPECT_NEAR(mann_whitney_u(s.b, s.a).p_value, expected, 1e-14);
    }
  }
}

TEST(MannWhitney, ExactMatchesGaussianBinomialForLargerSizes) {
  // (m, n, u, two-sided p) from the exact integer coefficients of [m + n choose m]_q.
  struct Case {
    size_t m, n, u;
    double p;
  };
  const Case cases[] = {
      {20, 20, 130, 0.05956383156170359},   {20, 20, 200, 1.0},
      {37, 53, 700, 0.02113662149428023},   {100, 100, 4200, 0.05061847608000584},
      {100, 100, 4900, 0.8083312263674446}, {8, 1250, 4000, 0.3356023970400421},
      {1, 10000, 9990, 0.0021997800219978}, {10, 11, 0, 5.670284308055206e-06},
  };
  for (const Case& c : cases) {
    Samples s = samples_with_u(c.m, c.n, c.u);
    MannWhitneyResult r = mann_whitney_u(s.a, s.b);
    ASSERT_EQ(r.u_a, static_cast<double>(c.u));
    EXPECT_TRUE(r.exact);
    EXPECT_NEAR(r.p_value, c.p, 1e-12 * c.p) << "m=" << c.m << " n=" << c.n << " u=" << c.u;
  }
}

TEST(MannWhitney, SwappingSamplesSwapsUAndKeepsP) {
  std::vector<std::vector<double>> samples = {
      {3, 1, 4, 1, 5, 9, 2, 6}, {2, 7, 1, 8, 2, 8, 1, 8, 2}, {1.5, 2.5, 3.5}, {10, 20, 30, 40}};
  for (const auto& a : samples) {
    for (const auto& b : samples) {
      MannWhitneyResult ab = mann_whitney_u(a, b), ba = mann_whitney_u(b, a);
      EXPECT_EQ(ab.u_a, ba.u_b);
      EXPECT_EQ(ab.u_b, ba.u_a);
      EXPECT_EQ(ab.u_a + ab.u_b, static_cast<double>(a.size() * b.size()));
      EXPECT_EQ(ab.p_value, ba.p_value);
      EXPECT_EQ(ab.exact, ba.exact);
    }
  }
}

TEST(MannWhitney, NoDifferenceGivesPOne) {
  // Identical samples (ties across them: asymptotic, U at its mean).
  std::vector<double> x = {1, 2, 3, 4, 5};
  EXPECT_EQ(mann_whitney_u(x, x).p_value, 1);
  // Every value tied: sigma is 0.
  std::vector<double> fives = {5, 5, 5};
  MannWhitneyResult all_tied = mann_whitney_u(fives, fives);
  EXPECT_EQ(all_tied.u_a, 4.5);
  EXPECT_EQ(all_tied.p_value, 1);
  // Exact, U exactly m n / 2.
  std::vector<double> a = {1, 4}, b = {2, 3};
  MannWhitneyResult r = mann_whitney_u(a, b);
  EXPECT_TRUE(r.exact);
  EXPECT_EQ(r.u_a, 2);
  EXPECT_EQ(r.p_value, 1);
  // One value each: the only possible outcomes have p = 1.
  EXPECT_EQ(mann_whitney_u(std::vector<double>{1}, std::vector<double>{2}).p_value, 1);
}

TEST(MannWhitney, ExactBoundAndMethodChoice) {
  Samples at_bound = samples_with_u(100, 100, 4000);
  EXPECT_EQ(100u * 100u, kMannWhitneyExactMaxPairs);
  EXPECT_TRUE(mann_whitney_u(at_bound.a, at_bound.b).exact);
  Samples past_bound = samples_with_u(100, 101, 4000);
  EXPECT_FALSE(mann_whitney_u(past_bound.a, past_bound.b).exact);
  // At the bound the normal approximation is already close to the exact value (0.0146 against
  // 0.014377088521157688 from the Gaussian binomial), which is why going asymptotic beyond it
  // costs little.
  double exact = mann_whitney_u(at_bound.a, at_bound.b).p_value;
  double normal = mann_whitney_u(at_bound.a, at_bound.b, MannWhitneyMethod::ASYMPTOTIC).p_value;
  EXPECT_NEAR(exact, 0.014377088521157688, 1e-14);
  EXPECT_NEAR(normal, exact, 0.03 * exact);

  std::vector<double> tied_a = {1, 2, 3}, tied_b = {3, 4, 5};
  EXPECT_FALSE(mann_whitney_u(tied_a, tied_b).exact);
  EXPECT_THROW(mann_whitney_u(tied_a, tied_b, MannWhitneyMethod::EXACT), std::invalid_argument);
  EXPECT_THROW(mann_whitney_u(past_bound.a, past_bound.b, MannWhitneyMethod::EXACT),
               std::invalid_argument);
  Samples small = samples_with_u(3, 4, 5);
  EXPECT_FALSE(mann_whitney_u(small.a, small.b, MannWhitneyMethod::ASYMPTOTIC).exact);
  EXPECT_TRUE(mann_whitney_u(small.a, small.b, MannWhitneyMethod::EXACT).exact);
}

TEST(MannWhitney, RejectsEmptyOrNanInput) {
  std::vector<double> empty, x = {1, 2}, with_nan = {1, std::nan("")};
  EXPECT_THROW(mann_whitney_u(empty, x), std::invalid_argument);
  EXPECT_THROW(mann_whitney_u(x, empty), std::invalid_argument);
  EXPECT_THROW(mann_whitney_u(with_nan, x), std::invalid_argument);
  EXPECT_THROW(mann_whitney_u(x, with_nan), std::invalid_argument);
}

TEST(MannWhitney, InfinitiesRankLikeAnyOtherValue) {
  double inf = std::numeric_limits<double>::infinity();
  std::vector<double> a = {inf, 5}, b = {-inf, 1};
  MannWhitneyResult r = mann_whitney_u(a, b);
  EXPECT_EQ(r.u_a, 4);
  EXPECT_NEAR(r.p_value, 2.0 / 6.0, 1e-15);  // 1 of C(4, 2) = 6 arrangements, doubled
}

}  // namespace
}  // namespace harness::stats
