// The tick engine (views/ticks.h) on the ranges the views really show.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "views/ticks.h"

using ropelab::views::AxisTicks;
using ropelab::views::fit_log_ticks;
using ropelab::views::fit_ticks;
using ropelab::views::format_tick;
using ropelab::views::nice_step;
using ropelab::views::nice_ticks;
using ropelab::views::round_range;
using ropelab::views::tick_decimals;
using ropelab::views::TickFit;

namespace {

// A monospace-like font: 7 px per character (DejaVu Sans 9 pt digits are 6.9 px at 96 dpi).
double width7(const std::string& s) {
  return 7.0 * static_cast<double>(s.size());
}

std::vector<std::string> shown(const AxisTicks& t) {
  std::vector<std::string> out;
  for (const auto& l : t.labels)
    if (!l.empty()) out.push_back(l);
  return out;
}

}  // namespace

TEST(Ticks, NiceStepsAreOneTwoFive) {
  EXPECT_DOUBLE_EQ(nice_step(0, 1, 5), 0.5);  // 0.2 would make six ticks
  EXPECT_DOUBLE_EQ(nice_step(0, 1, 6), 0.2);
  EXPECT_DOUBLE_EQ(nice_step(0, 1, 11), 0.1);
  EXPECT_DOUBLE_EQ(nice_step(0, 63, 8), 10);
  EXPECT_DOUBLE_EQ(nice_step(0, 63, 4), 20);
  EXPECT_DOUBLE_EQ(nice_step(0, 4096, 6), 1000);
  EXPECT_DOUBLE_EQ(nice_step(0, 4096, 4), 2000);
  EXPECT_DOUBLE_EQ(nice_step(1, 16, 5), 5);
  // The S(delta) chart that showed 0.9/0.93/.../1.02: now 0.9, 0.95, 1.
  EXPECT_DOUBLE_EQ(nice_step(0.9, 1.02, 4), 0.05);
  EXPECT_EQ(nice_ticks(0.9, 1.02, 4), (std::vector<double>{0.9, 0.95, 1.0}));
  EXPECT_EQ(nice_ticks(0, 63, 8), (std::vector<double>{0, 10, 20, 30, 40, 50, 60}));
  EXPECT_EQ(nice_ticks(-1, 1, 5), (std::vector<double>{-1, -0.5, 0, 0.5, 1}));
  EXPECT_EQ(nice_ticks(3, 3, 5), (std::vector<double>{3}));
  EXPECT_EQ(nice_step(0, std::numeric_limits<double>::infinity(), 5), 0);
}

TEST(Ticks, RoundRangeWidensToMultiples) {
  EXPECT_EQ(round_range(0.913, 1.0, 5), (std::pair<double, double>{0.9, 1.0}));
  EXPECT_EQ(round_range(0, 14.3, 5), (std::pair<double, double>{0, 15}));
  EXPECT_EQ(round_range(-0.07, 0.93, 6), (std::pair<double, double>{-0.2, 1.0}));
}

TEST(Ticks, LabelsPrintExactlyAndNeverMinusZero) {
  EXPECT_EQ(tick_decimals(1), 0);
  EXPECT_EQ(tick_decimals(0.5), 1);
  EXPECT_EQ(tick_decimals(0.05), 2);
  EXPECT_EQ(tick_decimals(0.25), 2);
  EXPECT_EQ(format_tick(0.95, 0.05), "0.95");
  EXPECT_EQ(format_tick(1.0, 0.05), "1.00");
  EXPECT_EQ(format_tick(-1e-17, 0.1), "0.0");
  EXPECT_EQ(format_tick(-0.0001, 0.1), "0.0");
  EXPECT_EQ(format_tick(-0.0, 1), "0");
  EXPECT_EQ(format_tick(3000, 1000), "3000");
  EXPECT_EQ(format_tick(2e6, 1e6), "2e6");
  EXPECT_EQ(format_tick(1.5e6, 5e5), "1.5e6");
  EXPECT_EQ(format_tick(-0.5, 0.5), "-0.5");
}

