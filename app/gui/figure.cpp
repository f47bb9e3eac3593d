#include "app/gui/figure.h"

#include <QCheckBox>
#include <QComboBox>
#include <QGridLayout>
#include <QLabel>
#include <QLayout>
#include <QVBoxLayout>
#include <QWidget>
#include <algorithm>
#include <cmath>

#include "app/gui/session.h"
#include "ropelab/io/preset.h"
#include "views/attention_view.h"
#include "views/charts_view.h"
#include "views/frequency_view.h"
#include "views/layout_view.h"

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
  auto* layout = new QGridLayout(root.get());
  layout->setContentsMargins(0, 0, 0, 0);
  layout->setSpacing(4);

  const std::size_t count =
      spec.compare ? result.variants.size() : std::min<std::size_t>(1, result.variants.size());
  // Columns for the per-variant panels: the grid whose cells' aspect is closest to 4:3.
  int columns = 1;
  {
    double bestError = 1e300;
    const int n = static_cast<int>(std::max<std::size_t>(count, 1));
    for (int c = 1; c <= n; ++c) {
      const int rows = (n + c - 1) / c;
      const double aspect = (static_cast<double>(spec.size.width()) / c) /
                            (static_cast<double>(spec.size.height()) / rows);
      const double error = std::abs(std::log(aspect / (4.0 / 3.0))) + 0.05 * (c * rows - n);
      if (error < bestError) {
        bestError = error;
        columns = c;
      }
    }
  }
  // Typography follows the physical size: 9 pt at spec.dpi, smaller (down to 6.8 pt at 144 dpi
  // for four panels in 800x600) when the panels are too small to hold it.
  QFont font(QStringLiteral("DejaVu Sans"));
  const double pixels = spec.dpi * 9.0 / 72.0;
  // One panel's smaller side holds at least 22 lines of text.
  const int rowCount = (static_cast<int>(std::max<std::size_t>(count, 1)) + columns - 1) / columns;
  const double cap = std::min(static_cast<double>(spec.size.width()) / columns,
                              static_cast<double>(spec.size.height()) / rowCount) /
                     22.0;
  font.setPixelSize(static_cast<int>(std::lround(std::clamp(std::min(pixels, cap), 9.0, 64.0))));
  root->setFont(font);
  int placed = 0;
  const auto place = [&](QWidget* w) {
    layout->addWidget(w, placed / columns, placed % columns);
    ++placed;
  };
  std::vector<std::string> ids;
  for (std::size_t i = 0; i < count; ++i)
    ids.emplace_back(result.variants[i].encoding->variant->id());
  const std::vector<QColor> colors = views::variant_colors(ids);
  // A panel that does not name its variant itself gets a title: swatch and id, bold.
  const auto titled = [&](QWidget* panel, std::size_t index) -> QWidget* {
    auto* box = new QWidget(root.get());
    auto* column = new QVBoxLayout(box);
    column->setContentsMargins(0, 0, 0, 0);
    column->setSpacing(2);
    auto* title = new QLabel(box);
    QFont bold = title->font();
    bold.setBold(true);
    title->setFont(bold);
    title->setText(
        QStringLiteral("<span style='color:%1'>■</span> %2")
            .arg(colors[index].name(), QString::fromStdString(ids[index]).toHtmlEscaped()));
    column->addWidget(title);
    panel->setParent(box);
    column->addWidget(panel, 1);
    return box;
  };
  if (spec.view == FigureView::Similarity) {
    // One chart overlays every variant's S(Δ).
    std::vector<views::ChartsData> data;
    for (std::size_t i = 0; i < count; ++i) data.push_back(result.variants[i].charts);
    auto* charts = new views::ChartsView(root.get());
    charts->setTheme(spec.theme);
    charts->setData(data);
    keep_only_chart(charts, 0);
    layout->addWidget(charts);
  } else {
    for (std::size_t i = 0; i < count; ++i) {
      const VariantResult& r = result.variants[i];
      switch (spec.view) {
        case FigureView::Layout: {
          auto* view = new views::LayoutView(root.get());
          view->setTheme(spec.theme);
          view->setEncoding(r.encoding);
          view->setTitle(QString::fromStdString(ids[i]), colors[i]);
          if (spec.cameraFrom != nullptr) {
            views::copy_view_direction(*spec.cameraFrom->vtkView(), *view->vtkView());
            view->frameBounds(view->dataBounds());
          }
          place(view);
          break;
        }
        case FigureView::Frequency: {
          auto* view = new views::FrequencyView(root.get());
          view->setTheme(spec.theme);
          view->setVariantColor(colors[i]);
          view->setData(r.encoding, r.collisions);
          place(view);
          break;
        }
        case FigureView::Attention: {
          auto* view = new views::AttentionView(root.get());
          view->setTheme(spec.theme);
          view->setModel(result.parameters.qkModel);
          view->setData(r.attention);
          place(titled(view, i));
          break;
        }
        case FigureView::Allocation: {
          auto* charts = new views::ChartsView(root.get());
          charts->setTheme(spec.theme);
          charts->setData({r.charts});
          keep_only_chart(charts, 1);
          place(titled(charts, i));
          break;
        }
        case FigureView::Similarity:
          break;
      }
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
