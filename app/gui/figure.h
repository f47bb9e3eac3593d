#pragma once
// Figures of one computed result: the same widgets the window shows, built fresh at the export
// size so the GUI's File ▸ Export and `ropelab-cli figure` (ropelab-figure) run the same code and
// give the same picture. Controls and transient overlays are hidden; the theme background fills.
#include <QImage>
#include <QSize>
#include <QString>
#include <QStringList>
#include <memory>
#include <optional>

#include "app/gui/compute.h"
#include "views/palette.h"
#include "views/vector_export.h"

class QWidget;

namespace ropelab::views {
class LayoutView;
}

namespace ropelab::app {

enum class FigureView { Layout, Frequency, Attention, Similarity, Allocation };

// "layout", "frequency", "attention", "similarity", "allocation" (cli.md's --view values).
QStringList figure_view_names();
QString figure_view_name(FigureView view);
std::optional<FigureView> figure_view_from_name(const QString& name);
QString figure_view_title(FigureView view);

struct FigureSpec {
  FigureView view = FigureView::Layout;
  views::Theme theme = views::Theme::Light;
  bool compare = false;  // every variant of the result side by side (else the primary only)
  views::LayoutView* cameraFrom = nullptr;  // 3-D views: look along this view's direction
  // The figure's size: compared panels are laid out in the grid whose cells come closest to 4:3.
  QSize size{1200, 900};
  // Text is 9 pt at the figure's physical size (size / dpi), whatever its pixel size.
  int dpi = 144;
};

// A top-level widget (never shown on screen) drawing the figure; render it with
// views::write_figure / views::render_figure_image.
std::unique_ptr<QWidget> make_figure_widget(const FigureSpec& spec, const ComputeResult& result);

// Builds the figure and writes it (PNG, SVG or PDF by extension, atomically). Empty on success,
// else a message naming the file and the problem.
QString export_figure(const FigureSpec& spec, const ComputeResult& result, const QString& path,
                      const views::FigureRequest& request);
QImage figure_image(const FigureSpec& spec, const ComputeResult& result,
                    const views::FigureRequest& request);

}  // namespace ropelab::app
