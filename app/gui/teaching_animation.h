#pragma once
// Animations: a parameter swept over N frames, written as an animated GIF (Debian's giflib) or a
// PNG sequence. `ropelab-cli figure --view V --sweep PARAM:FROM:TO:N --out FILE.gif|DIR/` and the
// Paper figures window's play bar use it.
#include <QImage>
#include <QString>
#include <QStringList>
#include <functional>
#include <vector>

namespace ropelab::teaching {

struct Sweep {
  QString param;  // delta, frames, base, height, width, text-before, text-after
  double from = 0;
  double to = 0;
  int count = 0;  // frames
  double value(int frame) const;
};
// "delta:0.5:3:26" -> Sweep; throws InputError naming --sweep and the problem. PARAM must be one
// of `params` (by default the scene sweeps of --view, sweep_params()).
Sweep parse_sweep(const QString& text);
Sweep parse_sweep(const QString& text, const QStringList& params);
QStringList sweep_params();

// Writes the images as one looping animated GIF (each frame quantised to its own 256-colour
// palette), atomically. Empty on success, else a message naming the file and the problem.
QString write_gif(const std::vector<QImage>& frames, const QString& path, int delayMs = 120);
// Writes frame_0000.png ... into the directory (created if missing). Empty on success.
QString write_png_sequence(const std::vector<QImage>& frames, const QString& directory);
// True if out names a PNG sequence (a directory: ends with '/' or exists as one).
bool is_sequence_target(const QString& out);

// Renders every frame with render(value) and writes them to out (.gif or a directory).
QString write_sweep(const Sweep& sweep, const std::function<QImage(double)>& render,
                    const QString& out);

// The number of frames in a GIF file (-1 if it cannot be read).
int gif_frame_count(const QString& path);

}  // namespace ropelab::teaching
