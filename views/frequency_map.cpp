#include "views/frequency_map.h"

#include <QPaintEngine>
#include <QPainter>
#include <QPainterPath>
#include <algorithm>
#include <array>
#include <cmath>
#include <vector>

#include "views/ticks.h"

namespace ropelab::views {

namespace {

// Where a value range maps onto a pixel range.
struct Scale {
  double v0, v1, p0, p1;
  double operator()(double v) const { return p0 + (v - v0) / (v1 - v0) * (p1 - p0); }
};

bool vector_device(QPainter& painter) {
  const QPaintEngine* engine = painter.paintEngine();
  if (engine == nullptr) return false;
  const auto type = engine->type();
  return type == QPaintEngine::SVG || type == QPaintEngine::Pdf || type == QPaintEngine::Picture;
}

// x ticks below a horizontal axis from `x0` to `x1` at `y`; returns the labels' bottom.
double draw_x_ticks(QPainter& p, const Scale& sx, double y, const QColor& fg) {
  const QFontMetricsF fm(p.font());
  const double pixels = sx.p1 - sx.p0;
  const AxisTicks ticks = fit_ticks(
      sx.v0, sx.v1, TickFit{pixels, 10, 0, 10},
      [&](const std::string& s) { return fm.horizontalAdvance(QString::fromStdString(s)); });
  p.setPen(fg);
  for (std::size_t i = 0; i < ticks.values.size(); ++i) {
    const double x = sx(ticks.values[i]);
    p.drawLine(QPointF(x, y), QPointF(x, y + 4));
    if (ticks.labels[i].empty()) continue;
    const QString text = QString::fromStdString(ticks.labels[i]);
    const double w = fm.horizontalAdvance(text);
    p.drawText(QRectF(x - w / 2 - 1, y + 5, w + 2, fm.height()), Qt::AlignCenter, text);
  }
  return y + 5 + fm.height();
}

void draw_y_ticks(QPainter& p, const Scale& sy, double x, const QColor& fg, bool right) {
  const QFontMetricsF fm(p.font());
  const AxisTicks ticks = fit_ticks(sy.v0, sy.v1, TickFit{std::abs(sy.p1 - sy.p0), 2, 0, 8},
                                    [&](const std::string&) { return fm.height(); });
  p.setPen(fg);
  for (std::size_t i = 0; i < ticks.values.size(); ++i) {
    const double y = sy(ticks.values[i]);
    p.drawLine(QPointF(x, y), QPointF(right ? x + 4 : x - 4, y));
    if (ticks.labels[i].empty()) continue;
    const QString text = QString::fromStdString(ticks.labels[i]);
    const double w = fm.horizontalAdvance(text);
    const QRectF box = right ? QRectF(x + 6, y - fm.height() / 2, w + 2, fm.height())
                             : QRectF(x - 6 - w - 2, y - fm.height() / 2, w + 2, fm.height());
    p.drawText(box, Qt::AlignVCenter | (right ? Qt::AlignLeft : Qt::AlignRight), text);
  }
}

// 6.28, 62.8, 628, 54410: plain digits, three significant ones below 1000.
QString wavelength_text(double lambda) {
  return lambda >= 1000 ? QString::number(lambda, 'f', 0) : QString::number(lambda, 'g', 3);
}

struct LegendEntry {
  enum Kind { Axis, Nope, PassThrough, Extent, Wrap } kind;
  int axis;
  QString text;
  double x, y;  // top left, y relative to the legend's first line
};

double widest_label(const QFontMetricsF& fm, double lo, double hi) {
  double w = 0;
  for (double v : nice_ticks(lo, hi, 8)) {
    w = std::max(
        w, fm.horizontalAdvance(QString::fromStdString(format_tick(v, nice_step(lo, hi, 8)))));
  }
  return w;
}

}  // namespace

QColor diverging_color(double value) {
  // Moreland's cool-warm: blue (59,76,192) at -1, grey (221,221,221) at 0, red (180,4,38) at +1.
  const double v = std::clamp(std::isfinite(value) ? value : 0.0, -1.0, 1.0);
  const QColor a = v < 0 ? QColor(59, 76, 192) : QColor(221, 221, 221);
  const QColor b = v < 0 ? QColor(221, 221, 221) : QColor(180, 4, 38);
  const double f = v < 0 ? v + 1.0 : v;
  return QColor::fromRgbF(static_cast<float>(a.redF() + f * (b.redF() - a.redF())),
                          static_cast<float>(a.greenF() + f * (b.greenF() - a.greenF())),
                          static_cast<float>(a.blueF() + f * (b.blueF() - a.blueF())));
}

namespace {

// diverging_color's steps for one half of the ramp (lower: blue to grey, else grey to red) at
// f in [0, 1]: QColor's float channels, interpolated in double, stored as 16 bits by fromRgbF
// and read back as 8 bits by rgb().
QRgb diverging_rgb_exact(bool lower, double f) {
  static const std::array<std::array<double, 3>, 3> stops = [] {
    std::array<std::array<double, 3>, 3> s{};
    const std::array<QColor, 3> colors{QColor(59, 76, 192), QColor(221, 221, 221),
                                       QColor(180, 4, 38)};
    for (std::size_t i = 0; i < 3; ++i) {
      s[i] = {static_cast<double>(colors[i].redF()), static_cast<double>(colors[i].greenF()),
              static_cast<double>(colors[i].blueF())};
    }
    return s;
  }();
  const auto& a = lower ? stops[0] : stops[1];
  const auto& b = lower ? stops[1] : stops[2];
  std::array<int, 3> channel{};
  for (std::size_t k = 0; k < 3; ++k) {
    const auto x = static_cast<float>(a[k] + f * (b[k] - a[k]));
    const int wide = qRound(x * USHRT_MAX);
    channel[k] = (wide + 0x80 - ((wide + 0x80) >> 8)) >> 8;  // wide / 257, rounded
  }
  return qRgb(channel[0], channel[1], channel[2]);
}

}  // namespace

QRgb diverging_rgb(double value) {
  // Each channel is a monotone step function of f, so a cell of f whose two ends give the same
  // colour gives it throughout: a table of such cells answers almost every pixel exactly, and
  // the few cells holding a step fall back to the computation (the heatmap paints ~30k pixels
  // on every slider step).
  constexpr int kCells = 1 << 14;
  static const std::array<std::vector<QRgb>, 2> table = [] {
    std::array<std::vector<QRgb>, 2> t;
    for (int half = 0; half < 2; ++half) {
      t[static_cast<std::size_t>(half)].resize(kCells);
      for (int i = 0; i < kCells; ++i) {
        const QRgb lo = diverging_rgb_exact(half == 0, static_cast<double>(i) / kCells);
        const QRgb hi = diverging_rgb_exact(half == 0, static_cast<double>(i + 1) / kCells);
        t[static_cast<std::size_t>(half)][static_cast<std::size_t>(i)] = lo == hi ? lo : 0;
      }
    }
    return t;
  }();
  const double v = std::clamp(std::isfinite(value) ? value : 0.0, -1.0, 1.0);
  const bool lower = v < 0;
  const double f = lower ? v + 1.0 : v;
  const int cell = std::min(static_cast<int>(f * kCells), kCells - 1);
  // 0 (alpha 0) is never a colour: it marks a cell with a step.
  const QRgb cached = table[lower ? 0 : 1][static_cast<std::size_t>(cell)];
  return cached != 0 ? cached : diverging_rgb_exact(lower, f);
}

FrequencyMap::FrequencyMap(QWidget* parent) : QWidget(parent) {
  setObjectName(QStringLiteral("frequencyMap"));
}

QSize FrequencyMap::minimumSizeHint() const {
  // The heatmap keeps rows to read beside its axis, its labels and legend lines; with the font.
  const int line = fontMetrics().height();
  return {std::max(240, 16 * line), std::max(160, 11 * line)};
}

void FrequencyMap::setData(std::shared_ptr<const Encoding> encoding,
                           const CollisionReport& collisions, std::vector<int> pairs, double span) {
  encoding_ = std::move(encoding);
  collisions_ = collisions;
  pairs_ = std::move(pairs);
  span_ = std::max(span, 1.0);
  linePairs_.clear();
  const auto& own = collisions_.pairs;
  if (!own.empty()) {
    for (std::size_t k : {std::size_t{0}, own.size() / 2, own.size() - 1}) {
      if (std::find(linePairs_.begin(), linePairs_.end(), own[k]) == linePairs_.end()) {
        linePairs_.push_back(own[k]);
      }
    }
  }
  update();
}

const QImage& FrequencyMap::heatmapImage(int columns) {
  const Encoding& e = *encoding_;
  Heatmap& h = heatmap_;
  if (h.image.isNull() || h.columns != columns || h.span != span_ || h.pairs != pairs_ ||
      h.invFreq.size() != e.inv_freq.size() || h.invFreq != e.inv_freq) {
    const RowMatrix z = frequency_surface(e.inv_freq, pairs_, span_, columns);
    const int rows = static_cast<int>(pairs_.size());
    QImage image(columns, rows, QImage::Format_RGB32);
    for (int r = 0; r < rows; ++r) {
      auto* out = reinterpret_cast<QRgb*>(image.scanLine(r));
      for (int c = 0; c < columns; ++c) out[c] = diverging_rgb(z(r, c));
    }
    h = {e.inv_freq, pairs_, span_, columns, std::move(image)};
  }
  return h.image;
}

void FrequencyMap::setTheme(Theme theme) {
  theme_ = theme;
  update();
}

void FrequencyMap::paintEvent(QPaintEvent* /*event*/) {
  QPainter p(this);
  const QColor bg = view_background(theme_), fg = view_foreground(theme_);
  p.fillRect(rect(), bg);
  if (!encoding_ || pairs_.empty()) return;
  p.setRenderHint(QPainter::Antialiasing, true);
  p.setRenderHint(QPainter::TextAntialiasing, true);
  const Encoding& e = *encoding_;
  const QFont font = this->font();
  QFont bold = font;
  bold.setBold(true);
  p.setFont(font);
  const QFontMetricsF fm(font);
  const double line = fm.height();

  // Horizontal layout: [pair title][pair labels][strip][heatmap][bar][bar labels]
  const double pairLabelWidth = widest_label(fm, pairs_.front(), pairs_.back() + 1.0);
  const double left = 4 + line + 4 + pairLabelWidth + 6;
  const double strip = 8;
  const double barWidth = 12;
  const double right =
      width() - 4 - fm.horizontalAdvance(QStringLiteral("-0.5")) - 8 - barWidth - 10;
  const double x0 = left + strip + 2, x1 = right;
  if (x1 - x0 < 40) return;
  // The legend's entries, placed in lines from x0 to the right edge.
  std::vector<LegendEntry> legend;
  {
    const auto add = [&](LegendEntry::Kind kind, int axis, const QString& text) {
      legend.push_back(LegendEntry{kind, axis, text, 0, 0});
    };
    for (std::size_t a = 0; a < e.axes().size(); ++a) {
      add(LegendEntry::Axis, static_cast<int>(a), QString::fromStdString(e.axes()[a]));
    }
    const bool nope = std::any_of(pairs_.begin(), pairs_.end(), [&](int j) {
      return e.pair_axis[static_cast<std::size_t>(j)] < 0;
    });
    if (nope) add(LegendEntry::Nope, -1, tr("NoPE θ=0"));
    if (e.rotary_dims < e.head_dim()) {
      add(LegendEntry::PassThrough, -1,
          tr("dims %1–%2 unrotated").arg(e.rotary_dims).arg(e.head_dim() - 1));
    }
    add(LegendEntry::Extent, -1,
        tr("- - video extent %1").arg(QString::number(collisions_.extent, 'g', 4)));
    add(LegendEntry::Wrap, -1, tr("| wrap t = k·λ"));
    double x = x0, y = 0;
    for (LegendEntry& entry : legend) {
      const bool swatch = entry.kind == LegendEntry::Axis || entry.kind == LegendEntry::Nope ||
                          entry.kind == LegendEntry::PassThrough;
      const double w = (swatch ? line * 0.8 : 0) + fm.horizontalAdvance(entry.text) + 10;
      if (x > x0 && x + w > width() - 4) {
        x = x0;
        y += line;
      }
      entry.x = x;
      entry.y = y;
      x += w;
    }
  }
  const double legendLines = legend.empty() ? 1 : legend.back().y / line + 1;
  // Vertical layout: heatmap, x labels, x title, legend lines; then the line plot (if room).
  const double xAxisBlock = 5 + line + 2 + line + 2 + legendLines * line + 6;
  const bool withLines = !linePairs_.empty() && height() > 300;
  const double total = height() - 8;
  const double mapHeight = withLines ? (total - 2 * xAxisBlock) * 0.62 : total - xAxisBlock;
  const double y0 = 4 + line / 2, y1 = y0 + std::max(mapHeight - line / 2, 20.0);
  const Scale sx{0, span_, x0, x1};
  const int rows = static_cast<int>(pairs_.size());
  const Scale sy{static_cast<double>(pairs_.front()), pairs_.back() + 1.0, y0, y1};
  const double rowHeight = (y1 - y0) / rows;

  // The heatmap: an image on screen, merged runs of rectangles in vector output.
  const bool vector = vector_device(p);
  const int columns = std::clamp(static_cast<int>(x1 - x0), 16, vector ? 160 : 640);
  if (!vector) {
    p.setRenderHint(QPainter::SmoothPixmapTransform, false);
    p.drawImage(QRectF(x0, y0, x1 - x0, y1 - y0), heatmapImage(columns));
  } else {
    const RowMatrix z = frequency_surface(e.inv_freq, pairs_, span_, columns);
    p.setPen(Qt::NoPen);
    const double cw = (x1 - x0) / columns;
    for (int r = 0; r < rows; ++r) {
      int c = 0;
      while (c < columns) {
        // 33 levels of cos: steps of 1/16, finer than the eye tells apart on the ramp.
        const int level = static_cast<int>(std::lround((z(r, c) + 1.0) * 16));
        int end = c + 1;
        while (end < columns && std::lround((z(r, end) + 1.0) * 16) == level) ++end;
        p.setBrush(diverging_color(level / 16.0 - 1.0));
        // A quarter-pixel overlap hides hairline seams between neighbouring rectangles.
        p.drawRect(
            QRectF(x0 + c * cw, y0 + r * rowHeight, (end - c) * cw + 0.25, rowHeight + 0.25));
        c = end;
      }
    }
  }
  // Strip: the axis each pair reads; zero-frequency (NoPE) pairs grey and hatched.
  p.setPen(Qt::NoPen);
  for (int r = 0; r < rows; ++r) {
    const int axis = e.pair_axis[static_cast<std::size_t>(pairs_[static_cast<std::size_t>(r)])];
    const QRectF cell(left, y0 + r * rowHeight, strip, rowHeight + 0.25);
    p.setBrush(axis_color(axis));
    p.drawRect(cell);
    if (axis < 0) {
      p.setBrush(QBrush(bg, Qt::BDiagPattern));
      p.drawRect(cell);
    }
  }
  // Wrap points t = k·λ of the axis' pairs whose wavelength is shorter than the video.
  int wrapMarks = 0;
  p.setPen(QPen(fg, 1.2));
  for (std::size_t i = 0; i < collisions_.pairs.size(); ++i) {
    const auto row = std::find(pairs_.begin(), pairs_.end(), collisions_.pairs[i]);
    const double lambda = collisions_.wavelengths[i];
    if (row == pairs_.end() || !(lambda > 0) || lambda >= collisions_.extent) continue;
    if (sx(lambda) - sx(0) < 4) continue;  // closer than 4 px: the stripes show it already
    const double yr = y0 + static_cast<double>(row - pairs_.begin()) * rowHeight;
    for (double t = lambda; t <= collisions_.extent + 1e-9; t += lambda) {
      p.drawLine(QPointF(sx(t), yr), QPointF(sx(t), yr + std::max(rowHeight, 2.0)));
      ++wrapMarks;
    }
  }
  // The video's extent.
  const double extentX = sx(std::min(collisions_.extent, span_));
  p.setPen(QPen(fg, 1.5, Qt::DashLine));
  p.drawLine(QPointF(extentX, y0), QPointF(extentX, y1));
  // Frame and axes.
  p.setPen(QPen(fg, 1));
  p.setBrush(Qt::NoBrush);
  p.drawRect(QRectF(x0, y0, x1 - x0, y1 - y0));
  draw_y_ticks(p, Scale{sy.v0 - 0.5, sy.v1 - 0.5, y0, y1}, left - 1, fg, false);
  double yText = draw_x_ticks(p, sx, y1, fg);
  const QString axisName = QString::fromStdString(collisions_.axis_name);
  p.setFont(bold);
  p.drawText(QRectF(x0, yText + 2, x1 - x0, line), Qt::AlignCenter,
             tr("position on %1").arg(axisName));
  p.save();
  p.translate(4 + line / 2, (y0 + y1) / 2);
  p.rotate(-90);
  p.drawText(QRectF(-(y1 - y0) / 2, -line / 2, y1 - y0, line), Qt::AlignCenter, tr("pair j"));
  p.restore();
  p.setFont(font);
  // Legend: the strip's axes, NoPE pairs and unrotated dims (when the variant has them), the
  // extent and the wrap marks; entries flow onto a second line rather than being cut.
  {
    const double y = yText + 2 + line + 2;
    double bottom = y;
    for (const LegendEntry& entry : legend) {
      if (entry.kind == LegendEntry::Wrap && wrapMarks == 0) continue;
      const QRectF swatch(entry.x, entry.y + y + line * 0.2, line * 0.6, line * 0.6);
      double tx = entry.x;
      if (entry.kind == LegendEntry::Axis || entry.kind == LegendEntry::Nope ||
          entry.kind == LegendEntry::PassThrough) {
        p.setPen(Qt::NoPen);
        p.setBrush(entry.kind == LegendEntry::Axis   ? axis_color(entry.axis)
                   : entry.kind == LegendEntry::Nope ? nope_color()
                                                     : pass_through_color());
        p.drawRect(swatch);
        if (entry.kind == LegendEntry::Nope) {
          p.setBrush(QBrush(bg, Qt::BDiagPattern));
          p.drawRect(swatch);
        }
        tx += line * 0.8;
      }
      p.setPen(fg);
      p.drawText(QRectF(tx, entry.y + y, fm.horizontalAdvance(entry.text) + 2, line),
                 Qt::AlignVCenter, entry.text);
      bottom = std::max(bottom, entry.y + y + line);
    }
    yText = bottom;
  }
  // Colour bar, as tall as the tiles.
  const double bx = x1 + 10;
  const int steps = 48;
  p.setPen(Qt::NoPen);
  for (int k = 0; k < steps; ++k) {
    const double v = 1.0 - 2.0 * (k + 0.5) / steps;
    p.setBrush(diverging_color(v));
    p.drawRect(QRectF(bx, y0 + k * (y1 - y0) / steps, barWidth, (y1 - y0) / steps + 0.25));
  }
  p.setPen(fg);
  p.setBrush(Qt::NoBrush);
  p.drawRect(QRectF(bx, y0, barWidth, y1 - y0));
  draw_y_ticks(p, Scale{-1, 1, y1, y0}, bx + barWidth, fg, true);

  if (!withLines) return;
  // Line plots of three of the axis' pairs (VideoRoPE Fig. 4): fast, middle, slow.
  const double ly0 = yText + 14, ly1 = height() - 4 - xAxisBlock + 6;
  if (ly1 - ly0 < 30) return;
  const Scale ly{-1.15, 1.15, ly1, ly0};
  const int samples = 400;
  const RowMatrix curves = frequency_surface(e.inv_freq, linePairs_, span_, samples);
  static const Qt::PenStyle styles[] = {Qt::SolidLine, Qt::DashLine, Qt::DotLine};
  p.setPen(QPen(fg, 1));
  p.drawRect(QRectF(x0, ly0, x1 - x0, ly1 - ly0));
  p.setPen(QPen(fg.lighter(theme_ == Theme::Dark ? 60 : 160), 0.8, Qt::DotLine));
  p.drawLine(QPointF(x0, ly(0)), QPointF(x1, ly(0)));
  p.setClipRect(QRectF(x0, ly0, x1 - x0, ly1 - ly0));
  const QColor curveColor = axis_color(collisions_.axis);
  for (std::size_t k = 0; k < linePairs_.size(); ++k) {
    QPainterPath path;
    for (int s = 0; s < samples; ++s) {
      const QPointF pt(sx(span_ * s / (samples - 1)), ly(curves(static_cast<Eigen::Index>(k), s)));
      if (s == 0)
        path.moveTo(pt);
      else
        path.lineTo(pt);
    }
    p.setPen(
        QPen(k == 0 ? curveColor : (k == 1 ? curveColor.darker(150) : fg), 1.8, styles[k % 3]));
    p.drawPath(path);
  }
  p.setClipping(false);
  p.setPen(QPen(fg, 1.5, Qt::DashLine));
  p.drawLine(QPointF(extentX, ly0), QPointF(extentX, ly1));
  draw_y_ticks(p, Scale{-1, 1, ly(-1), ly(1)}, x0 - 1, fg, false);
  const double lb = draw_x_ticks(p, sx, ly1, fg);
  p.setFont(bold);
  p.drawText(QRectF(x0, lb + 2, x1 - x0, line), Qt::AlignCenter,
             tr("position on %1").arg(axisName));
  p.save();
  p.translate(4 + line / 2, (ly0 + ly1) / 2);
  p.rotate(-90);
  p.drawText(QRectF(-(ly1 - ly0) / 2, -line / 2, ly1 - ly0, line), Qt::AlignCenter,
             QStringLiteral("cos"));
  p.restore();
  p.setFont(font);
  // Legend inside the plot's top right, on the background so curves do not run through it.
  double legendWidth = 0;
  for (int j : linePairs_) {
    legendWidth =
        std::max(legendWidth,
                 fm.horizontalAdvance(
                     tr("j = %1 (λ %2)").arg(j).arg(wavelength_text(2.0 * M_PI / e.inv_freq[j]))));
  }
  QColor veil = bg;
  veil.setAlpha(225);
  p.fillRect(QRectF(x1 - legendWidth - 40, ly0 + 1, legendWidth + 39,
                    line * static_cast<double>(linePairs_.size()) + 5),
             veil);
  double legendY = ly0 + 3;
  for (std::size_t k = 0; k < linePairs_.size(); ++k) {
    const int j = linePairs_[k];
    const double lambda = 2.0 * M_PI / e.inv_freq[j];
    const QString text = tr("j = %1 (λ %2)").arg(j).arg(wavelength_text(lambda));
    const double w = fm.horizontalAdvance(text);
    const double tx = x1 - w - 6;
    p.setPen(
        QPen(k == 0 ? curveColor : (k == 1 ? curveColor.darker(150) : fg), 1.8, styles[k % 3]));
    p.drawLine(QPointF(tx - 26, legendY + line / 2), QPointF(tx - 4, legendY + line / 2));
    p.setPen(fg);
    p.drawText(QRectF(tx, legendY, w + 2, line), Qt::AlignVCenter, text);
    legendY += line;
  }
}

}  // namespace ropelab::views
