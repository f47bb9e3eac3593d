#pragma once
// The look of a VTK cube-axes actor in the current theme, shared by the 3-D views so their axes
// read alike.
#include <QColor>

class vtkCubeAxesActor;

namespace ropelab::views {

// Titles bold 16 pt and labels and axis lines in the theme's foreground colour.
void style_cube_axes(vtkCubeAxesActor* axes, const QColor& foreground);
// VTK draws only the box, its axis lines and grid: tick marks, labels and titles are the views'
// overlay (views/cube_axes_overlay.h), laid out by the tick engine.
void leave_text_to_overlay(vtkCubeAxesActor* axes);

}  // namespace ropelab::views
