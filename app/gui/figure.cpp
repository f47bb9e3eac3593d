#include "app/gui/figure.h"

#include <QCheckBox>
#include <QComboBox>
#include <QLayout>
#include <QVBoxLayout>
#include <QWidget>
#include <algorithm>
#include <cmath>

#include "app/gui/session.h"
#include "ropelab/io/preset.h"
#include "views/attention_view.h"
#include "views/charts_view.h"
#include "views/frequency_panels.h"
#include "views/frequency_view.h"
#include "views/layout_view.h"
#include "views/panel_grid.h"

namespace ropelab::app {

namespace {

const FigureView kViews[] = {FigureView::Layout, FigureView::Frequency, FigureView::Attention,
                             FigureView::Similarity, FigureView::Allocation};

// ChartsView lays out similarity, wavelengths (the frequency allocation) and jumps in this order.
void keep_only_chart(views::ChartsView* charts, int index) {
  QLayout* layout = charts->layout();
  for (int i = 0; layout != nullptr && i < layout->count(); ++i) {
    if (QWidget* w = layout->itemAt(i)->widget()) w->setVisible(i == index);
  }
}

}  // namespace

QStringList figure_view_names() {
  QStringList names;
  for (FigureView v : kViews) names << figure_view_name(v);
  return names;
}

QString figure_view_name(FigureView view) {
  switch (view) {
    case FigureView::Layout:
      return QStringLiteral("layout");
    case FigureView::Frequency:
      return QStringLiteral("frequency");
    case FigureView::Attention:
      return QStringLiteral("attention");
    case FigureView::Similarity:
      return QStringLiteral("similarity");
    case FigureView::Allocation:
      return QStringLiteral("allocation");
  }
  return {};
}

QString figure_view_title(FigureView view) {
  switch (view) {
    case FigureView::Layout:
      return QObject::tr("Index layout");
    case FigureView::Frequency:
      return QObject::tr("Frequency surface");
    case FigureView::Attention:
      return QObject::tr("Attention");
    case FigureView::Similarity:
      return QObject::tr("Similarity S(Δ)");
    case FigureView::Allocation:
      return QObject::tr("Frequency allocation (wavelength per pair)");
  }
  return {};
}

std::optional<FigureView> figure_view_from_name(const QString& name) {
  for (FigureView v : kViews) {
    if (figure_view_name(v) == name) return v;
  }
  return std::nullopt;
}

std::unique_ptr<QWidget> make_figure_widget(const FigureSpec& spec, const ComputeResult& result) {
  auto root = std::make_unique<QWidget>();
  root->setAttribute(Qt::WA_DontShowOnScreen, true);
  // Pinned so a figure does not depend on the desktop's font settings.
  QPalette palette = root->palette();
  const QColor bg = views::view_background(spec.theme), fg = views::view_foreground(spec.theme);
  palette.setColor(QPalette::Window, bg);
  palette.setColor(QPalette::Base, bg);
  palette.setColor(QPalette::WindowText, fg);
  palette.setColor(QPalette::Text, fg);
  root->setPalette(palette);
  root->setAutoFillBackground(true);
  auto* layout = new QVBoxLayout(root.get());
  layout->setContentsMargins(0, 0, 0, 0);
  layout->setSpacing(0);

  const std::size_t count =
      spec.compare ? result.variants.size() : std::min<std::size_t>(1, result.variants.size());
  // The per-variant panels go in a views::PanelGrid, as on screen: its columns are the grid's
  // whose cells come closest to 4:3.
  const int n = static_cast<int>(std::max<std::size_t>(count, 1));
  const int columns = views::grid_columns(n, spec.size);
  // Typography follows the physical size: 9 pt at spec.dpi, smaller (down to 6.8 pt at 144 dpi
  // for four panels in 800x600) when the panels are too small to hold it.
  QFont font(QStringLiteral("DejaVu Sans"));
  const double pixels = spec.dpi * 9.0 / 72.0;
  // One panel's smaller side holds at least 22 lines of text.
  const int rowCount = (n + columns - 1) / columns;
  const double cap = std::min(static_cast<double>(spec.size.width()) / columns,
                              static_cast<double>(spec.size.height()) / rowCount) /
                     22.0;
  font.setPixelSize(static_cast<int>(std::lround(std::clamp(std::min(pixels, cap), 9.0, 64.0))));
  root->setFont(font);
  std::vector<std::string> ids;
  for (std::size_t i = 0; i < count; ++i)
    ids.emplace_back(result.variants[i].encoding->variant->id());
  const std::vector<QColor> colors = views::variant_colors(ids);
  std::vector<QString> names;
  names.reserve(ids.size());
  for (const std::string& id : ids) names.push_back(QString::fromStdString(id));
  switch (spec.view) {
    case FigureView::Similarity: {
      // One chart overlays every variant's S(Δ).
      std::vector<views::ChartsData> data;
      for (std::size_t i = 0; i < count; ++i) data.push_back(result.variants[i].charts);
      auto* charts = new views::ChartsView(root.get());
      charts->setTheme(spec.theme);
      charts->setData(data);
      keep_only_chart(charts, 0);
      layout->addWidget(charts);
      break;
    }
    case FigureView::Attention: {
      // The window's attention view: one panel per variant under its name.
      auto* view = new views::AttentionView(root.get());
      view->setTheme(spec.theme);
      view->setModel(result.parameters.qkModel);
      std::vector<views::AttentionData> data;
      for (std::size_t i = 0; i < count; ++i) data.push_back(result.variants[i].attention);
      view->setData(std::move(data), names, colors);
      layout->addWidget(view);
      break;
    }
    case FigureView::Frequency: {
      // The window's frequency view: one panel per variant, its summary naming it.
      auto* view = new views::FrequencyPanels(root.get());
      view->setTheme(spec.theme);
      std::vector<views::FrequencyPanels::Variant> data;
      for (std::size_t i = 0; i < count; ++i)
        data.push_back({result.variants[i].encoding, result.variants[i].collisions, colors[i]});
      view->setData(data);
      layout->addWidget(view);
      break;
    }
    case FigureView::Layout:
    case FigureView::Allocation: {
      auto* grid = new views::PanelGrid(root.get());
      for (std::size_t i = 0; i < count; ++i) {
        const VariantResult& r = result.variants[i];
        if (spec.view == FigureView::Layout) {
          // A layout panel names its variant itself.
          auto* view = new views::LayoutView(grid);
          view->setTheme(spec.theme);
          view->setEncoding(r.encoding);
          view->setTitle(names[i], colors[i]);
          if (spec.cameraFrom != nullptr) {
            views::copy_view_direction(*spec.cameraFrom->vtkView(), *view->vtkView());
            view->frameBounds(view->dataBounds());
          }
          grid->append(view);
        } else {
          auto* charts = new views::ChartsView(grid);
          charts->setTheme(spec.theme);
          charts->setData({r.charts});
          keep_only_chart(charts, 1);
          grid->append(charts);
          grid->setTitle(static_cast<int>(i), names[i], colors[i]);
        }
      }
      layout->addWidget(grid);
      break;
    }
  }
  // Controls are not part of a figure.
  for (QComboBox* box : root->findChildren<QComboBox*>()) box->hide();
  for (QCheckBox* box : root->findChildren<QCheckBox*>()) box->hide();
  for (QWidget* w : root->findChildren<QWidget*>()) {
    if (w->property("ropelabControl").toBool()) w->hide();
  }
  return root;
}

QString export_figure(const FigureSpec& spec, const ComputeResult& result, const QString& path,
                      const views::FigureRequest& request) {
  if (result.variants.empty()) return QObject::tr("%1: nothing to draw yet").arg(path);
  FigureSpec sized = spec;
  sized.size = request.size;
  sized.dpi = request.dpi;
  const std::unique_ptr<QWidget> widget = make_figure_widget(sized, result);
  views::FigureRequest r = request;
  r.background = views::view_background(spec.theme);
  r.provenance = io::preset_to_json(to_preset(result.parameters));
  r.title = figure_view_title(spec.view);
  return views::write_figure(*widget, path, r);
}

QImage figure_image(const FigureSpec& spec, const ComputeResult& result,
                    const views::FigureRequest& request) {
  if (result.variants.empty()) return {};
  FigureSpec sized = spec;
  sized.size = request.size;
  sized.dpi = request.dpi;
  const std::unique_ptr<QWidget> widget = make_figure_widget(sized, result);
  return views::render_figure_image(*widget, request);
}

}  // namespace ropelab::app
