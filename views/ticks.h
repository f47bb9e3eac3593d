#pragma once
// The one tick engine behind every axis RoPE Lab draws (Qt Charts, the 2-D heatmaps, the 3-D
// views' axes on screen and in vector exports). Pure C++, no Qt or VTK, so it is unit-tested
// without a display.
//
// What it does, in the manner of matplotlib's MaxNLocator: ticks at round steps (1, 2 or 5
// times a power of ten), as many as fit. "Fit" means the labels, measured in pixels along the
// axis by the caller, do not overlap with a minimum gap between neighbours, and none reaches
// into the clearance left at the axis' start (where another axis' origin label sits).
#include <functional>
#include <string>
#include <utility>
#include <vector>

namespace ropelab::views {

// The smallest round step (1, 2, 5 × 10^k) that puts at most max_ticks multiples in [lo, hi].
// 0 when the range is empty or not finite.
double nice_step(double lo, double hi, int max_ticks);
// The multiples of nice_step(lo, hi, max_ticks) within [lo, hi] (ends included, with a relative
// tolerance of 1e-9 of the step); a single value when the range is empty.
std::vector<double> nice_ticks(double lo, double hi, int max_ticks);
// [lo, hi] widened outward to multiples of the round step (matplotlib's round_numbers).
std::pair<double, double> round_range(double lo, double hi, int max_ticks);
// Decimals that print every multiple of `step` exactly: 0 for steps of 1 and more, 1 for 0.5,
// 2 for 0.05.
int tick_decimals(double step);
// A tick value as text: fixed point with tick_decimals(step) digits, never "-0"; values of a
// million and more in scientific notation ("2e6", "1.5e6").
std::string format_tick(double value, double step);

struct TickFit {
  double pixels = 0;           // length of the axis on screen
  double gap = 8;              // minimum pixels between neighbouring labels
  double start_clearance = 0;  // no label may reach closer than this to the axis' start
  int max_ticks = 10;          // never more ticks than this
};

struct AxisTicks {
  double step = 0;
  std::vector<double> values;       // where the ticks are (round multiples of step)
  std::vector<std::string> labels;  // one per value; "" for a tick whose label was left out
};

// Pixels a label takes along the axis: its width on a horizontal axis, its height on a vertical
// one (the caller measures with the font it draws with).
using LabelExtent = std::function<double(const std::string&)>;

// The densest round ticks over [lo, hi] whose labels fit (see above). If even two ticks do not
// fit, every other label (then every third...) is left out until they do; a label that would
// enter the start clearance is left out (its tick stays).
AxisTicks fit_ticks(double lo, double hi, const TickFit& fit, const LabelExtent& extent);

// Decade ticks 10^k over [lo, hi] (lo > 0) for a logarithmic axis, labelled "1", "10", "100",
// "1000", then "1e4", "1e5"...; labels thinned to every 2nd, 5th... decade until they fit (the
// axis length is measured in log units: position = log10(value)).
AxisTicks fit_log_ticks(double lo, double hi, const TickFit& fit, const LabelExtent& extent);

}  // namespace ropelab::views
