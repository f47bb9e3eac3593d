#include "views/palette.h"

#include <algorithm>
#include <array>
#include <cmath>

#include "ropelab/registry.h"

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

// Modalities: neutral grey text, earthy image and teal video — none of them a variant colour.
QColor modality_color(Modality modality) {
  switch (modality) {
    case Modality::Text:
      return QColor(128, 128, 128);
    case Modality::Image:
      return QColor(153, 102, 51);
    case Modality::Video:
      return QColor(68, 170, 153);
  }
  return Qt::gray;
}

QColor nope_color() {
  return {136, 136, 136};
}

QColor pass_through_color() {
  return {204, 204, 204};
}

QColor axis_color(int axis) {
  if (axis < 0) return nope_color();
  // Paul Tol's muted palette: t rose, h indigo, w sand, then green and purple.
  static const std::array<QColor, 5> colors{QColor(204, 102, 119), QColor(51, 34, 136),
                                            QColor(221, 204, 119), QColor(17, 119, 51),
                                            QColor(170, 68, 153)};
  return colors[static_cast<std::size_t>(std::max(axis, 0)) % colors.size()];
}

QColor frame_color(int frame, int frames) {
  return interpolate(kViridis, frames > 1 ? static_cast<double>(frame) / (frames - 1) : 0.5);
}

QColor heat_color(double value) {
  return interpolate(kHeat, value);
}

namespace {

// Okabe & Ito (2008) without yellow and black (too faint on light, invisible on dark).
const std::array<QColor, 6> kVariantPalette{QColor(0, 114, 178), QColor(213, 94, 0),
                                            QColor(0, 158, 115), QColor(204, 121, 167),
                                            QColor(230, 159, 0), QColor(86, 180, 233)};

std::size_t preferred_color(const std::string& id) {
  const auto& all = all_variants();
  for (std::size_t i = 0; i < all.size(); ++i) {
    if (all[i]->id() == id) return i % kVariantPalette.size();
  }
  std::size_t hash = 0;
  for (char c : id) hash = hash * 31 + static_cast<unsigned char>(c);
  return hash % kVariantPalette.size();
}

}  // namespace

QColor variant_color(const std::string& id) {
  return kVariantPalette[preferred_color(id)];
}

std::vector<QColor> variant_colors(const std::vector<std::string>& ids) {
  std::vector<bool> used(kVariantPalette.size(), false);
  std::vector<QColor> colors;
  for (const std::string& id : ids) {
    std::size_t k = preferred_color(id);
    for (std::size_t step = 0; step < kVariantPalette.size() && used[k]; ++step) {
      k = (k + 1) % kVariantPalette.size();
    }
    used[k] = true;
    colors.push_back(kVariantPalette[k]);
  }
  return colors;
}

Qt::PenStyle variant_pen_style(std::size_t index) {
  static const Qt::PenStyle styles[] = {Qt::SolidLine, Qt::DashLine, Qt::DotLine, Qt::DashDotLine};
  return styles[index % 4];
}

double variant_pen_width(std::size_t index) {
  return std::max(1.5, 3.5 - 0.6 * static_cast<double>(index));
}

QColor view_background(Theme theme) {
  return theme == Theme::Dark ? QColor(32, 34, 38) : QColor(250, 250, 250);
}

QColor view_foreground(Theme theme) {
  return theme == Theme::Dark ? QColor(225, 225, 225) : QColor(30, 30, 30);
}

}  // namespace ropelab::views
