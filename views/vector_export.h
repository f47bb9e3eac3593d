#pragma once
// Figures as files: PNG through the one raster path (render_widget), SVG and PDF as true vector
// (spec/stack.md, Export). The 3-D views are projected with their camera's composite projection
// matrix and painted with QPainter: points as circles, lines as polylines, surface polygons
// depth-sorted, plus the cube axes with ticks and titles. Qt Charts and the QPainter-based views
// paint themselves into the generator. SVG text is written as glyph outlines (a <path> per text
// run, its words in aria-label) so every viewer draws the same; PDF keeps real text. Every file is
// written atomically (temporary + rename).
#include <QColor>
#include <QImage>
#include <QRectF>
#include <QSize>
#include <QString>
#include <string>

class QPainter;
class QWidget;

namespace ropelab::views {

class VtkView;

enum class FigureFormat { Png, Svg, Pdf };

// From the file name's extension (.png, .svg, .pdf; case-insensitive); nullopt-like false when
// the extension is none of them.
bool figure_format_for(const QString& path, FigureFormat& format);

// Paints the VTK scene of `view` (as its camera sees it at the view's current size) into
// `target` with QPainter primitives only.
void paint_vtk_vector(QPainter& painter, VtkView& view, const QRectF& target);

// Paints a laid-out widget tree as vector: the background filled with `background`, VTK views
// projected, chart views rendered from their scenes, labels as text, input controls skipped,
// any other leaf widget through QWidget::render.
void paint_widget_vector(QPainter& painter, QWidget& root, const QColor& background);

struct FigureRequest {
  QSize size{1200, 900};  // pixels (PNG) or the figure's extent in pixels at `dpi` (SVG, PDF)
  int dpi = 144;
  QColor background = Qt::white;
  // The preset JSON that made the figure, embedded in every file (core io/provenance.h); empty:
  // none.
  std::string provenance;
  QString title = QStringLiteral("RoPE Lab figure");
};

// Lays the widget out at the requested size, renders it, and writes PNG, SVG or PDF by the file's
// extension. Returns an empty string on success, else a message naming the file and the problem.
// Nothing is left at `path` on failure, and an existing file is replaced only when complete.
QString write_figure(QWidget& widget, const QString& path, const FigureRequest& request);
// The raster image write_figure saves as PNG (also what the clipboard receives).
QImage render_figure_image(QWidget& widget, const FigureRequest& request);

}  // namespace ropelab::views

namespace ropelab::views {
// Turns `to`'s camera to look along `from`'s direction with `from`'s view-up (the distance and
// focal point stay `to`'s own, so each view still frames its data).
void copy_view_direction(VtkView& from, VtkView& to);
}  // namespace ropelab::views
