#include "views/panel_grid.h"

#include <QGridLayout>
#include <QLabel>
#include <QPainter>
#include <QResizeEvent>
#include <QScrollArea>
#include <QScrollBar>
#include <QStyle>
#include <QVBoxLayout>
#include <algorithm>
#include <cmath>

#include "views/palette.h"

namespace ropelab::views {

namespace {

constexpr int kSpacing = 4;

}  // namespace

int grid_columns(int count, QSize area, QSize minimum, double aspect) {
  const int n = std::max(count, 1);
  int best = 1;
  double bestError = 1e300;
  for (int c = 1; c <= n; ++c) {
    const int rows = (n + c - 1) / c;
    const double width = (area.width() - kSpacing * (c - 1)) / static_cast<double>(c);
    // A column too narrow for a panel is never chosen (one column always is: it scrolls).
    if (c > 1 && minimum.width() > 0 && width < minimum.width()) continue;
    const double height =
        std::max((area.height() - kSpacing * (rows - 1)) / static_cast<double>(rows),
                 static_cast<double>(std::max(minimum.height(), 1)));
    const double error =
        std::abs(std::log(std::max(width, 1.0) / height / aspect)) + 0.05 * (c * rows - n);
    if (error < bestError) {
      bestError = error;
      best = c;
    }
  }
  return best;
}

QString panel_title_html(const QString& id, const QColor& color) {
  return QStringLiteral("<span style='color:%1'>■</span> %2").arg(color.name(), id.toHtmlEscaped());
}

PanelGrid::PanelGrid(QWidget* parent) : QWidget(parent) {
  auto* layout = new QVBoxLayout(this);
  layout->setContentsMargins(0, 0, 0, 0);
  scroll_ = new QScrollArea(this);
  scroll_->setFrameShape(QFrame::NoFrame);
  scroll_->setWidgetResizable(true);
  scroll_->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
  scroll_->setVerticalScrollBarPolicy(Qt::ScrollBarAsNeeded);
  // The panels paint their own background; the scroll area's viewport shows through the gaps.
  scroll_->setBackgroundRole(QPalette::Window);
  content_ = new QWidget(scroll_);
  grid_ = new QGridLayout(content_);
  grid_->setContentsMargins(0, 0, 0, 0);
  grid_->setSpacing(kSpacing);
  scroll_->setWidget(content_);
  layout->addWidget(scroll_);
}

void PanelGrid::append(QWidget* panel) {
  Box b;
  b.box = new QWidget(content_);
  auto* column = new QVBoxLayout(b.box);
  column->setContentsMargins(0, 0, 0, 0);
  column->setSpacing(2);
  b.title = new QLabel(b.box);
  b.title->setObjectName(QStringLiteral("panelTitle"));
  QFont bold = b.title->font();
  bold.setBold(true);
  b.title->setFont(bold);
  b.title->setTextFormat(Qt::RichText);
  b.title->setContentsMargins(4, 0, 4, 0);
  b.title->hide();
  column->addWidget(b.title);
  panel->setParent(b.box);
  column->addWidget(panel, 1);
  b.panel = panel;
  boxes_.push_back(b);
  arrange();
}

void PanelGrid::truncate(int count) {
  // Called with every result: nothing to do (no relayout) unless panels go.
  if (static_cast<int>(boxes_.size()) <= std::max(count, 0)) return;
  while (static_cast<int>(boxes_.size()) > std::max(count, 0)) {
    grid_->removeWidget(boxes_.back().box);
    delete boxes_.back().box;
    boxes_.pop_back();
  }
  arrange();
}

QWidget* PanelGrid::panel(int index) const {
  return boxes_.at(static_cast<std::size_t>(index)).panel;
}

void PanelGrid::setTitle(int index, const QString& id, const QColor& color) {
  QLabel* label = boxes_.at(static_cast<std::size_t>(index)).title;
  label->setText(id.isEmpty() ? QString() : panel_title_html(id, color));
  label->setProperty("variantId", id);
  label->setVisible(!id.isEmpty());
}

QString PanelGrid::title(int index) const {
  return boxes_.at(static_cast<std::size_t>(index)).title->property("variantId").toString();
}

QLabel* PanelGrid::titleLabel(int index) const {
  return boxes_.at(static_cast<std::size_t>(index)).title;
}

QSize PanelGrid::minimumCell() const {
  QSize cell;
  for (const Box& b : boxes_) cell = cell.expandedTo(b.box->minimumSizeHint());
  return cell;
}

void PanelGrid::arrange() {
  const int n = count();
  if (n == 0) return;
  const QSize minimum = minimumCell();
  QSize area = size();
  int columns = grid_columns(n, area, minimum);
  // When the panels cannot all fit in height the vertical scroll bar takes its width.
  const int needed = (n + columns - 1) / columns * (minimum.height() + kSpacing) - kSpacing;
  if (needed > area.height()) {
    area.rwidth() -= style()->pixelMetric(QStyle::PM_ScrollBarExtent);
    columns = grid_columns(n, area, minimum);
  }
  // Already so (a resize that keeps the columns): the layout stays valid, nothing is re-laid out.
  if (grid_->count() == n && columns == columns_) return;
  columns_ = columns;
  for (const Box& b : boxes_) grid_->removeWidget(b.box);
  for (int i = 0; i < n; ++i)
    grid_->addWidget(boxes_[static_cast<std::size_t>(i)].box, i / columns, i % columns);
  const int rows = (n + columns - 1) / columns;
  for (int c = 0; c < std::max(grid_->columnCount(), columns); ++c)
    grid_->setColumnStretch(c, c < columns ? 1 : 0);
  for (int r = 0; r < std::max(grid_->rowCount(), rows); ++r)
    grid_->setRowStretch(r, r < rows ? 1 : 0);
}

void PanelGrid::resizeEvent(QResizeEvent* event) {
  QWidget::resizeEvent(event);
  if (event->size() != event->oldSize()) arrange();
}

namespace {

constexpr int kSample = 28;  // line sample length
constexpr int kGap = 14;     // between entries

}  // namespace

VariantLegend::VariantLegend(QWidget* parent) : QWidget(parent) {
  setSizePolicy(QSizePolicy::Preferred, QSizePolicy::Fixed);
}

void VariantLegend::setVariants(const std::vector<QString>& ids,
                                const std::vector<QColor>& colors) {
  if (ids == ids_ && colors == colors_) return;
  ids_ = ids;
  colors_ = colors;
  updateGeometry();
  update();
}

std::vector<QRect> VariantLegend::place(int width) const {
  const QFontMetrics fm(font());
  std::vector<QRect> rects;
  int x = 4, y = 2;
  const int line = fm.height() + 2;
  for (const QString& id : ids_) {
    const int w = kSample + 6 + fm.horizontalAdvance(id);
    if (x > 4 && x + w > width - 4) {
      x = 4;
      y += line;
    }
    rects.emplace_back(x, y, w, line);
    x += w + kGap;
  }
  return rects;
}

int VariantLegend::heightForWidth(int width) const {
  if (ids_.empty()) return 0;
  return place(width).back().bottom() + 3;
}

QSize VariantLegend::sizeHint() const {
  const std::vector<QRect> rects = place(100000);
  return rects.empty() ? QSize(0, 0) : QSize(rects.back().right() + 4, rects.back().bottom() + 3);
}

QSize VariantLegend::minimumSizeHint() const {
  const QFontMetrics fm(font());
  int widest = 0;
  for (const QString& id : ids_) widest = std::max(widest, kSample + 6 + fm.horizontalAdvance(id));
  return {widest + 8, ids_.empty() ? 0 : fm.height() + 4};
}

void VariantLegend::paintEvent(QPaintEvent*) {
  QPainter p(this);
  p.setRenderHint(QPainter::Antialiasing);
  const QFontMetrics fm(font());
  const std::vector<QRect> rects = place(width());
  for (std::size_t i = 0; i < rects.size(); ++i) {
    const QRect& r = rects[i];
    QPen pen(colors_[i], variant_pen_width(i), variant_pen_style(i));
    pen.setCapStyle(Qt::FlatCap);
    p.setPen(pen);
    const int y = r.center().y();
    p.drawLine(r.left(), y, r.left() + kSample, y);
    p.setPen(palette().color(QPalette::WindowText));
    p.drawText(QRect(r.left() + kSample + 6, r.top(), r.width() - kSample - 6, r.height()),
               Qt::AlignLeft | Qt::AlignVCenter, ids_[i]);
  }
}

}  // namespace ropelab::views
