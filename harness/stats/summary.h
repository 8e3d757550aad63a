// Summaries of one sample: where it lies (mean, median, quantiles, extremes) and how much it
// spreads (median absolute deviation, sample standard deviation). Values may come in any order
// and are left untouched; only median_in_place reorders, so that hot loops (the bootstrap) can
// take medians without copying.
//
// Errors: every function throws std::invalid_argument when the input is empty or contains NaN
// (an ordering needs comparable values); sample_stddev also when there are fewer than two
// values, and quantile when the probability is outside [0, 1].
#pragma once

#include <span>

namespace harness::stats {

double minimum(std::span<const double> values);
double maximum(std::span<const double> values);
double mean(std::span<const double> values);

// Standard deviation with Bessel's correction (divides by n - 1), as R's sd() and numpy's
// std(ddof=1).
double sample_stddev(std::span<const double> values);

// The middle value; for an even count the midpoint of the two middle values (numpy.median,
// R's median).
double median(std::span<const double> values);

// median() computed in the caller's buffer, which it reorders (std::nth_element).
double median_in_place(std::span<double> values);

// Quantile by linear interpolation between order statistics: Hyndman & Fan's type 7, R's
// quantile() default and numpy.quantile's default method "linear". With the values sorted as
// x[0..n-1], h = (n - 1) * probability and the result is x[floor(h)] interpolated towards
// x[floor(h) + 1] by h - floor(h). The interpolation is written as numpy writes it, so results
// match numpy bit for bit.
double quantile(std::span<const double> values, double probability);

// Median absolute deviation from the median, unscaled: median(|x - median(x)|). R's
// mad(x, constant = 1).
double mad(std::span<const double> values);

// mad() times kMadNormalScale: estimates the standard deviation when the data are normal.
// R's mad(x) default.
inline constexpr double kMadNormalScale = 1.4826;
double mad_scaled(std::span<const double> values);

}  // namespace harness::stats
