#pragma once
// Tells every 3-D view (views::VtkView) under `root` that a drag starts or ends, without the
// VTK headers: see VtkView::setInteractive.
class QWidget;

namespace ropelab::views {

void set_interactive(QWidget* root, bool interactive, double scale);

}  // namespace ropelab::views
