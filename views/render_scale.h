#pragma once
// Sets the render scale of every 3-D view (views::VtkView) under `root`, without the VTK
// headers: see VtkView::setRenderScale.
class QWidget;

namespace ropelab::views {

void set_render_scale(QWidget* root, double scale);

}  // namespace ropelab::views
