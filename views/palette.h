#pragma once
// Colours shared by every view, so a modality, an axis or a frame looks the same everywhere.
#include <QColor>
#include <QString>
#include <string>
#include <vector>

#include "ropelab/scene.h"

namespace ropelab::views {

enum class Theme { Light, Dark };

QColor modality_color(Modality modality);
// Axis a of a variant (t, h, w, u1..u4...): a fixed qualitative palette; axis -1 (a
// zero-frequency, NoPE pair) is nope_color().
QColor axis_color(int axis);
// Zero-frequency (NoPE) pairs: a neutral grey, drawn hatched where a strip shows pairs.
QColor nope_color();
// Pass-through dims of partial rotary (they never rotate): a paler grey than NoPE.
QColor pass_through_color();
// A frame's colour along a perceptually ordered ramp (viridis-like) from frame 0 to frames-1.
QColor frame_color(int frame, int frames);
// value in [0, 1] on the heat ramp used by attention maps (dark blue -> yellow).
QColor heat_color(double value);
// A variant's colour, the same in every view and export (panel titles, charts, the property
// table): Okabe-Ito's colour-blind-safe qualitative palette, kept apart from the modality and
// axis colours; the id's place in the registry picks its colour.
QColor variant_color(const std::string& id);
// The colours of the variants compared together: each its own colour, and a variant whose colour
// an earlier one already has takes the next free one (so four compared variants never share).
std::vector<QColor> variant_colors(const std::vector<std::string>& ids);
// Line style of the i-th compared variant (solid, dashed, dotted, dash-dot) and its width (the
// first widest), so coincident curves stay visible (vanilla under TAD).
Qt::PenStyle variant_pen_style(std::size_t index);
double variant_pen_width(std::size_t index);
QColor view_background(Theme theme);
QColor view_foreground(Theme theme);

}  // namespace ropelab::views
