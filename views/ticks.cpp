#include "views/ticks.h"

#include <algorithm>
#include <cmath>
#include <cstdio>

namespace ropelab::views {

namespace {

constexpr double kTolerance = 1e-9;

long long first_multiple(double lo, double step) {
  return static_cast<long long>(std::ceil(lo / step - kTolerance));
}
long long last_multiple(double hi, double step) {
  return static_cast<long long>(std::floor(hi / step + kTolerance));
}

bool usable(double lo, double hi) {
  return std::isfinite(lo) && std::isfinite(hi) && hi > lo;
}

// Whether the labels at `positions` (pixels from the axis start) fit: neighbours apart by half
// their extents plus the gap, none inside the start clearance. Labels that are "" are skipped.
bool labels_fit(const std::vector<double>& positions, const std::vector<std::string>& labels,
                const TickFit& fit, const LabelExtent& extent) {
  double previousEnd = -1e300;
  for (std::size_t i = 0; i < positions.size(); ++i) {
    if (labels[i].empty()) continue;
    const double half = extent(labels[i]) / 2.0;
    if (positions[i] - half < previousEnd + fit.gap) return false;
    previousEnd = positions[i] + half;
  }
  return true;
}

// Drops labels entering the start clearance, then thins labels (every k-th kept, counted from
// the first labelled tick) until they fit.
void clear_and_thin(AxisTicks& ticks, const std::vector<double>& positions, const TickFit& fit,
                    const LabelExtent& extent) {
  if (fit.start_clearance > 0) {
    for (std::size_t i = 0; i < positions.size(); ++i) {
      if (!ticks.labels[i].empty() &&
          positions[i] - extent(ticks.labels[i]) / 2.0 < fit.start_clearance) {
        ticks.labels[i].clear();
      }
    }
  }
  if (labels_fit(positions, ticks.labels, fit, extent)) return;
  const std::vector<std::string> all = ticks.labels;
  for (std::size_t every = 2; every <= all.size(); ++every) {
    std::size_t seen = 0;
    for (std::size_t i = 0; i < all.size(); ++i) {
      if (all[i].empty()) continue;
      ticks.labels[i] = seen++ % every == 0 ? all[i] : std::string();
    }
    if (labels_fit(positions, ticks.labels, fit, extent)) return;
  }
}

}  // namespace

double nice_step(double lo, double hi, int max_ticks) {
  if (!usable(lo, hi)) return 0;
  max_ticks = std::max(max_ticks, 1);
  const double span = hi - lo;
  // Start one decade below span / max_ticks and take the first 1-2-5 step that fits.
  double magnitude = std::pow(10.0, std::floor(std::log10(span / max_ticks)) - 1);
  for (int guard = 0; guard < 40; ++guard, magnitude *= 10) {
    for (double m : {1.0, 2.0, 5.0}) {
      const double step = m * magnitude;
      if (last_multiple(hi, step) - first_multiple(lo, step) + 1 <= max_ticks) return step;
    }
  }
  return span;
}

std::vector<double> nice_ticks(double lo, double hi, int max_ticks) {
  const double step = nice_step(lo, hi, max_ticks);
  if (step <= 0) return {lo};
  std::vector<double> values;
  // k * step rounded to the step's decimals, so 19 * 0.05 is 0.95 and not 0.9500000000000001.
  const double scale = std::pow(10.0, tick_decimals(step));
  for (long long k = first_multiple(lo, step); k <= last_multiple(hi, step); ++k) {
    values.push_back(k == 0 ? 0.0 : std::round(static_cast<double>(k) * step * scale) / scale);
  }
  return values;
}

std::pair<double, double> round_range(double lo, double hi, int max_ticks) {
  const double step = nice_step(lo, hi, max_ticks);
  if (step <= 0) return {lo, hi};
  const auto down = static_cast<double>(std::floor(lo / step + kTolerance));
  const auto up = static_cast<double>(std::ceil(hi / step - kTolerance));
  return {down * step, up * step};
}

int tick_decimals(double step) {
  if (!(step > 0) || !std::isfinite(step) || step >= 1) return 0;
  // Smallest d with step * 10^d an integer (to 1e-6 relative): 0.5 -> 1, 0.05 -> 2, 0.25 -> 2.
  for (int d = 1; d < 15; ++d) {
    const double scaled = step * std::pow(10.0, d);
    if (std::abs(scaled - std::round(scaled)) < 1e-6 * scaled) return d;
  }
  return 15;
}

std::string format_tick(double value, double step) {
  char buffer[64];
  if (std::abs(value) < std::abs(step) * kTolerance) value = 0;
  if (std::abs(value) >= 1e6) {
    const int exponent = static_cast<int>(std::floor(std::log10(std::abs(value)) + kTolerance));
    const double mantissa = value / std::pow(10.0, exponent);
    const int digits = std::clamp(tick_decimals(step / std::pow(10.0, exponent)), 0, 6);
    std::snprintf(buffer, sizeof buffer, "%.*fe%d", digits, mantissa, exponent);
    return buffer;
  }
  std::snprintf(buffer, sizeof buffer, "%.*f", tick_decimals(step), value);
  std::string text = buffer;
  if (text.front() == '-' && text.find_first_not_of("-0.") == std::string::npos) text.erase(0, 1);
  return text;
}

AxisTicks fit_ticks(double lo, double hi, const TickFit& fit, const LabelExtent& extent) {
  AxisTicks ticks;
  if (!usable(lo, hi)) {
    ticks.values = {lo};
    ticks.labels = {format_tick(lo, 1)};
    return ticks;
  }
  std::vector<double> positions;
  // From the densest tick set down: the first whose labels fit (labels in the start clearance
  // left out) wins; if none does, the sparsest is thinned.
  for (int n = std::max(fit.max_ticks, 2); n >= 2; --n) {
    const double step = nice_step(lo, hi, n);
    if (step == ticks.step) continue;
    ticks.step = step;
    ticks.values = nice_ticks(lo, hi, n);
    ticks.labels.clear();
    positions.clear();
    for (double v : ticks.values) {
      ticks.labels.push_back(format_tick(v, step));
      positions.push_back((v - lo) / (hi - lo) * fit.pixels);
    }
    if (fit.start_clearance > 0) {
      for (std::size_t i = 0; i < positions.size(); ++i) {
        if (positions[i] - extent(ticks.labels[i]) / 2.0 < fit.start_clearance) {
          ticks.labels[i].clear();
        }
      }
    }
    if (labels_fit(positions, ticks.labels, fit, extent)) return ticks;
  }
  clear_and_thin(ticks, positions, fit, extent);
  return ticks;
}

AxisTicks fit_log_ticks(double lo, double hi, const TickFit& fit, const LabelExtent& extent) {
  AxisTicks ticks;
  if (!(lo > 0) || !usable(lo, hi)) return ticks;
  const double a = std::log10(lo), b = std::log10(hi);
  for (auto k = static_cast<long long>(std::ceil(a - kTolerance));
       k <= static_cast<long long>(std::floor(b + kTolerance)); ++k) {
    const double value = std::pow(10.0, static_cast<double>(k));
    ticks.values.push_back(value);
    if (k >= 0 && k <= 3) {
      ticks.labels.push_back(format_tick(value, 1));
    } else if (k < 0 && k >= -3) {
      ticks.labels.push_back(format_tick(value, value));
    } else {
      ticks.labels.push_back("1e" + std::to_string(k));
    }
  }
  ticks.step = 10;
  std::vector<double> positions;
  for (double v : ticks.values) positions.push_back((std::log10(v) - a) / (b - a) * fit.pixels);
  clear_and_thin(ticks, positions, fit, extent);
  return ticks;
}

}  // namespace ropelab::views
