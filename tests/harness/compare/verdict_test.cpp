// decide(): every branch of the verdict rule on hand-made evidence, each condition of a
// regression (and of an improvement) failing alone, and the effective threshold
// T = max(threshold, noise_k x noise floor).
#include "harness/compare/verdict.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

namespace harness::compare {
namespace {

using ::testing::HasSubstr;

// Clear evidence of a 10% slowdown with the default rule (threshold 5%, alpha 0.01, k 2).
TimeEvidence slower() {
  TimeEvidence e;
  e.ratio = 1.10;
  e.ci_low = 1.06;
  e.ci_high = 1.14;
  e.p_value = 0.0001;
  e.noise_floor = 0.01;
  e.base_samples = 30;
  e.new_samples = 30;
  return e;
}

// The mirror image: 10% faster.
TimeEvidence faster() {
  TimeEvidence e = slower();
  e.ratio = 0.90;
  e.ci_low = 0.86;
  e.ci_high = 0.94;
  return e;
}

TEST(Decide, ClearSlowdownIsARegression) {
  const Decision d = decide(slower(), VerdictRule{});
  EXPECT_EQ(d.verdict, Verdict::Regression);
  EXPECT_DOUBLE_EQ(d.effective_threshold, 0.05);
  EXPECT_THAT(d.reason, HasSubstr("slower"));
}

TEST(Decide, RegressionNeedsSignificance) {
  TimeEvidence e = slower();
  e.p_value = 0.02;  // above alpha = 0.01
  const Decision d = decide(e, VerdictRule{});
  EXPECT_EQ(d.verdict, Verdict::Unchanged);
  EXPECT_THAT(d.reason, HasSubstr("not significant"));
}

TEST(Decide, RegressionNeedsTheRatioBeyondTheThreshold) {
  TimeEvidence e = slower();
  e.ratio = 1.04;  // significant and the CI excludes 1, but within 5%
  e.ci_low = 1.02;
  EXPECT_EQ(decide(e, VerdictRule{}).verdict, Verdict::Unchanged);
}

TEST(Decide, RegressionNeedsTheIntervalToExcludeOne) {
  TimeEvidence e = slower();
  e.ci_low = 0.99;
  const Decision d = decide(e, VerdictRule{});
  EXPECT_EQ(d.verdict, Verdict::Unchanged);
  EXPECT_THAT(d.reason, HasSubstr("confidence interval"));
}

TEST(Decide, ClearSpeedupIsAnImprovement) {
  const Decision d = decide(faster(), VerdictRule{});
  EXPECT_EQ(d.verdict, Verdict::Improvement);
  EXPECT_THAT(d.reason, HasSubstr("faster"));
}

TEST(Decide, ImprovementNeedsSignificance) {
  TimeEvidence e = faster();
  e.p_value = 0.5;
  EXPECT_EQ(decide(e, VerdictRule{}).verdict, Verdict::Unchanged);
}

TEST(Decide, ImprovementNeedsTheRatioBelowOneOverOnePlusThreshold) {
  TimeEvidence e = faster();
  e.ratio = 0.96;  // 1 / 1.05 = 0.952...
  e.ci_high = 0.98;
  EXPECT_EQ(decide(e, VerdictRule{}).verdict, Verdict::Unchanged);
}

TEST(Decide, ImprovementNeedsTheIntervalToExcludeOne) {
  TimeEvidence e = faster();
  e.ci_high = 1.01;
  EXPECT_EQ(decide(e, VerdictRule{}).verdict, Verdict::Unchanged);
}

// The formula tests below fix k = 2 so their numbers do not move with the default.
VerdictRule two_noise_floors() {
  VerdictRule rule;
  rule.noise_k = 2;
  return rule;
}

TEST(Decide, EffectiveThresholdFollowsTheNoiseFloor) {
  TimeEvidence e = slower();
  e.ratio = 1.07;
  e.ci_low = 1.03;
  e.noise_floor = 0.05;  // 2 x 5% = 10% > 7%
  const Decision wide = decide(e, two_noise_floors());
  EXPECT_EQ(wide.verdict, Verdict::Unchanged);
  EXPECT_DOUBLE_EQ(wide.effective_threshold, 0.10);
  EXPECT_THAT(wide.reason, HasSubstr("within 10.0%"));

  e.noise_floor = 0.01;  // 2 x 1% = 2% < threshold 5% < 7%
  const Decision narrow = decide(e, two_noise_floors());
  EXPECT_EQ(narrow.verdict, Verdict::Regression);
  EXPECT_DOUBLE_EQ(narrow.effective_threshold, 0.05);
}

TEST(Decide, NoiseKScalesTheFloor) {
  TimeEvidence e = slower();
  e.noise_floor = 0.04;
  VerdictRule rule;
  rule.noise_k = 3;  // 12% > 10%
  EXPECT_EQ(decide(e, rule).verdict, Verdict::Unchanged);
  EXPECT_DOUBLE_EQ(decide(e, rule).effective_threshold, 0.12);
  rule.noise_k = 1;  // 4% < 5%: the threshold rules
  EXPECT_EQ(decide(e, rule).verdict, Verdict::Regression);
  EXPECT_DOUBLE_EQ(decide(e, rule).effective_threshold, 0.05);
}

TEST(Decide, TooFewSamplesOnEitherSideIsNoisy) {
  TimeEvidence e = slower();
  e.base_samples = 4;
  Decision d = decide(e, two_noise_floors());
  EXPECT_EQ(d.verdict, Verdict::Noisy);
  EXPECT_THAT(d.reason, HasSubstr("too few samples"));

  e = slower();
  e.new_samples = 4;
  EXPECT_EQ(decide(e, two_noise_floors()).verdict, Verdict::Noisy);

  e = slower();
  e.base_samples = e.new_samples = 5;  // exactly min_samples is enough
  EXPECT_EQ(decide(e, two_noise_floors()).verdict, Verdict::Regression);
}

TEST(Decide, ThresholdWiderThanMaxEffectiveIsNoisy) {
  TimeEvidence e = slower();
  e.ratio = 2.0;  // even a doubling cannot be told from noise this wide
  e.ci_low = 1.8;
  e.ci_high = 2.2;
  e.noise_floor = 0.13;  // T = 26% > 25%
  const Decision d = decide(e, two_noise_floors());
  EXPECT_EQ(d.verdict, Verdict::Noisy);
  EXPECT_DOUBLE_EQ(d.effective_threshold, 0.26);
  EXPECT_THAT(d.reason, HasSubstr("noise floor"));

  e.noise_floor = 0.125;  // T = 25% exactly: still decidable
  EXPECT_EQ(decide(e, two_noise_floors()).verdict, Verdict::Regression);
}

TEST(Decide, NoChangeIsUnchanged) {
  TimeEvidence e;
  e.base_samples = e.new_samples = 30;
  e.ratio = 1.0;
  e.ci_low = 0.98;
  e.ci_high = 1.02;
  e.p_value = 0.6;
  EXPECT_EQ(decide(e, VerdictRule{}).verdict, Verdict::Unchanged);
}

TEST(VerdictNames, AreTheWordsTheReportsUse) {
  EXPECT_EQ(to_string(Verdict::Regression), "regression");
  EXPECT_EQ(to_string(Verdict::Improvement), "improvement");
  EXPECT_EQ(to_string(Verdict::Unchanged), "unchanged");
  EXPECT_EQ(to_string(Verdict::Noisy), "noisy");
  EXPECT_EQ(to_string(Verdict::Failed), "failed");
  EXPECT_EQ(to_string(Verdict::Missing), "missing");
  EXPECT_EQ(to_string(Verdict::Added), "new");
}

}  // namespace
}  // namespace harness::compare
