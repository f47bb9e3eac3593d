#pragma once
// The look of a VTK cube-axes actor in the current theme, shared by the 3-D views so their axes
// read alike.
#include <QColor>

class vtkCubeAxesActor;

namespace ropelab::views {

// Titles bold 16 pt and labels and axis lines in the theme's foreground colour.
void style_cube_axes(vtkCubeAxesActor* axes, const QColor& foreground);

}  // namespace ropelab::views
