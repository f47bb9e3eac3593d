#include "app/gui/figure.h"

#include <QCheckBox>
#include <QComboBox>
#include <QHBoxLayout>
#include <QLayout>
#include <QWidget>

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
  root->setFont(QFont(QStringLiteral("DejaVu Sans"), 9));
  QPalette palette = root->palette();
  const QColor bg = views::view_background(spec.theme), fg = views::view_foreground(spec.theme);
  palette.setColor(QPalette::Window, bg);
  palette.setColor(QPalette::Base, bg);
  palette.setColor(QPalette::WindowText, fg);
  palette.setColor(QPalette::Text, fg);
  root->setPalette(palette);
  root->setAutoFillBackground(true);
  auto* layout = new QHBoxLayout(root.get());
  layout->setContentsMargins(0, 0, 0, 0);
  layout->setSpacing(4);

  const std::size_t count =
      spec.compare ? result.variants.size() : std::min<std::size_t>(1, result.variants.size());
  std::vector<std::string> ids;
  for (std::size_t i = 0; i < count; ++i)
    ids.emplace_back(result.variants[i].encoding->variant->id());
  const std::vector<QColor> colors = views::variant_colors(ids);
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
          layout->addWidget(view);
          break;
        }
        case FigureView::Frequency: {
          auto* view = new views::FrequencyView(root.get());
          view->setTheme(spec.theme);
          view->setData(r.encoding, r.collisions);
          layout->addWidget(view);
          break;
        }
        case FigureView::Attention: {
          auto* view = new views::AttentionView(root.get());
          view->setTheme(spec.theme);
          view->setModel(result.parameters.qkModel);
          view->setData(r.attention);
          layout->addWidget(view);
          break;
        }
        case FigureView::Allocation: {
          auto* charts = new views::ChartsView(root.get());
          charts->setTheme(spec.theme);
          charts->setData({r.charts});
          keep_only_chart(charts, 1);
          layout->addWidget(charts);
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
  return root;
}

QString export_figure(const FigureSpec& spec, const ComputeResult& result, const QString& path,
                      const views::FigureRequest& request) {
  if (result.variants.empty()) return QObject::tr("%1: nothing to draw yet").arg(path);
  const std::unique_ptr<QWidget> widget = make_figure_widget(spec, result);
  views::FigureRequest r = request;
  r.background = views::view_background(spec.theme);
  r.provenance = io::preset_to_json(to_preset(result.parameters));
  r.title = figure_view_title(spec.view);
  return views::write_figure(*widget, path, r);
}

QImage figure_image(const FigureSpec& spec, const ComputeResult& result,
                    const views::FigureRequest& request) {
  if (result.variants.empty()) return {};
  const std::unique_ptr<QWidget> widget = make_figure_widget(spec, result);
  return views::render_figure_image(*widget, request);
}

}  // namespace ropelab::app
