#pragma once
// Colours shared by every view, so a modality, an axis or a frame looks the same everywhere.
#include <QColor>
#include <QString>

#include "ropelab/scene.h"

namespace ropelab::views {

enum class Theme { Light, Dark };

QColor modality_color(Modality modality);
// Axis a of a variant (t, h, w, u1..u4...): a fixed qualitative palette.
QColor axis_color(int axis);
// A frame's colour along a perceptually ordered ramp (viridis-like) from frame 0 to frames-1.
QColor frame_color(int frame, int frames);
// value in [0, 1] on the heat ramp used by attention maps (dark blue -> yellow).
QColor heat_color(double value);
// The i-th variant in view (compare mode): panel titles, chart curves and table rows agree.
QColor variant_color(std::size_t index);
QColor view_background(Theme theme);
QColor view_foreground(Theme theme);

}  // namespace ropelab::views
