#include "views/image_export.h"

#include <QApplication>
#include <QHash>
#include <QWidget>
#include <cstdlib>

namespace ropelab::views {

QImage render_widget(QWidget& widget, QSize size) {
  if (size.isValid()) widget.resize(size);
  if (!widget.isVisible()) widget.show();
  // Two rounds: layouts settle in the first, the views paint at their final size in the second.
  for (int round = 0; round < 2; ++round) {
    QApplication::processEvents();
    widget.repaint();
  }
  return widget.grab().toImage().convertToFormat(QImage::Format_RGB32);
}

bool save_image(const QImage& image, const QString& path) {
  return image.save(path, "PNG");
}

double non_background_fraction(const QImage& image) {
  if (image.isNull()) return 0;
  const QImage rgb = image.convertToFormat(QImage::Format_RGB32);
  QHash<QRgb, qint64> counts;
  for (int y = 0; y < rgb.height(); ++y) {
    const auto* line = reinterpret_cast<const QRgb*>(rgb.constScanLine(y));
    for (int x = 0; x < rgb.width(); ++x) ++counts[line[x]];
  }
  qint64 background = 0;
  for (auto it = counts.cbegin(); it != counts.cend(); ++it) background = std::max(background, *it);
  const qint64 total = static_cast<qint64>(rgb.width()) * rgb.height();
  return total > 0 ? static_cast<double>(total - background) / static_cast<double>(total) : 0.0;
}

}  // namespace ropelab::views