TEST(Ticks, FrequencySurfaceTimeAxisNoLongerRunsTogether) {
  // "1000200030004000" on a 180 px axis: four-digit labels (28 px) need 36 px each with the gap.
  const AxisTicks t = fit_ticks(0, 4096, TickFit{120, 8, 0, 10}, width7);
  EXPECT_EQ(shown(t), (std::vector<std::string>{"0", "2000", "4000"}));
  const AxisTicks mid = fit_ticks(0, 4096, TickFit{180, 8, 0, 10}, width7);
  EXPECT_EQ(shown(mid), (std::vector<std::string>{"0", "1000", "2000", "3000", "4000"}));
  const AxisTicks wide = fit_ticks(0, 4096, TickFit{600, 8, 0, 10}, width7);
  EXPECT_EQ(shown(wide), (std::vector<std::string>{"0", "500", "1000", "1500", "2000", "2500",
                                                   "3000", "3500", "4000"}));
}

TEST(Ticks, PairAxisOnACompactPanel) {
  // "102030405060" on a compare panel 90 px long: 10, 20... do not fit, 20s do.
  const AxisTicks t = fit_ticks(0, 63, TickFit{90, 8, 0, 10}, width7);
  EXPECT_EQ(shown(t), (std::vector<std::string>{"0", "20", "40", "60"}));
  // Every label pair is apart by at least half-widths plus the gap.
  for (std::size_t i = 1; i < t.values.size(); ++i) {
    const double dx = (t.values[i] - t.values[i - 1]) / 63.0 * 90;
    EXPECT_GE(dx, (width7(t.labels[i]) + width7(t.labels[i - 1])) / 2 + 8);
  }
}

TEST(Ticks, OriginLabelLeftOutInTheClearance) {
  // The origin "0" would merge with the other axis' label ("350"): it is left out, its tick stays.
  const AxisTicks t = fit_ticks(0, 35, TickFit{200, 8, 12, 10}, width7);
  ASSERT_FALSE(t.values.empty());
  EXPECT_EQ(t.values.front(), 0);
  EXPECT_EQ(t.labels.front(), "");
  EXPECT_EQ(shown(t), (std::vector<std::string>{"5", "10", "15", "20", "25", "30", "35"}));
}

TEST(Ticks, VerticalAxisByLineHeight) {
  // cos axis, 60 px tall with 14 px labels: -1, 0, 1.
  const auto height = [](const std::string&) { return 14.0; };
  const AxisTicks t = fit_ticks(-1, 1, TickFit{60, 4, 0, 10}, height);
  EXPECT_EQ(shown(t), (std::vector<std::string>{"-1", "0", "1"}));
  const AxisTicks tall = fit_ticks(-1, 1, TickFit{200, 4, 0, 12}, height);
  EXPECT_EQ(shown(tall), (std::vector<std::string>{"-1.0", "-0.8", "-0.6", "-0.4", "-0.2", "0.0",
                                                   "0.2", "0.4", "0.6", "0.8", "1.0"}));
}

TEST(Ticks, ThinsWhenEvenTwoDoNotFit) {
  const AxisTicks t = fit_ticks(0, 100000, TickFit{40, 8, 0, 10}, width7);
  // 0 and 100000 would need 3.5 + 21 + 8 px = 32.5 px apart... they fit at 40 px.
  EXPECT_EQ(shown(t), (std::vector<std::string>{"0", "100000"}));
  const AxisTicks tiny = fit_ticks(0, 100000, TickFit{20, 8, 0, 10}, width7);
  EXPECT_EQ(shown(tiny), (std::vector<std::string>{"0"}));
}

TEST(Ticks, LogDecadesThinned) {
  // Wavelengths of D = 128, base 1e6: 6.28 to 4.4e6.
  const AxisTicks all =
      fit_log_ticks(6.28, 4.4e6, TickFit{300, 4, 0, 10}, [](const std::string&) { return 14.0; });
  EXPECT_EQ(shown(all), (std::vector<std::string>{"10", "100", "1000", "1e4", "1e5", "1e6"}));
  const AxisTicks few =
      fit_log_ticks(6.28, 4.4e6, TickFit{60, 4, 0, 10}, [](const std::string&) { return 14.0; });
  EXPECT_EQ(shown(few), (std::vector<std::string>{"10", "1000", "1e5"}));
  EXPECT_EQ(few.values.size(), 6u);
}
