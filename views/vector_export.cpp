#include "views/vector_export.h"

#include <vtkActor.h>
#include <vtkActorCollection.h>
#include <vtkCamera.h>
#include <vtkCellArray.h>
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
#include <QAbstractTextDocumentLayout>
#include <QBuffer>
#include <QChartView>
#include <QComboBox>
#include <QFileInfo>
#include <QFont>
#include <QLabel>
#include <QLineEdit>
#include <QPageSize>
#include <QPainter>
#include <QPainterPath>
#include <QPdfWriter>
#include <QRegularExpression>
#include <QSaveFile>
#include <QSvgGenerator>
#include <QTextDocument>
#include <QTransform>
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
  double size = 1;      // point diameter or line width, in target pixels
  bool square = false;  // a point VTK draws as a square (not rendered as a sphere)
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
      out.push_back({Primitive::Point, depth[i], QPolygonF{screen[i]}, colorOf(i, cellId),
                     pointSize, !property->GetRenderPointsAsSpheres()});
    }
  }
  vtkCellArray* lines = data->GetLines();
  for (lines->InitTraversal(); lines->GetNextCell(count, ids); ++cellId) {
    // Segments are sorted with everything else, so the path passes behind and in front of points.
    // A long segment (the text path across a whole video) is cut into pieces with their own
    // depth: one average depth would draw all of it over the points it passes behind. A 3-D line
    // projects to a 2-D line, so the pieces keep its shape exactly.
    for (vtkIdType k = 0; k + 1 < count; ++k) {
      const vtkIdType a = ids[k], b = ids[k + 1];
      if (!valid[a] || !valid[b]) continue;
      const QPointF d = screen[b] - screen[a];
      const int pieces = std::clamp(static_cast<int>(std::hypot(d.x(), d.y()) / 12.0), 1, 64);
      for (int piece = 0; piece < pieces; ++piece) {
        const double f0 = static_cast<double>(piece) / pieces;
        const double f1 = static_cast<double>(piece + 1) / pieces;
        const double z = depth[a] + (depth[b] - depth[a]) * (f0 + f1) / 2;
        out.push_back({Primitive::Line, z, QPolygonF{screen[a] + d * f0, screen[a] + d * f1},
                       colorOf(a, cellId), lineWidth});
      }
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

// Qt's SVG generator splits a line of text where the script changes ("S(" and "Δ)" become two
// <text> elements at absolute x positions), which renders apart when a viewer substitutes another
// font. Runs that continue each other exactly (same attributes and baseline, the second starting
// where the first one's advance ends) are merged back into one element.
std::string merge_text_runs(const std::string& svg) {
  static const QRegularExpression pair(QStringLiteral(
      "<text ([^>]*?) x=\"([-0-9.e]+)\" y=\"([-0-9.e]+)\"([^>]*)>([^<]*)</text>(\\s*)"
      "<text \\1 x=\"([-0-9.e]+)\" y=\"\\3\"\\4>([^<]*)</text>"));
  static const QRegularExpression family(QStringLiteral("font-family=\"([^\"]*)\""));
  static const QRegularExpression size(QStringLiteral("font-size=\"([0-9.]+)\""));
  static const QRegularExpression weight(QStringLiteral("font-weight=\"([0-9]+)\""));
  QString text = QString::fromStdString(svg);
  qsizetype from = 0;
  for (;;) {
    const QRegularExpressionMatch m = pair.match(text, from);
    if (!m.hasMatch()) break;
    const QString attrs = m.captured(1) + m.captured(4);
    QFont font(family.match(attrs).captured(1));
    font.setPixelSize(
        std::max(1, static_cast<int>(std::lround(size.match(attrs).captured(1).toDouble()))));
    font.setWeight(static_cast<QFont::Weight>(weight.match(attrs).captured(1).toInt()));
    QString first = m.captured(5);
    first.replace(QStringLiteral("&amp;"), QStringLiteral("&"))
        .replace(QStringLiteral("&lt;"), QStringLiteral("<"))
        .replace(QStringLiteral("&gt;"), QStringLiteral(">"));
    const double advance = QFontMetricsF(font).horizontalAdvance(first);
    const double gap = m.captured(7).toDouble() - (m.captured(2).toDouble() + advance);
    if (std::abs(gap) <= 0.02 * font.pixelSize() + 0.5) {
      const QString merged = QStringLiteral("<text %1 x=\"%2\" y=\"%3\"%4>%5%6</text>")
                                 .arg(m.captured(1), m.captured(2), m.captured(3), m.captured(4),
                                      m.captured(5), m.captured(8));
      text.replace(m.capturedStart(), m.capturedLength(), merged);
      from = m.capturedStart();  // the merged run may continue with a third
    } else {
      from = m.capturedStart(6);
    }
  }
  return text.toStdString();
}

QString unescape_xml(QString text) {
  static const QRegularExpression numeric(QStringLiteral("&#(x?)([0-9a-fA-F]+);"));
  for (;;) {
    const QRegularExpressionMatch m = numeric.match(text);
    if (!m.hasMatch()) break;
    bool ok = false;
    const uint code = m.captured(2).toUInt(&ok, m.captured(1).isEmpty() ? 10 : 16);
    const char32_t c = ok ? static_cast<char32_t>(code) : U'?';
    text.replace(m.capturedStart(), m.capturedLength(), QString::fromUcs4(&c, 1));
  }
  return text.replace(QStringLiteral("&lt;"), QStringLiteral("<"))
      .replace(QStringLiteral("&gt;"), QStringLiteral(">"))
      .replace(QStringLiteral("&quot;"), QStringLiteral("\""))
      .replace(QStringLiteral("&apos;"), QStringLiteral("'"))
      .replace(QStringLiteral("&amp;"), QStringLiteral("&"));
}

// The SVG path data of a QPainterPath (move, line and cubic segments), two decimals.
QString svg_path_data(const QPainterPath& path) {
  QString d;
  d.reserve(path.elementCount() * 16);
  const auto num = [](double v) { return QString::number(v, 'f', 2); };
  for (int i = 0; i < path.elementCount(); ++i) {
    const QPainterPath::Element e = path.elementAt(i);
    if (e.isMoveTo()) {
      d += QStringLiteral("M%1 %2").arg(num(e.x), num(e.y));
    } else if (e.isLineTo()) {
      d += QStringLiteral("L%1 %2").arg(num(e.x), num(e.y));
    } else if (e.isCurveTo() && i + 2 < path.elementCount()) {
      const QPainterPath::Element c2 = path.elementAt(i + 1), end = path.elementAt(i + 2);
      d += QStringLiteral("C%1 %2 %3 %4 %5 %6")
               .arg(num(e.x), num(e.y), num(c2.x), num(c2.y), num(end.x), num(end.y));
      i += 2;
    }
  }
  return d;
}

// Every <text> of Qt's SVG becomes the outline of its glyphs (a <path> with the text's fill and
// the words in aria-label), so browsers, Inkscape and rsvg draw the same shapes whatever fonts
// they have: no viewer substitutes a font or splits a line at a script change. PDFs keep real
// text (searchable, and the pdftotext test reads it).
std::string text_to_paths(const std::string& svg) {
  static const QRegularExpression element(QStringLiteral("<text ([^>]*)>([^<]*)</text>"));
  const auto attribute = [](const QString& attrs, const char* name) {
    const QRegularExpression re(
        QStringLiteral("(?:^|\\s)%1=\"([^\"]*)\"").arg(QString::fromLatin1(name)));
    return re.match(attrs).captured(1);
  };
  const QString in = QString::fromStdString(svg);
  QString out;
  out.reserve(in.size() * 2);
  qsizetype last = 0;
  for (QRegularExpressionMatchIterator it = element.globalMatch(in); it.hasNext();) {
    const QRegularExpressionMatch m = it.next();
    out += QStringView(in).mid(last, m.capturedStart() - last);
    last = m.capturedEnd();
    const QString attrs = m.captured(1);
    const QString text = unescape_xml(m.captured(2));
    if (text.trimmed().isEmpty()) continue;
    // Outlines at 100 px, scaled to the text's size: no rounding of fractional sizes.
    const double size = attribute(attrs, "font-size").toDouble();
    if (!(size > 0)) continue;
    QFont font(attribute(attrs, "font-family"));
    font.setPixelSize(100);
    const int weight = attribute(attrs, "font-weight").toInt();
    if (weight > 0) font.setWeight(static_cast<QFont::Weight>(weight));
    const QString style = attribute(attrs, "font-style");
    if (style == QLatin1String("italic") || style == QLatin1String("oblique")) font.setItalic(true);
    font.setKerning(true);
    QPainterPath glyphs;
    glyphs.addText(0, 0, font, text);
    QTransform place;
    place.translate(attribute(attrs, "x").toDouble(), attribute(attrs, "y").toDouble());
    place.scale(size / 100.0, size / 100.0);
    const QString fill = attribute(attrs, "fill");
    const QString opacity = attribute(attrs, "fill-opacity");
    out += QStringLiteral(
               "<path fill=\"%1\" fill-opacity=\"%2\" stroke=\"none\" "
               "fill-rule=\"nonzero\" aria-label=\"%3\" d=\"%4\"/>")
               .arg(fill.isEmpty() ? QStringLiteral("#000000") : fill,
                    opacity.isEmpty() ? QStringLiteral("1") : opacity, text.toHtmlEscaped(),
                    svg_path_data(place.map(glyphs)));
  }
  out += QStringView(in).mid(last);
  return out.toStdString();
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
  // A colour swatch before a title (a variant's panel): drawn in its colour.
  static const QRegularExpression swatch(
      QStringLiteral("^<span style='color:(#[0-9a-fA-F]{6})'>(.)</span>\\s*"));
  const QRegularExpressionMatch m = swatch.match(text);
  QRectF textRect = rect.adjusted(margin, 0, -margin, 0);
  if (m.hasMatch()) {
    painter.setPen(QColor(m.captured(1)));
    const QString mark = m.captured(2) + QLatin1Char(' ');
    painter.drawText(textRect, flags, mark);
    textRect.setLeft(textRect.left() + QFontMetricsF(label.font()).horizontalAdvance(mark));
    painter.setPen(label.palette().color(QPalette::WindowText));
    text = text.mid(m.capturedLength());
  }
  const bool rich = label.textFormat() == Qt::RichText ||
                    (label.textFormat() == Qt::AutoText && Qt::mightBeRichText(text));
  if (rich && text.contains(QLatin1String("<span"))) {
    // Coloured runs inside the text (the charts' legends: a coloured glyph per entry): laid out
    // by the same rich-text engine as on screen, so colours, wrapping and spacing match.
    QTextDocument doc;
    doc.setDefaultFont(label.font());
    doc.setDocumentMargin(0);
    QTextOption option;
    option.setAlignment(label.alignment() & Qt::AlignHorizontal_Mask);
    option.setWrapMode(label.wordWrap() ? QTextOption::WordWrap : QTextOption::NoWrap);
    doc.setDefaultTextOption(option);
    doc.setHtml(text);
    doc.setTextWidth(textRect.width());
    painter.translate(textRect.topLeft() + QPointF(0, label.contentsMargins().top()));
    QAbstractTextDocumentLayout::PaintContext context;
    context.palette.setColor(QPalette::Text, label.palette().color(QPalette::WindowText));
    doc.documentLayout()->draw(&painter, context);
    painter.restore();
    return;
  }
  if (rich) text.remove(QRegularExpression(QStringLiteral("<[^>]*>")));
  // Text stays inside its label: a wrapped text taller than the label is set up to a fifth
  // smaller, then cut with an ellipsis at the last line that fits.
  QFont font = label.font();
  const auto heightOf = [&](const QFont& f) {
    return QFontMetricsF(f).boundingRect(textRect, flags & ~Qt::TextDontClip, text).height();
  };
  const double size0 = font.pixelSize() > 0 ? font.pixelSize() : font.pointSizeF();
  for (int step = 1; step <= 4 && heightOf(font) > textRect.height() + 0.5; ++step) {
    const double size = size0 * (1.0 - 0.05 * step);
    if (font.pixelSize() > 0) {
      font.setPixelSize(static_cast<int>(std::floor(size)));
    } else {
      font.setPointSizeF(size);
    }
  }
  painter.setFont(font);
  const QFontMetricsF fm(font);
  if (heightOf(font) > textRect.height() + 0.5) {
    const int lines = std::max(1, static_cast<int>(textRect.height() / fm.lineSpacing()));
    text = fm.elidedText(text, Qt::ElideRight,
                         textRect.width() * lines - fm.averageCharWidth() * 4 * lines);
  }
  painter.drawText(textRect, flags, text.replace(QStringLiteral("&amp;"), QStringLiteral("&")));
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
  vtkActorCollection* actors = renderer->GetActors();
  vtkCollectionSimpleIterator it;
  actors->InitTraversal(it);
  const double ratio = view.devicePixelRatioF();
  while (vtkActor* actor = actors->GetNextActor(it)) {
    if (!actor->GetVisibility()) continue;
    // The grid is painted below for the export's own size (its ticks follow the size).
    if (actor == view.gridActor()) continue;
    collect_actor(actor, projector, ratio, primitives);
  }
  painter.save();
  painter.setRenderHint(QPainter::Antialiasing, true);
  // The grid lies on the box's far faces, behind the data: painted first.
  if (view.axesOverlay().enabled) {
    paint_cube_grid(painter, view.axesOverlay(), projector.m, target, view.font());
  }
  std::stable_sort(primitives.begin(), primitives.end(),
                   [](const Primitive& a, const Primitive& b) { return a.depth > b.depth; });
  for (const Primitive& p : primitives) {
    switch (p.kind) {
      case Primitive::Point: {
        painter.setPen(Qt::NoPen);
        painter.setBrush(p.color);
        const double r = p.size / 2;
        if (p.square) {
          painter.drawRect(QRectF(p.shape.front() - QPointF(r, r), QSizeF(p.size, p.size)));
        } else {
          // A darker rim, as the lit spheres on screen have: touching points stay apart.
          painter.setPen(QPen(p.color.darker(160), std::clamp(p.size * 0.08, 0.3, 1.0)));
          painter.drawEllipse(p.shape.front(), r, r);
        }
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
  // Ticks, labels and titles over the data, as on screen.
  view.paintAxesOverlay(painter, target);
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
      std::string bytes = text_to_paths(merge_text_runs(buffer.data().toStdString()));
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
