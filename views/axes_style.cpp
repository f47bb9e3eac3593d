#include "views/axes_style.h"

#include <vtkCubeAxesActor.h>
#include <vtkProperty.h>
#include <vtkTextProperty.h>

namespace ropelab::views {

void style_cube_axes(vtkCubeAxesActor* axes, const QColor& fg) {
  for (int i = 0; i < 3; ++i) {
    axes->GetTitleTextProperty(i)->SetColor(fg.redF(), fg.greenF(), fg.blueF());
    axes->GetTitleTextProperty(i)->SetFontSize(16);
    axes->GetTitleTextProperty(i)->BoldOn();
    axes->GetLabelTextProperty(i)->SetColor(fg.redF(), fg.greenF(), fg.blueF());
  }
  for (vtkProperty* p : {axes->GetXAxesLinesProperty(), axes->GetYAxesLinesProperty(),
                         axes->GetZAxesLinesProperty()}) {
    p->SetColor(fg.redF(), fg.greenF(), fg.blueF());
  }
}

void leave_text_to_overlay(vtkCubeAxesActor* axes) {
  axes->XAxisLabelVisibilityOff();
  axes->YAxisLabelVisibilityOff();
  axes->ZAxisLabelVisibilityOff();
  axes->XAxisTickVisibilityOff();
  axes->YAxisTickVisibilityOff();
  axes->ZAxisTickVisibilityOff();
  axes->XAxisMinorTickVisibilityOff();
  axes->YAxisMinorTickVisibilityOff();
  axes->ZAxisMinorTickVisibilityOff();
  axes->SetXTitle("");
  axes->SetYTitle("");
  axes->SetZTitle("");
}

}  // namespace ropelab::views
