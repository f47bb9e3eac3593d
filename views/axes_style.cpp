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

}  // namespace ropelab::views
