#pragma once
// Frequency-versus-time surface (spec/analyses.md §3, VideoRoPE Fig. 4): z = cos(t * inv_freq[j])
// over pair j and position t, each pair's band tinted by the axis it reads; the temporal pairs'
// wrap-around points (t a multiple of a wavelength shorter than the video) are marked.
#include <QWidget>
#include <memory>

#include "ropelab/analyses.h"
#include "views/palette.h"

class QCheckBox;
class QLabel;

namespace ropelab::views {

class VtkView;

class FrequencyView : public QWidget {
  Q_OBJECT
 public:
  explicit FrequencyView(QWidget* parent = nullptr);
  ~FrequencyView() override;

  void setData(std::shared_ptr<const Encoding> encoding, const CollisionReport& collisions);
  void setTemporalOnly(bool temporalOnly);
  bool temporalOnly() const;
  void setTheme(Theme theme);
  int surfaceRows() const { return rows_; }
  int collisionMarkers() const { return markers_; }
  // Positions spanned by the surface: the video's temporal extent, at least a few positions.
  double timeSpan() const { return span_; }
  QImage renderImage();
  // Paints the 3-D scene now (synchronously), e.g. to measure the render time.
  void renderNow();
  VtkView* vtkView() const { return view_; }

 signals:
  // The user toggled "Temporal pairs only" (the owner stores it in its model).
  void temporalOnlyChosen(bool temporalOnly);

 private:
  struct Scene3d;
  void rebuild();
  void applyTheme();

  VtkView* view_ = nullptr;
  QCheckBox* temporalOnly_ = nullptr;
  QLabel* summary_ = nullptr;
  std::unique_ptr<Scene3d> scene_;
  std::shared_ptr<const Encoding> encoding_;
  CollisionReport collisions_;
  Theme theme_ = Theme::Light;
  int rows_ = 0;
  int markers_ = 0;
  double span_ = 0;
  bool cameraSet_ = false;
};

}  // namespace ropelab::views
