#include "views/attention_view.h"

#include <QComboBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QPainter>
#include <QVBoxLayout>
#include <algorithm>
#include <cmath>

#include "views/panel_grid.h"

namespace ropelab::views {

class AttentionCanvas : public QWidget {
 public:
  explicit AttentionCanvas(QWidget* parent) : QWidget(parent) { setAutoFillBackground(false); }
  // Room for the strip, the tiles and the two maps with their titles: it grows with the font
  // (presentation mode), so compare panels scroll rather than squash their text together.
  QSize minimumSizeHint() const override {
    const int line = fontMetrics().height();
    return {std::max(320, 22 * line), std::max(260, 17 * line)};
  }
  AttentionData data;
  Theme theme = Theme::Light;

 protected:
  void paintEvent(QPaintEvent*) override;

 private:
  void paintStrip(QPainter& p, const QRect& area);
  void paintTiles(QPainter& p, const QRect& area);
  void paintMap(QPainter& p, const QRect& area, const RowMatrix& m, const QStringList& titles,
                const QString& subtitle, const QString& rowLabel, const QString& colLabel);
};

namespace {

constexpr int kBarWidth = 14;

// Sizes that follow the font (figures scale it with their physical size).
int title_height(const QPainter& p) {
  return static_cast<int>(std::ceil(QFontMetricsF(p.font()).height())) + 4;
}
int bar_label_width(const QPainter& p) {
  return static_cast<int>(
             std::ceil(QFontMetricsF(p.font()).horizontalAdvance(QStringLiteral("0.0000")))) +
         8;
}
int line_height(const QPainter& p) {
  return static_cast<int>(std::ceil(QFontMetricsF(p.font()).height()));
}

// One line of text in its area, shortened with an ellipsis rather than running into a neighbour.
void draw_title(QPainter& p, int left, int top, int width, const QString& text) {
  const QFontMetrics fm(p.font());
  p.drawText(left, top + fm.ascent(), fm.elidedText(text, Qt::ElideRight, std::max(width, 0)));
}

// The first of `texts` (longest first) that fits the width; the last, shortened, if none does.
void draw_fitting_title(QPainter& p, int left, int top, int width, const QStringList& texts) {
  const QFontMetrics fm(p.font());
  for (const QString& text : texts) {
    if (fm.horizontalAdvance(text) <= width) {
      p.drawText(left, top + fm.ascent(), text);
      return;
    }
  }
  draw_title(p, left, top, width, texts.last());
}

QString format_value(double v) {
  return QString::number(v, 'g', 3);
}

double normalise(double v, double lo, double hi) {
  return hi > lo ? (v - lo) / (hi - lo) : 0.5;
}

// A vertical colour bar with its top, middle and bottom values.
void paint_color_bar(QPainter& p, const QRect& area, double lo, double hi, const QColor& text) {
  const QRect bar(area.left(), area.top(), kBarWidth, area.height());
  for (int y = 0; y < bar.height(); ++y) {
    p.setPen(heat_color(1.0 - static_cast<double>(y) / std::max(bar.height() - 1, 1)));
    p.drawLine(bar.left(), bar.top() + y, bar.right(), bar.top() + y);
  }
  p.setPen(text);
  const QFontMetrics fm(p.font());
  const int x = bar.right() + 4;
  // Top, middle and bottom values as far as they fit beside the bar without touching.
  p.drawText(x, bar.top() + fm.ascent(), format_value(hi));
  if (bar.height() >= 3 * fm.height() + 4) {
    p.drawText(x, bar.center().y() + fm.ascent() / 2, format_value((lo + hi) / 2));
  }
  if (bar.height() >= 2 * fm.height() + 2)
    p.drawText(x, bar.bottom() - fm.descent(), format_value(lo));
}

// Cells of a matrix as squares as large as fit, centred in area; returns the drawn rectangle.
QRect paint_grid(QPainter& p, const QRect& area, const RowMatrix& m, double lo, double hi) {
  if (m.size() == 0) return {};
  const double cell = std::min(static_cast<double>(area.width()) / m.cols(),
                               static_cast<double>(area.height()) / m.rows());
  const QRectF grid(area.left() + (area.width() - cell * m.cols()) / 2.0, area.top(),
                    cell * m.cols(), cell * m.rows());
  p.setPen(Qt::NoPen);
  for (Eigen::Index r = 0; r < m.rows(); ++r) {
    for (Eigen::Index c = 0; c < m.cols(); ++c) {
      p.setBrush(heat_color(normalise(m(r, c), lo, hi)));
      // Overlap by a fraction of a pixel so no background shows between cells.
      p.drawRect(QRectF(grid.left() + c * cell, grid.top() + r * cell, cell + 0.5, cell + 0.5));
    }
  }
  return grid.toAlignedRect();
}

}  // namespace

void AttentionCanvas::paintEvent(QPaintEvent*) {
  QPainter p(this);
  p.fillRect(rect(), view_background(theme));
  p.setBrush(view_foreground(theme));
  p.setPen(view_foreground(theme));
  if (!data.encoding || data.probabilities.size() == 0) {
    p.drawText(rect(), Qt::AlignCenter, tr("No attention computed yet"));
    return;
  }
  const int margin = 8;
  const QRect inner = rect().adjusted(margin, margin, -margin, -margin);
  const int stripHeight = std::max(64, 2 * line_height(p) + 34);
  paintStrip(p, QRect(inner.left(), inner.top(), inner.width(), stripHeight));
  p.setPen(view_foreground(theme));
  if (data.segment < 0) return;
  const int rest = inner.height() - stripHeight - margin;
  const int tilesHeight = rest * 2 / 5;
  paintTiles(p,
             QRect(inner.left(), inner.top() + stripHeight + margin, inner.width(), tilesHeight));
  const int mapsTop = inner.top() + stripHeight + margin + tilesHeight + margin;
  const QRect maps(inner.left(), mapsTop, inner.width(), inner.bottom() - mapsTop);
  const int half = maps.width() / 2;
  p.setPen(view_foreground(theme));
  paintMap(p, QRect(maps.left(), maps.top(), half - margin, maps.height()), data.patchMap,
           // Shorter when narrow: the value always shows.
           {tr("spatial bias max/min %1").arg(format_value(data.patchMaxOverMin)),
            tr("bias max/min %1").arg(format_value(data.patchMaxOverMin)),
            tr("max/min %1").arg(format_value(data.patchMaxOverMin))},
           tr("H×W frame mean ÷ its mean"), tr("h"), tr("w"));
  if (data.frameMatrix.size() > 0) {
    paintMap(p, QRect(maps.left() + half + margin, maps.top(), half - margin, maps.height()),
             data.frameMatrix, {tr("frame × frame")}, tr("mean logit, query × key frame"), tr("q"),
             tr("k"));  // short: the subtitle names them, the map is small
  } else {
    p.drawText(QRect(maps.left() + half + margin, maps.top(), half - margin, maps.height()),
               Qt::AlignCenter | Qt::TextWordWrap,
               QStringLiteral("frame × frame skipped: %1 tokens (limit %2)")
                   .arg(data.frameMatrixTokens)
                   .arg(kFrameMatrixTokenLimit));
  }
}

void AttentionCanvas::paintStrip(QPainter& p, const QRect& area) {
  const Eigen::VectorXd& prob = data.probabilities;
  const auto n = static_cast<int>(prob.size());
  const double hi = prob.maxCoeff();
  draw_fitting_title(p, area.left(), area.top(), area.width(),
                     {tr("query token %1: softmax over all %2 tokens (causal; later keys 0)")
                          .arg(data.query)
                          .arg(n),
                      tr("query token %1: causal softmax over %2 tokens").arg(data.query).arg(n),
                      tr("query %1: softmax over %2 tokens").arg(data.query).arg(n)});
  const int titleHeight = title_height(p);
  const int barLabelWidth = bar_label_width(p);
  const QRect strip(area.left(), area.top() + titleHeight, area.width() - barLabelWidth - kBarWidth,
                    area.height() - titleHeight - 14);
  // Many tokens per pixel column: show each column's maximum so a lone peak is not averaged out.
  const TokenLayout& t = data.encoding->positions.tokens;
  for (int x = 0; x < strip.width(); ++x) {
    const int first = static_cast<int>(static_cast<long long>(x) * n / strip.width());
    const int last =
        std::max(first + 1, static_cast<int>(static_cast<long long>(x + 1) * n / strip.width()));
    double peak = 0;
    for (int i = first; i < std::min(last, n); ++i) peak = std::max(peak, prob[i]);
    p.setPen(heat_color(hi > 0 ? peak / hi : 0));
    p.drawLine(strip.left() + x, strip.top(), strip.left() + x, strip.bottom());
    p.setPen(modality_color(t.modality[static_cast<std::size_t>(std::min(first, n - 1))]));
    p.drawLine(strip.left() + x, strip.bottom() + 3, strip.left() + x, strip.bottom() + 8);
  }
  const int qx = strip.left() + static_cast<int>(static_cast<long long>(data.query) *
                                                 strip.width() / std::max(n, 1));
  p.setPen(QPen(view_foreground(theme), 2));
  p.drawLine(qx, strip.top() - 3, qx, strip.bottom() + 10);
  p.setPen(view_foreground(theme));
  paint_color_bar(p, QRect(strip.right() + 8, strip.top(), kBarWidth, strip.height()), 0, hi,
                  view_foreground(theme));
}

void AttentionCanvas::paintTiles(QPainter& p, const QRect& area) {
  double hi = 0;
  for (const auto& tile : data.tiles) hi = std::max(hi, tile.maxCoeff());
  const int titleHeight = title_height(p);
  const int barLabelWidth = bar_label_width(p);
  draw_fitting_title(
      p, area.left(), area.top(), area.width(),
      {tr("per-frame H×W probabilities (%1 of %2 frames, %3×%4 tokens each)")
           .arg(data.tiles.size())
           .arg(data.frames)
           .arg(data.height)
           .arg(data.width),
       tr("per-frame H×W probabilities (%1 of %2 frames)").arg(data.tiles.size()).arg(data.frames),
       tr("per-frame probabilities (%1 of %2 frames)").arg(data.tiles.size()).arg(data.frames)});
  const QRect tilesArea(area.left(), area.top() + titleHeight,
                        area.width() - barLabelWidth - kBarWidth - 8, area.height() - titleHeight);
  const int count = static_cast<int>(data.tiles.size());
  if (count == 0) return;
  const int gap = 6;
  const int labelHeight = line_height(p);
  const int tileWidth = std::max(4, (tilesArea.width() - gap * (count - 1)) / count);
  QRect tiles;  // what the tiles cover: the colour bar spans them, not the whole area
  for (int k = 0; k < count; ++k) {
    const QRect tile(tilesArea.left() + k * (tileWidth + gap), tilesArea.top(), tileWidth,
                     tilesArea.height() - labelHeight);
    const QRect drawn = paint_grid(p, tile, data.tiles[static_cast<std::size_t>(k)], 0, hi);
    tiles = tiles.united(drawn);
    p.setPen(view_foreground(theme));
    p.drawText(QRect(tile.left(), drawn.bottom() + 2, tile.width(), labelHeight),
               Qt::AlignHCenter | Qt::AlignTop,
               QStringLiteral("f%1").arg(data.tileFrames[static_cast<std::size_t>(k)]));
  }
  // At least two lines tall, so its end labels do not run into each other on tiny tiles.
  paint_color_bar(p,
                  QRect(tilesArea.right() + 8, tiles.top(), kBarWidth,
                        std::max(tiles.height(), 2 * labelHeight)),
                  0, hi, view_foreground(theme));
}

void AttentionCanvas::paintMap(QPainter& p, const QRect& area, const RowMatrix& m,
                               const QStringList& titles, const QString& subtitle,
                               const QString& rowLabel, const QString& colLabel) {
  const int titleHeight = title_height(p);
  const int barLabelWidth = bar_label_width(p);
  const int line = line_height(p);
  draw_fitting_title(p, area.left(), area.top(), area.width(), titles);
  draw_title(p, area.left(), area.top() + titleHeight, area.width(), subtitle);
  const int titlesHeight = 2 * titleHeight + 2;
  const QRect grid(area.left() + line + 2, area.top() + titlesHeight,
                   area.width() - barLabelWidth - kBarWidth - line - 10,
                   area.height() - titlesHeight - line - 4);
  const double lo = m.minCoeff();
  const double hi = m.maxCoeff();
  const QRect drawn = paint_grid(p, grid, m, lo, hi);
  p.setPen(view_foreground(theme));
  const QFontMetrics fm(p.font());
  p.drawText(QRect(drawn.left(), drawn.bottom() + 2, drawn.width(), line), Qt::AlignHCenter,
             fm.elidedText(colLabel + QStringLiteral(" →"), Qt::ElideRight, drawn.width()));
  // The row label reads upright, its arrow above it: rotated text would be measured by its glyph
  // advance in a PDF (pdftotext -bbox) and is harder to read. A label too wide for the strip
  // left of the map turns instead.
  const QString arrow = QStringLiteral("↑");
  if (fm.horizontalAdvance(rowLabel) <= line + 2) {
    const QRect strip(area.left(), drawn.top() + drawn.height() / 2 - line, line + 2, 2 * line);
    p.drawText(strip, Qt::AlignHCenter | Qt::AlignTop, arrow);
    p.drawText(strip, Qt::AlignHCenter | Qt::AlignBottom, rowLabel);
  } else {
    p.save();
    p.translate(QPoint(area.left() + line / 2 + 1, drawn.top() + drawn.height() / 2));
    p.rotate(-90);
    p.drawText(QRect(-drawn.height() / 2, -line / 2, drawn.height(), line), Qt::AlignHCenter,
               fm.elidedText(rowLabel + QStringLiteral(" →"), Qt::ElideRight, drawn.height()));
    p.restore();
  }
  paint_color_bar(p, QRect(drawn.right() + 8, drawn.top(), kBarWidth, drawn.height()), lo, hi,
                  view_foreground(theme));
  p.setPen(view_foreground(theme));
}

AttentionView::AttentionView(QWidget* parent) : QWidget(parent) {
  auto* layout = new QVBoxLayout(this);
  layout->setContentsMargins(0, 0, 0, 0);
  layout->setSpacing(2);
  bar_ = new QHBoxLayout;
  bar_->setContentsMargins(4, 2, 4, 0);
  auto* qkLabel = new QLabel(tr("q/k:"), this);
  qkLabel->setProperty("ropelabControl", true);  // a control's caption: not part of a figure
  bar_->addWidget(qkLabel);
  modelChoice_ = new QComboBox(this);
  modelChoice_->setObjectName(QStringLiteral("qkModel"));
  for (QkModel m : {QkModel::Ones, QkModel::Gaussian, QkModel::MeanShiftedGaussian}) {
    modelChoice_->addItem(qk_label(m), static_cast<int>(m));
  }
  bar_->addWidget(modelChoice_);
  bar_->addStretch(1);
  layout->addLayout(bar_);
  // Below the choice, across the dock's width: two short lines instead of a tall narrow column.
  note_ = new QLabel(qk_note(QkModel::Ones), this);
  note_->setWordWrap(true);
  note_->setContentsMargins(4, 0, 4, 0);
  note_->setProperty("ropelabControl", true);
  layout->addWidget(note_);
  panels_ = new PanelGrid(this);
  layout->addWidget(panels_, 1);
  ensurePanels(1);
  connect(modelChoice_, &QComboBox::currentIndexChanged, this, [this] {
    note_->setText(qk_note(model()));
    emit modelChanged(model());
  });
}

void AttentionView::ensurePanels(int count) {
  panels_->truncate(count);
  while (panels_->count() < count) {
    auto* canvas = new AttentionCanvas(panels_);
    canvas->setObjectName(QStringLiteral("attentionCanvas%1").arg(panels_->count()));
    canvas->theme = theme_;
    panels_->append(canvas);
  }
}

AttentionCanvas* AttentionView::canvas(int index) const {
  return static_cast<AttentionCanvas*>(panels_->panel(index));
}

void AttentionView::setData(AttentionData data) {
  ensurePanels(1);
  panels_->setTitle(0, {}, {});
  canvas(0)->data = std::move(data);
  canvas(0)->update();
}

void AttentionView::setData(std::vector<AttentionData> data, const std::vector<QString>& ids,
                            const std::vector<QColor>& colors) {
  const int n = std::max<int>(1, static_cast<int>(data.size()));
  ensurePanels(n);
  for (int i = 0; i < static_cast<int>(data.size()); ++i) {
    const auto k = static_cast<std::size_t>(i);
    panels_->setTitle(i, k < ids.size() ? ids[k] : QString(),
                      k < colors.size() ? colors[k] : QColor());
    canvas(i)->data = std::move(data[k]);
    canvas(i)->update();
  }
}

const AttentionData& AttentionView::data(int panel) const {
  return canvas(panel)->data;
}

int AttentionView::panelCount() const {
  return panels_->count();
}

void AttentionView::addControl(QWidget* control) {
  bar_->insertWidget(bar_->count() - 1, control);
}

void AttentionView::setModel(QkModel model) {
  modelChoice_->setCurrentIndex(modelChoice_->findData(static_cast<int>(model)));
}

QkModel AttentionView::model() const {
  return static_cast<QkModel>(modelChoice_->currentData().toInt());
}

void AttentionView::setTheme(Theme theme) {
  theme_ = theme;
  for (int i = 0; i < panels_->count(); ++i) {
    canvas(i)->theme = theme;
    canvas(i)->update();
  }
}

QImage AttentionView::renderImage() {
  return panels_->grab().toImage();
}

}  // namespace ropelab::views
