#pragma once
// The attention view's q/k model choice. What the view draws (AttentionData) is computed by core
// (ropelab/view_data.h) on the app's worker thread; the view only paints it.
#include <QString>

#include "ropelab/view_data.h"

namespace ropelab::views {

using ropelab::AttentionData;
using ropelab::default_query;
using ropelab::kFrameMatrixTokenLimit;
using ropelab::kMaxFrameTiles;

enum class QkModel { Ones, Gaussian, MeanShiftedGaussian };

// The q/k source behind each choice (seed 7; the shifted one N(1, 1)).
QkSource qk_source(QkModel model);
QString qk_label(QkModel model);
// One line saying what the model shows and why.
QString qk_note(QkModel model);

}  // namespace ropelab::views
