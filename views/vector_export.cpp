#include "views/vector_export.h"

#include <vtkActor.h>
#include <vtkActorCollection.h>
#include <vtkCamera.h>
#include <vtkCellArray.h>
#include <vtkCubeAxesActor.h>
#include <vtkMatrix4x4.h>
#include <vtkPolyData.h>
#include <vtkPolyDataMapper.h>
#include <vtkProperty.h>
#include <vtkRenderer.h>
#include <vtkTextProperty.h>
#include <vtkUnsignedCharArray.h>
#include <QAbstractButton>
#include <QAbstractSlider>
#include <QAbstractSpinBox>
#include <QBuffer>
#include <QChartView>
#include <QComboBox>
#include <QFileInfo>
#include <QLabel>
#include <QLineEdit>
#include <QPageSize>
#include <QPainter>
#include <QPainterPath>
#include <QPdfWriter>
#include <QRegularExpression>
#include <QSaveFile>
#include <QSvgGenerator>
#include <algorithm>
#include <array>
#include <cmath>
#include <cstdio>
#include <vector>

#include "ropelab/io/provenance.h"
#include "views/image_export.h"
#include "views/vtk_view.h"

namespace ropelab::views {

bool figure_format_for(const QString& path, FigureFormat& format) {
  const QString suffix = QFileInfo(path).suffix().toLower();
  if (suffix == QLatin1String("png")) {
    format = FigureFormat::Png;
  } else if (suffix == QLatin1String("svg")) {
    format = FigureFormat::Svg;
  } else if (suffix == QLatin1String("pdf")) {
    format = FigureFormat::Pdf;
  } else {
    return false;
  }
  return true;
}

namespace {

// One projected drawing primitive; all of a view's primitives are painted far to near, which is
// what the depth buffer does for these opaque-ish scenes.
struct Primitive {
  enum Kind { Point, Line, Polygon } kind = Point;
  double depth = 0;  // normalised device z (larger = farther)
  QPolygonF shape;   // one point (Point), two or more (Line, Polygon)
  QColor color;
  double size = 1;  // point diameter or line width, in target pixels
};

struct Projector {
  double m[16];  // composite projection (camera view + projection), row major
  QRectF target;

