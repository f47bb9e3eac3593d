#include "views/palette.h"

#include <algorithm>
#include <array>
#include <cmath>

namespace ropelab::views {

namespace {

struct Stop {
  double at;
  QColor color;
};

QColor interpolate(const std::array<Stop, 5>& ramp, double value) {
  value = std::clamp(std::isfinite(value) ? value : 0.0, 0.0, 1.0);
  for (std::size_t i = 1; i < ramp.size(); ++i) {
    if (value <= ramp[i].at) {
      const double f = (value - ramp[i - 1].at) / (ramp[i].at - ramp[i - 1].at);
      const QColor& a = ramp[i - 1].color;
      const QColor& b = ramp[i].color;
      return QColor::fromRgbF(static_cast<float>(a.redF() + f * (b.redF() - a.redF())),
                              static_cast<float>(a.greenF() + f * (b.greenF() - a.greenF())),
                              static_cast<float>(a.blueF() + f * (b.blueF() - a.blueF())));
    }
  }
  return ramp.back().color;
}

// Viridis sampled at five stops: ordered, colour-blind safe, readable on light and dark.
const std::array<Stop, 5> kViridis{{{0.0, QColor(68, 1, 84)},
                                    {0.25, QColor(59, 82, 139)},
                                    {0.5, QColor(33, 145, 140)},
                                    {0.75, QColor(94, 201, 98)},
                                    {1.0, QColor(253, 231, 37)}}};
// Inferno-like: low attention nearly black, high attention bright.
const std::array<Stop, 5> kHeat{{{0.0, QColor(12, 7, 48)},
                                 {0.25, QColor(87, 16, 110)},
                                 {0.5, QColor(188, 55, 84)},
                                 {0.75, QColor(249, 142, 9)},
                                 {1.0, QColor(252, 255, 164)}}};

}  // namespace

QColor modality_color(Modality modality) {
  switch (modality) {
    case Modality::Text:
      return QColor(230, 85, 13);  // orange
    case Modality::Image:
      return QColor(49, 130, 189);  // blue
    case Modality::Video:
      return QColor(49, 163, 84);  // green
  }
  return Qt::gray;
}

QColor axis_color(int axis) {
  // t red, h blue, w green, then purple and brown for the fourth and fifth axes.
  static const std::array<QColor, 5> colors{QColor(214, 39, 40), QColor(31, 119, 180),
                                            QColor(44, 160, 44), QColor(148, 103, 189),
                                            QColor(140, 86, 75)};
  return colors[static_cast<std::size_t>(std::max(axis, 0)) % colors.size()];
}

QColor frame_color(int frame, int frames) {
  return interpolate(kViridis, frames > 1 ? static_cast<double>(frame) / (frames - 1) : 0.5);
}

QColor heat_color(double value) {
  return interpolate(kHeat, value);
}

QColor variant_color(std::size_t index) {
  static const QColor colors[] = {QColor(31, 119, 180), QColor(255, 127, 14), QColor(44, 160, 44),
                                  QColor(214, 39, 40)};
  return colors[index % 4];
}

QColor view_background(Theme theme) {
  return theme == Theme::Dark ? QColor(32, 34, 38) : QColor(250, 250, 250);
}

QColor view_foreground(Theme theme) {
  return theme == Theme::Dark ? QColor(225, 225, 225) : QColor(30, 30, 30);
}

}  // namespace ropelab::views
