#include "app/gui/figure_layouts.h"

#include <QResizeEvent>
#include <algorithm>
#include <cmath>
#include <string>

#include "views/layout_view.h"
#include "views/panel_grid.h"

namespace ropelab::teaching {

namespace {

// Room between grid cells, at least views::PanelGrid's own spacing: the grid must never find the
// panels taller than the height given to it (it would scroll inside the dialog's scroll area).
constexpr int kGridGap = 8;

int rows_for(int count, int columns) {
  return (count + columns - 1) / std::max(columns, 1);
}

}  // namespace

FigureLayoutPanels::FigureLayoutPanels(QWidget* parent) : QWidget(parent) {
  // No layout of our own: a parent layout asks a widget with a layout for that layout's
  // height-for-width (the grid has none), not for ours. resizeEvent places the grid.
  grid_ = new views::PanelGrid(this);
  QSizePolicy policy(QSizePolicy::Preferred, QSizePolicy::Preferred);
  policy.setHeightForWidth(true);
  setSizePolicy(policy);
}

void FigureLayoutPanels::setLayouts(const FigureLayouts& layouts) {
  const bool countChanged = views_.size() != layouts.panels.size();
  ensurePanels(layouts.panels.size());
  std::vector<std::string> ids;
  ids.reserve(layouts.panels.size());
  for (const FigureLayout& panel : layouts.panels) ids.push_back(panel.variant);
  const std::vector<QColor> colors = views::variant_colors(ids);
  for (std::size_t i = 0; i < layouts.panels.size(); ++i) {
    views_[i]->setEncoding(layouts.panels[i].encoding);
    views_[i]->setTitle(QString::fromStdString(ids[i]), colors[i]);
  }
  if (countChanged) updateGeometry();
}

void FigureLayoutPanels::setTheme(views::Theme theme) {
  if (theme == theme_) return;
  theme_ = theme;
  for (views::LayoutView* view : views_) view->setTheme(theme);
}

void FigureLayoutPanels::resetCameras() {
  for (views::LayoutView* view : views_) view->resetCamera();
}

views::LayoutView* FigureLayoutPanels::view(int index) const {
  return index >= 0 && index < count() ? views_[static_cast<std::size_t>(index)] : nullptr;
}

void FigureLayoutPanels::ensurePanels(std::size_t wanted) {
  if (views_.size() > wanted) {
    grid_->truncate(static_cast<int>(wanted));  // deletes the views
    views_.resize(wanted);
  }
  while (views_.size() < wanted) {
    auto* view = new views::LayoutView(grid_);
    view->setObjectName(QStringLiteral("figureLayout%1").arg(views_.size()));
    view->setTheme(theme_);
    view->setMinimumSize(kMinPanelWidth, kMinPanelHeight);
    // Every pair linked both ways, so dragging any panel turns all of them (a view only copies
    // the orientation it is sent; it does not pass it on).
    for (views::LayoutView* other : views_) view->followCamera(other);
    grid_->append(view);
    views_.push_back(view);
  }
}

int FigureLayoutPanels::columnsFor(int width) const {
  // The grid's own rule (views::grid_columns: cells closest to 4:3, none narrower than a panel)
  // for cells of the minimum height, so the grid picks the same columns for the height we ask.
  return views::grid_columns(count(), QSize(width, 1), QSize(kMinPanelWidth, kMinPanelHeight));
}

int FigureLayoutPanels::panelHeightFor(int width) const {
  const int columns = columnsFor(width);
  const double cellWidth = (width - kGridGap * (columns - 1)) / static_cast<double>(columns);
  return std::clamp(static_cast<int>(std::lround(cellWidth * 3.0 / 4.0)), kMinPanelHeight,
                    kMaxPanelHeight);
}

int FigureLayoutPanels::heightForWidth(int width) const {
  if (views_.empty()) return 0;
  const int rows = rows_for(count(), columnsFor(width));
  return rows * panelHeightFor(width) + kGridGap * (rows - 1);
}

QSize FigureLayoutPanels::sizeHint() const {
  // Side by side at 4:3 and the minimum height; the layout asks heightForWidth for the real width.
  const int width = std::max(count(), 1) * kMinPanelHeight * 4 / 3;
  return {width, heightForWidth(width)};
}

void FigureLayoutPanels::resizeEvent(QResizeEvent* event) {
  QWidget::resizeEvent(event);
  grid_->setGeometry(rect());
}

QSize FigureLayoutPanels::minimumSizeHint() const {
  return {kMinPanelWidth, views_.empty() ? 0 : kMinPanelHeight};
}

}  // namespace ropelab::teaching
