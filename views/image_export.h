#pragma once
// One rendering path for screenshots, image tests and export: show the widget at a fixed size,
// let it paint, then read it back. The 3-D views paint their VTK frame as an image
// (views/vtk_view.h), so QWidget::grab includes it like any other widget.
#include <QImage>
#include <QSize>

class QWidget;

namespace ropelab::views {

// Resizes (if size is valid), shows and paints the widget, then grabs it as an RGB32 image.
QImage render_widget(QWidget& widget, QSize size = {});
bool save_image(const QImage& image, const QString& path);
// Pixels that differ from the image's most common colour (its background).
double non_background_fraction(const QImage& image);

}  // namespace ropelab::views
