#include "app/gui/teaching_animation.h"

#include <gif_lib.h>

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QSaveFile>
#include <QTemporaryFile>
#include <cmath>
#include <cstring>

#include "ropelab/error.h"

namespace ropelab::teaching {

QStringList sweep_params() {
  return {QStringLiteral("delta"),     QStringLiteral("frames"), QStringLiteral("base"),
          QStringLiteral("height"),    QStringLiteral("width"),  QStringLiteral("text-before"),
          QStringLiteral("text-after")};
}

double Sweep::value(int frame) const {
  if (count <= 1) return from;
  return from + (to - from) * frame / (count - 1);
}

Sweep parse_sweep(const QString& text) {
  return parse_sweep(text, sweep_params());
}

Sweep parse_sweep(const QString& text, const QStringList& params) {
  const QStringList parts = text.split(QLatin1Char(':'));
  require(parts.size() == 4, "--sweep", "'" + text.toStdString() + "'",
          "must look like PARAM:FROM:TO:N, e.g. delta:0.5:3:26");
  Sweep s;
  s.param = parts[0];
  require(params.contains(s.param), "--sweep", "'" + s.param.toStdString() + "'",
          "PARAM must be one of " + params.join(QStringLiteral(", ")).toStdString());
  bool okFrom = false, okTo = false, okN = false;
  s.from = parts[1].toDouble(&okFrom);
  s.to = parts[2].toDouble(&okTo);
  s.count = parts[3].toInt(&okN);
  require(okFrom && okTo && std::isfinite(s.from) && std::isfinite(s.to), "--sweep",
          "'" + text.toStdString() + "'", "FROM and TO must be numbers");
  require(okN && s.count >= 1 && s.count <= 1000, "--sweep", "'" + parts[3].toStdString() + "'",
          "N must be an integer in [1, 1000]");
  return s;
}

bool is_sequence_target(const QString& out) {
  return out.endsWith(QLatin1Char('/')) || QFileInfo(out).isDir();
}

QString write_png_sequence(const std::vector<QImage>& frames, const QString& directory) {
  QDir dir(directory);
  if (!dir.exists() && !QDir().mkpath(directory))
    return QStringLiteral("%1: cannot create the directory").arg(directory);
  for (std::size_t i = 0; i < frames.size(); ++i) {
    const QString name =
        dir.filePath(QStringLiteral("frame_%1.png").arg(i, 4, 10, QLatin1Char('0')));
    QSaveFile file(name);
    if (!file.open(QIODevice::WriteOnly) || !frames[i].save(&file, "PNG") || !file.commit())
      return QStringLiteral("%1: cannot write (%2)").arg(name, file.errorString());
  }
  return {};
}

QString write_gif(const std::vector<QImage>& frames, const QString& path, int delayMs) {
  if (frames.empty()) return QStringLiteral("%1: no frames to write").arg(path);
  const int w = frames.front().width(), h = frames.front().height();
  // Written next to the target, then renamed over it: a reader never sees half a GIF.
  const QString temp = path + QStringLiteral(".part");
  int error = 0;
  GifFileType* gif = EGifOpenFileName(QFile::encodeName(temp).constData(), false, &error);
  if (!gif)
    return QStringLiteral("%1: cannot write (%2)")
        .arg(path, QString::fromUtf8(GifErrorString(error)));
  const auto fail = [&](const char* what) {
    EGifCloseFile(gif, &error);
    QFile::remove(temp);
    return QStringLiteral("%1: %2 failed").arg(path, QString::fromLatin1(what));
  };
  EGifSetGifVersion(gif, true);
  if (EGifPutScreenDesc(gif, w, h, 8, 0, nullptr) == GIF_ERROR) return fail("screen descriptor");
  // Loop forever (NETSCAPE2.0 application extension).
  unsigned char loop[3] = {1, 0, 0};
  if (EGifPutExtensionLeader(gif, APPLICATION_EXT_FUNC_CODE) == GIF_ERROR ||
      EGifPutExtensionBlock(gif, 11, "NETSCAPE2.0") == GIF_ERROR ||
      EGifPutExtensionBlock(gif, 3, loop) == GIF_ERROR || EGifPutExtensionTrailer(gif) == GIF_ERROR)
    return fail("loop extension");
  for (const QImage& frame : frames) {
    const QImage rgb = frame.convertToFormat(QImage::Format_RGB32).scaled(w, h);
    const QImage indexed =
        rgb.convertToFormat(QImage::Format_Indexed8, Qt::ThresholdDither | Qt::AvoidDither);
    const QList<QRgb> table = indexed.colorTable();
    int bits = 1;
    while ((1 << bits) < table.size()) ++bits;
    ColorMapObject* map = GifMakeMapObject(1 << bits, nullptr);
    if (!map) return fail("colour map");
    for (int i = 0; i < (1 << bits); ++i) {
      const QRgb c = i < table.size() ? table[i] : qRgb(0, 0, 0);
      map->Colors[i] = {static_cast<GifByteType>(qRed(c)), static_cast<GifByteType>(qGreen(c)),
                        static_cast<GifByteType>(qBlue(c))};
    }
    GraphicsControlBlock gcb{};
    gcb.DisposalMode = DISPOSE_DO_NOT;
    gcb.DelayTime = std::max(1, delayMs / 10);
    gcb.TransparentColor = NO_TRANSPARENT_COLOR;
    GifByteType ext[4];
    EGifGCBToExtension(&gcb, ext);
    bool ok = EGifPutExtension(gif, GRAPHICS_EXT_FUNC_CODE, 4, ext) != GIF_ERROR &&
              EGifPutImageDesc(gif, 0, 0, w, h, false, map) != GIF_ERROR;
    for (int y = 0; ok && y < h; ++y) {
      std::vector<GifPixelType> line(static_cast<std::size_t>(w));
      std::memcpy(line.data(), indexed.constScanLine(y), static_cast<std::size_t>(w));
      ok = EGifPutLine(gif, line.data(), w) != GIF_ERROR;
    }
    GifFreeMapObject(map);
    if (!ok) return fail("writing a frame");
  }
  if (EGifCloseFile(gif, &error) == GIF_ERROR) {
    QFile::remove(temp);
    return QStringLiteral("%1: closing failed (%2)")
        .arg(path, QString::fromUtf8(GifErrorString(error)));
  }
  QFile::remove(path);
  if (!QFile::rename(temp, path)) {
    QFile::remove(temp);
    return QStringLiteral("%1: cannot replace the file").arg(path);
  }
  return {};
}

QString write_sweep(const Sweep& sweep, const std::function<QImage(double)>& render,
                    const QString& out) {
  std::vector<QImage> frames;
  frames.reserve(static_cast<std::size_t>(sweep.count));
  for (int i = 0; i < sweep.count; ++i) frames.push_back(render(sweep.value(i)));
  if (is_sequence_target(out)) return write_png_sequence(frames, out);
  if (!out.endsWith(QStringLiteral(".gif"), Qt::CaseInsensitive))
    return QStringLiteral("%1: a sweep writes FILE.gif or a directory DIR/").arg(out);
  return write_gif(frames, out);
}

int gif_frame_count(const QString& path) {
  int error = 0;
  GifFileType* gif = DGifOpenFileName(QFile::encodeName(path).constData(), &error);
  if (!gif) return -1;
  const int ok = DGifSlurp(gif);
  const int n = ok == GIF_OK ? gif->ImageCount : -1;
  DGifCloseFile(gif, &error);
  return n;
}

}  // namespace ropelab::teaching