  bool project(const double p[3], QPointF& out, double& depth) const {
    double v[4];
    for (int r = 0; r < 4; ++r) {
      v[r] = m[4 * r] * p[0] + m[4 * r + 1] * p[1] + m[4 * r + 2] * p[2] + m[4 * r + 3];
    }
    if (v[3] <= 1e-12) return false;
    const double x = v[0] / v[3], y = v[1] / v[3];
    depth = v[2] / v[3];
    out = QPointF(target.left() + (x + 1.0) / 2.0 * target.width(),
                  target.top() + (1.0 - (y + 1.0) / 2.0) * target.height());
    return true;
  }
};

QColor to_qcolor(const double rgb[3], double alpha = 1.0) {
  return QColor::fromRgbF(static_cast<float>(std::clamp(rgb[0], 0.0, 1.0)),
                          static_cast<float>(std::clamp(rgb[1], 0.0, 1.0)),
                          static_cast<float>(std::clamp(rgb[2], 0.0, 1.0)),
                          static_cast<float>(std::clamp(alpha, 0.0, 1.0)));
}

QColor tuple_color(vtkUnsignedCharArray* colors, vtkIdType index) {
  const int n = colors->GetNumberOfComponents();
  const unsigned char* c = colors->GetPointer(index * n);
  return QColor(c[0], n > 1 ? c[1] : c[0], n > 2 ? c[2] : c[0], n > 3 ? c[3] : 255);
}

// A few round tick values across [lo, hi].
std::vector<double> nice_ticks(double lo, double hi, int target = 5) {
  std::vector<double> ticks;
  const double span = hi - lo;
  if (!(span > 0) || !std::isfinite(span)) return {lo};
  const double raw = span / target;
  const double magnitude = std::pow(10.0, std::floor(std::log10(raw)));
  double step = magnitude;
  for (double f : {1.0, 2.0, 2.5, 5.0, 10.0}) {
    if (f * magnitude >= raw) {
      step = f * magnitude;
      break;
    }
  }
  for (double v = std::ceil(lo / step - 1e-9) * step; v <= hi + step * 1e-9; v += step) {
    ticks.push_back(std::abs(v) < step * 1e-9 ? 0.0 : v);
  }
  return ticks;
}

QString format_label(const char* format, double value) {
  char buffer[64];
  std::snprintf(buffer, sizeof buffer, format != nullptr && *format ? format : "%g", value);
  return QString::fromLatin1(buffer).trimmed();
}

void collect_actor(vtkActor* actor, const Projector& projector, double deviceRatio,
                   std::vector<Primitive>& out) {
  auto* mapper = vtkPolyDataMapper::SafeDownCast(actor->GetMapper());
  if (mapper == nullptr) return;
  vtkPolyData* data = mapper->GetInput();
  if (data == nullptr || data->GetNumberOfPoints() == 0) return;
  vtkProperty* property = actor->GetProperty();
  const double opacity = property->GetOpacity();
  double rgb[3];
  property->GetColor(rgb);
  const QColor base = to_qcolor(rgb, opacity);
  int cellFlag = 0;
  vtkUnsignedCharArray* colors =
      mapper->GetScalarVisibility() ? mapper->MapScalars(opacity, cellFlag) : nullptr;
  if (colors != nullptr && cellFlag > 1) colors = nullptr;
  const auto colorOf = [&](vtkIdType point, vtkIdType cell) {
    if (colors == nullptr) return base;
    const vtkIdType index = cellFlag == 1 ? cell : point;
    if (index < 0 || index >= colors->GetNumberOfTuples()) return base;
    QColor c = tuple_color(colors, index);
    if (opacity < 1.0) c.setAlphaF(static_cast<float>(opacity));
    return c;
  };

  // Actor transform, then the camera's projection.
  double actorMatrix[16];
  vtkMatrix4x4::DeepCopy(actorMatrix, actor->GetMatrix());
  Projector local = projector;
  vtkMatrix4x4::Multiply4x4(projector.m, actorMatrix, local.m);

  const vtkIdType n = data->GetNumberOfPoints();
  std::vector<QPointF> screen(static_cast<std::size_t>(n));
  std::vector<double> depth(static_cast<std::size_t>(n));
  std::vector<char> valid(static_cast<std::size_t>(n));
  for (vtkIdType i = 0; i < n; ++i) {
    double p[3];
    data->GetPoint(i, p);
    valid[i] = local.project(p, screen[i], depth[i]) ? 1 : 0;
  }

  const double pointSize = std::max(1.0, property->GetPointSize() / deviceRatio);
  const double lineWidth = std::max(0.5, property->GetLineWidth() / deviceRatio);
  vtkIdType cellId = 0;
  vtkIdType count = 0;
  const vtkIdType* ids = nullptr;

  vtkCellArray* verts = data->GetVerts();
  for (verts->InitTraversal(); verts->GetNextCell(count, ids); ++cellId) {
    for (vtkIdType k = 0; k < count; ++k) {
      const vtkIdType i = ids[k];
      if (!valid[i]) continue;
      out.push_back(
          {Primitive::Point, depth[i], QPolygonF{screen[i]}, colorOf(i, cellId), pointSize});
    }
  }
  vtkCellArray* lines = data->GetLines();
  for (lines->InitTraversal(); lines->GetNextCell(count, ids); ++cellId) {
    // Segments are sorted with everything else, so the path passes behind and in front of points.
    for (vtkIdType k = 0; k + 1 < count; ++k) {
      const vtkIdType a = ids[k], b = ids[k + 1];
      if (!valid[a] || !valid[b]) continue;
      out.push_back({Primitive::Line, (depth[a] + depth[b]) / 2, QPolygonF{screen[a], screen[b]},
                     colorOf(a, cellId), lineWidth});
    }
  }
  const bool lit = property->GetLighting() && property->GetAmbient() < 1.0;
  const auto addPolygon = [&](const vtkIdType* pts, vtkIdType npts, vtkIdType cell) {
    QPolygonF polygon;
    double z = 0;
    int r = 0, g = 0, b = 0, a = 0;
    for (vtkIdType k = 0; k < npts; ++k) {
      if (!valid[pts[k]]) return;
      polygon << screen[pts[k]];
      z += depth[pts[k]];
      const QColor c = colorOf(pts[k], cell);
      r += c.red();
      g += c.green();
      b += c.blue();
      a += c.alpha();
    }
    QColor color(r / static_cast<int>(npts), g / static_cast<int>(npts), b / static_cast<int>(npts),
                 a / static_cast<int>(npts));
    if (lit && npts >= 3) {
      // Headlight shading (VTK's default light sits at the camera): |n . view| in screen space is
      // approximated by the polygon's projected area sign-free orientation; keep it mild.
      double p0[3], p1[3], p2[3];
      data->GetPoint(pts[0], p0);
      data->GetPoint(pts[1], p1);
      data->GetPoint(pts[2], p2);
      const double u[3] = {p1[0] - p0[0], p1[1] - p0[1], p1[2] - p0[2]};
      const double v[3] = {p2[0] - p0[0], p2[1] - p0[1], p2[2] - p0[2]};
      const double normal[3] = {u[1] * v[2] - u[2] * v[1], u[2] * v[0] - u[0] * v[2],
                                u[0] * v[1] - u[1] * v[0]};
      const double length =
          std::sqrt(normal[0] * normal[0] + normal[1] * normal[1] + normal[2] * normal[2]);
      if (length > 0) {
        const double* view = projector.m + 8;  // third row: the view direction in world space
        const double viewLength =
            std::sqrt(view[0] * view[0] + view[1] * view[1] + view[2] * view[2]);
        const double cosine =
            viewLength > 0
                ? std::abs(normal[0] * view[0] + normal[1] * view[1] + normal[2] * view[2]) /
                      (length * viewLength)
                : 1.0;
        const double shade = 0.55 + 0.45 * cosine;
        color = QColor::fromRgbF(static_cast<float>(color.redF() * shade),
                                 static_cast<float>(color.greenF() * shade),
                                 static_cast<float>(color.blueF() * shade), color.alphaF());
      }
    }
    out.push_back({Primitive::Polygon, z / static_cast<double>(npts), polygon, color, 1});
  };
  vtkCellArray* polys = data->GetPolys();
  for (polys->InitTraversal(); polys->GetNextCell(count, ids); ++cellId) {
    addPolygon(ids, count, cellId);
  }
  vtkCellArray* strips = data->GetStrips();
  for (strips->InitTraversal(); strips->GetNextCell(count, ids); ++cellId) {
    for (vtkIdType k = 0; k + 2 < count; ++k) addPolygon(ids + k, 3, cellId);
  }
}

// The cube axes as VTK draws them in essence: the bounding box's edges, ticks with labels on
// three edges and each axis' title.
void paint_cube_axes(QPainter& painter, vtkCubeAxesActor* axes, const Projector& projector) {
  double b[6];
  axes->GetBounds(b);
  double fg[3], grid[3];
  axes->GetTitleTextProperty(0)->GetColor(fg);
  axes->GetXAxesGridlinesProperty()->GetColor(grid);
  const QColor foreground = to_qcolor(fg), gridColor = to_qcolor(grid);
  const auto corner = [&](int i) {
    return std::array<double, 3>{b[i & 1], b[2 + ((i >> 1) & 1)], b[4 + ((i >> 2) & 1)]};
  };
  QPointF projected[8];
  double depth[8];
  bool ok = true;
  for (int i = 0; i < 8; ++i)
    ok = projector.project(corner(i).data(), projected[i], depth[i]) && ok;
  if (!ok) return;
  QPointF centre;
  for (const QPointF& p : projected) centre += p / 8.0;

  painter.save();
  painter.setBrush(Qt::NoBrush);
  // Box edges: pairs of corners differing in one bit.
  painter.setPen(QPen(gridColor, 1));
  for (int i = 0; i < 8; ++i) {
    for (int bit = 1; bit < 8; bit <<= 1) {
      if ((i & bit) == 0) painter.drawLine(projected[i], projected[i | bit]);
    }
  }
  // Each axis along the box edge whose midpoint is lowest on screen (closest to the viewer's
  // "floor"), so labels sit outside the data.
  const char* titles[3] = {axes->GetXTitle(), axes->GetYTitle(), axes->GetZTitle()};
  const char* formats[3] = {axes->GetXLabelFormat(), axes->GetYLabelFormat(),
                            axes->GetZLabelFormat()};
  QFont labelFont = painter.font();
  QFont titleFont = labelFont;
  titleFont.setBold(true);
  const QFontMetricsF metrics(labelFont);
  for (int a = 0; a < 3; ++a) {
    const int bit = 1 << a;
    int best = -1;
    double bestScore = -1e300;
    for (int i = 0; i < 8; ++i) {
      if (i & bit) continue;
      const QPointF mid = (projected[i] + projected[i | bit]) / 2;
      // Prefer edges far from the centre of the box on screen, below it for x/y, left for z.
      const QPointF d = mid - centre;
      const double score = a == 2 ? -d.x() : d.y() + 0.25 * std::abs(d.x());
      if (score > bestScore) {
        bestScore = score;
        best = i;
      }
    }
    const auto start = corner(best);
    const double lo = b[2 * a], hi = b[2 * a + 1];
    // Labels show the axis range (views may draw a normalised box with real ranges on it).
    double range[2] = {lo, hi};
    if (a == 0) axes->GetXAxisRange(range);
    if (a == 1) axes->GetYAxisRange(range);
    if (a == 2) axes->GetZAxisRange(range);
    if (!(range[1] > range[0]) || !std::isfinite(range[0]) || !std::isfinite(range[1])) {
      range[0] = lo;
      range[1] = hi;
    }
    painter.setPen(QPen(foreground, 1.2));
    painter.drawLine(projected[best], projected[best | bit]);
    const QPointF edgeMid = (projected[best] + projected[best | bit]) / 2;
    QPointF outward = edgeMid - centre;
    const double length = std::hypot(outward.x(), outward.y());
    outward = length > 1e-6 ? outward / length : QPointF(0, 1);
    painter.setFont(labelFont);
    for (double value : nice_ticks(range[0], range[1])) {
      std::array<double, 3> p = start;
      p[a] = lo + (value - range[0]) / (range[1] - range[0]) * (hi - lo);
      QPointF s;
      double z = 0;
      if (!projector.project(p.data(), s, z)) continue;
      painter.drawLine(s, s + outward * 5);
      const QString text = format_label(formats[a], value);
      const QRectF box = metrics.boundingRect(text);
      const QPointF anchor = s + outward * (8 + box.width() / 2 * std::abs(outward.x()) +
                                            box.height() / 2 * std::abs(outward.y()));
      painter.drawText(QRectF(anchor.x() - box.width() / 2 - 2, anchor.y() - box.height() / 2,
                              box.width() + 4, box.height()),
                       Qt::AlignCenter | Qt::TextDontClip, text);
    }
    if (titles[a] != nullptr && *titles[a]) {
      painter.setFont(titleFont);
      const QString title = QString::fromUtf8(titles[a]);
      const QRectF box = QFontMetricsF(titleFont).boundingRect(title);
      const QPointF anchor = edgeMid + outward * (34 + box.width() / 2 * std::abs(outward.x()));
      painter.drawText(QRectF(anchor.x() - box.width() / 2 - 2, anchor.y() - box.height() / 2,
                              box.width() + 4, box.height()),
                       Qt::AlignCenter | Qt::TextDontClip, title);
    }
  }
  painter.restore();
}

bool is_control(QWidget* w) {
  return qobject_cast<QAbstractButton*>(w) != nullptr || qobject_cast<QComboBox*>(w) != nullptr ||
         qobject_cast<QAbstractSlider*>(w) != nullptr ||
         qobject_cast<QAbstractSpinBox*>(w) != nullptr || qobject_cast<QLineEdit*>(w) != nullptr;
}

void paint_label(QPainter& painter, QLabel& label, const QRectF& rect) {
  if (label.text().isEmpty()) return;
  painter.save();
  painter.setFont(label.font());
  painter.setPen(label.palette().color(QPalette::WindowText));
  const int margin = label.margin() + label.contentsMargins().left();
  int flags = static_cast<int>(label.alignment()) | Qt::TextDontClip;
  if (label.wordWrap()) flags |= Qt::TextWordWrap;
  QString text = label.text();
  if (label.textFormat() == Qt::RichText ||
      (label.textFormat() == Qt::AutoText && Qt::mightBeRichText(text))) {
    text.remove(QRegularExpression(QStringLiteral("<[^>]*>")));
  }
  painter.drawText(rect.adjusted(margin, 0, -margin, 0), flags, text);
  painter.restore();
}

void paint_children(QPainter& painter, QWidget& root, QWidget& parent) {
  for (QObject* object : parent.children()) {
    auto* child = qobject_cast<QWidget*>(object);
    if (child == nullptr || child->isWindow() || !child->isVisibleTo(&root)) continue;
    const QRectF rect(QPointF(child->mapTo(&root, QPoint(0, 0))), QSizeF(child->size()));
    if (auto* vtk = qobject_cast<VtkView*>(child)) {
      painter.save();
      painter.setClipRect(rect);
      paint_vtk_vector(painter, *vtk, rect);
      painter.restore();
      continue;  // overlays on the 3-D view (the pick label) are transient: not exported
    }
    if (auto* chart = qobject_cast<QChartView*>(child)) {
      chart->render(&painter, rect, chart->viewport()->rect(), Qt::IgnoreAspectRatio);
      continue;
    }
    if (is_control(child)) continue;
    if (auto* label = qobject_cast<QLabel*>(child)) {
      paint_label(painter, *label, rect);
      continue;
    }
    const bool container = !child->findChildren<QWidget*>(Qt::FindDirectChildrenOnly).isEmpty();
    if (container) {
      paint_children(painter, root, *child);
    } else {
      // A widget that paints itself (the attention canvas): QWidget::render replays its
      // QPainter calls on the generator, so its shapes and text stay vector.
      child->render(&painter, rect.topLeft().toPoint(), QRegion(), QWidget::DrawChildren);
    }
  }
}

}  // namespace

void paint_vtk_vector(QPainter& painter, VtkView& view, const QRectF& target) {
  vtkRenderer* renderer = view.renderer();
  if (renderer == nullptr || target.width() <= 0 || target.height() <= 0) return;
  vtkCamera* camera = renderer->GetActiveCamera();
  Projector projector;
  projector.target = target;
  vtkMatrix4x4::DeepCopy(projector.m, camera->GetCompositeProjectionTransformMatrix(
                                          target.width() / target.height(), -1, 1));
  std::vector<Primitive> primitives;
  std::vector<vtkCubeAxesActor*> cubeAxes;
  vtkActorCollection* actors = renderer->GetActors();
  vtkCollectionSimpleIterator it;
  actors->InitTraversal(it);
  const double ratio = view.devicePixelRatioF();
  while (vtkActor* actor = actors->GetNextActor(it)) {
    if (!actor->GetVisibility()) continue;
    if (auto* axes = vtkCubeAxesActor::SafeDownCast(actor)) {
      cubeAxes.push_back(axes);
      continue;
    }
    collect_actor(actor, projector, ratio, primitives);
  }
  painter.save();
  painter.setRenderHint(QPainter::Antialiasing, true);
  // The axes' box and labels lie behind the data (VTK draws them in the same depth buffer; the
  // data sit inside the box, so drawing them first is close to what the screen shows).
  for (vtkCubeAxesActor* axes : cubeAxes) paint_cube_axes(painter, axes, projector);
  std::stable_sort(primitives.begin(), primitives.end(),
                   [](const Primitive& a, const Primitive& b) { return a.depth > b.depth; });
  for (const Primitive& p : primitives) {
    switch (p.kind) {
      case Primitive::Point: {
        painter.setPen(Qt::NoPen);
        painter.setBrush(p.color);
        const double r = p.size / 2;
        painter.drawEllipse(p.shape.front(), r, r);
        break;
      }
      case Primitive::Line:
        painter.setPen(QPen(p.color, p.size, Qt::SolidLine, Qt::RoundCap, Qt::RoundJoin));
        painter.setBrush(Qt::NoBrush);
        painter.drawPolyline(p.shape);
        break;
      case Primitive::Polygon:
        // A hairline in the fill colour closes the seams anti-aliasing leaves between quads.
        painter.setPen(QPen(p.color, 0.6));
        painter.setBrush(p.color);
        painter.drawPolygon(p.shape);
        break;
    }
  }
  painter.restore();
}

void paint_widget_vector(QPainter& painter, QWidget& root, const QColor& background) {
  painter.fillRect(QRectF(QPointF(0, 0), QSizeF(root.size())), background);
  paint_children(painter, root, root);
}

QImage render_figure_image(QWidget& widget, const FigureRequest& request) {
  QImage image = render_widget(widget, request.size);
  if (image.size() != request.size) {
    image = image.scaled(request.size, Qt::IgnoreAspectRatio, Qt::SmoothTransformation);
  }
  const int dotsPerMeter = static_cast<int>(std::lround(request.dpi / 0.0254));
  image.setDotsPerMeterX(dotsPerMeter);
  image.setDotsPerMeterY(dotsPerMeter);
  return image;
}

QString write_figure(QWidget& widget, const QString& path, const FigureRequest& request) {
  FigureFormat format = FigureFormat::Png;
  if (!figure_format_for(path, format)) {
    return QStringLiteral("%1: unknown figure format (use .png, .svg or .pdf)").arg(path);
  }
  if (!request.size.isValid() || request.size.width() < 16 || request.size.height() < 16 ||
      request.size.width() > 16384 || request.size.height() > 16384) {
    return QStringLiteral("%1: figure size %2x%3 is out of range (16 to 16384 pixels a side)")
        .arg(path)
        .arg(request.size.width())
        .arg(request.size.height());
  }
  if (request.dpi < 10 || request.dpi > 2400) {
    return QStringLiteral("%1: dpi %2 is out of range (10 to 2400)").arg(path).arg(request.dpi);
  }
  // The raster pass also lays the widget out and lets the 3-D views frame their cameras at this
  // size, which the vector pass projects with.
  const QImage image = render_figure_image(widget, request);
  QSaveFile file(path);
  if (!file.open(QIODevice::WriteOnly)) {
    return QStringLiteral("%1: cannot write: %2").arg(path, file.errorString());
  }
  const int w = request.size.width(), h = request.size.height();
  switch (format) {
    case FigureFormat::Png: {
      QBuffer buffer;
      buffer.open(QIODevice::WriteOnly);
      if (!image.save(&buffer, "PNG")) {
        file.cancelWriting();
        return QStringLiteral("%1: PNG encoding failed").arg(path);
      }
      std::string bytes = buffer.data().toStdString();
      if (!request.provenance.empty()) {
        bytes = io::embed_provenance_png(bytes, request.provenance);
      }
      file.write(bytes.data(), static_cast<qint64>(bytes.size()));
      break;
    }
    case FigureFormat::Svg: {
      QBuffer buffer;
      buffer.open(QIODevice::WriteOnly);
      QSvgGenerator svg;
      svg.setOutputDevice(&buffer);
      svg.setSize(request.size);
      svg.setViewBox(QRect(0, 0, w, h));
      svg.setResolution(request.dpi);
      svg.setTitle(request.title);
      QPainter painter(&svg);
      paint_widget_vector(painter, widget, request.background);
      painter.end();
      std::string bytes = buffer.data().toStdString();
      if (!request.provenance.empty()) {
        bytes = io::embed_provenance_svg(bytes, request.provenance);
      }
      file.write(bytes.data(), static_cast<qint64>(bytes.size()));
      break;
    }
    case FigureFormat::Pdf: {
      QPdfWriter pdf(&file);
      pdf.setCreator(QStringLiteral("RoPE Lab"));
      pdf.setTitle(request.title);
      if (!request.provenance.empty()) {
        pdf.setDocumentXmpMetadata(QByteArray::fromStdString(
            io::provenance_xmp(request.provenance, request.title.toStdString())));
      }
      pdf.setResolution(request.dpi);
      pdf.setPageMargins(QMarginsF(0, 0, 0, 0));
      pdf.setPageSize(QPageSize(QSizeF(w * 72.0 / request.dpi, h * 72.0 / request.dpi),
                                QPageSize::Point, QString(), QPageSize::ExactMatch));
      QPainter painter(&pdf);
      painter.scale(static_cast<double>(pdf.width()) / w, static_cast<double>(pdf.height()) / h);
      paint_widget_vector(painter, widget, request.background);
      painter.end();
      break;
    }
  }
  if (!file.commit()) {
    return QStringLiteral("%1: cannot write: %2").arg(path, file.errorString());
  }
  return {};
}

}  // namespace ropelab::views

namespace ropelab::views {

void copy_view_direction(VtkView& from, VtkView& to) {
  vtkCamera* source = from.renderer()->GetActiveCamera();
  vtkCamera* camera = to.renderer()->GetActiveCamera();
  double direction[3], focal[3];
  source->GetDirectionOfProjection(direction);
  camera->GetFocalPoint(focal);
  const double distance = camera->GetDistance();
  camera->SetPosition(focal[0] - direction[0] * distance, focal[1] - direction[1] * distance,
                      focal[2] - direction[2] * distance);
  camera->SetViewUp(source->GetViewUp());
  camera->OrthogonalizeViewUp();
}

}  // namespace ropelab::views
