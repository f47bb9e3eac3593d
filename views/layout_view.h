#pragma once
// Index layout (spec/analyses.md §7): every token as a point at its ids on three axes, coloured
// by modality or frame, text tokens joined as a path. Hover or click picks a token.
#include <QWidget>
#include <array>
#include <memory>
#include <optional>
#include <vector>

#include "ropelab/variant.h"
#include "views/palette.h"

class QComboBox;
class QLabel;
class QTimer;

namespace ropelab::views {

class VtkView;

class LayoutView : public QWidget {
  Q_OBJECT
 public:
  enum class ColorMode { Modality, Frame };
  // Above this many tokens, points are thinned out while a slider moves.
  static constexpr std::size_t kInteractivePointBudget = 20'000;

  explicit LayoutView(QWidget* parent = nullptr);
  ~LayoutView() override;

  void setEncoding(std::shared_ptr<const Encoding> encoding);
  const Encoding* encoding() const { return encoding_.get(); }
  // While a slider is dragged, large scenes draw a subset; false restores full detail.
  void setDecimated(bool decimated);
  std::size_t shownPointCount() const { return shownPoints_; }
  void setTheme(Theme theme);
  void setColorMode(ColorMode mode);
  // Variant axis shown on x, y, z (-1: that display axis is padded with 0).
  void setDisplayAxes(const std::array<int, 3>& axes);
  std::array<int, 3> displayAxes() const { return displayAxes_; }
  // The axes a variant with more than three (VRoPE's u1..u4) shows, kept across its encodings
  // (the owner's model holds the choice); indices past the variant's axes fall back to 0, 1, 2.
  void setWideAxes(const std::array<int, 3>& axes);
  // The title, with a swatch of the variant's colour (the same as its curves in the charts).
  void setTitle(const QString& title, const QColor& color = QColor());
  // The box, ticks and axis titles around the points (on by default).
  void setAxesVisible(bool visible);
  bool axesVisible() const;

  // Where a token is drawn, in widget coordinates (nullopt if behind the camera).
  std::optional<QPoint> tokenPosition(std::size_t token) const;
  // Picks the token nearest to a widget position (within a few pixels); returns it or -1.
  long pickAt(QPoint widgetPosition);
  // The token nearest to a widget position without picking it (-1: none within reach).
  long tokenAt(QPoint widgetPosition) const;
  // Hovering picks too, at most once per kHoverIntervalMs while the mouse moves.
  static constexpr int kHoverIntervalMs = 40;
  void pickToken(long token);
  long pickedToken() const { return picked_; }
  // Tokens drawn larger in the mismatch colour on top of the others, e.g. the tokens whose ids
  // differ from the reference (Models > Check my ids). Cleared when the variant or the token
  // count changes, since they name tokens of one scene.
  void setMarkedTokens(std::vector<std::size_t> tokens);
  const std::vector<std::size_t>& markedTokens() const { return marked_; }
  static QColor markColor();
  QString pickedDescription() const;

  // Links the two panels' camera orientation: turning one turns the other.
  void followCamera(LayoutView* leader);
  // Frames the given bounds (xmin, xmax, ymin, ymax, zmin, zmax) keeping the view direction.
  void frameBounds(const std::array<double, 6>& bounds);
  std::array<double, 6> dataBounds() const { return bounds_; }
  void resetCamera();
  void refresh();
  QImage renderImage();
  // Paints the 3-D scene now (synchronously), e.g. to measure the render time.
  void renderNow();
  VtkView* vtkView() const { return view_; }

 signals:
  void tokenPicked(long token, const QString& description);
  // The mouse rests on a token (hover); tokenPicked follows with the same token.
  void tokenHovered(long token, const QString& description);
  void cameraMoved();
  // The user chose a colouring in the panel's own control (the owner stores it in its model).
  void colorModeChosen(ropelab::views::LayoutView::ColorMode mode);
  // The user chose the axes drawn for a variant with more than three.
  void displayAxesChosen(const std::array<int, 3>& axes);

 private:
  struct Scene3d;
  void rebuild();
  void rebuildAxisChoices();
  void copyOrientation(const LayoutView& other);
  double zoomFactor() const;
  double frameZoom() const;
  void updatePickOverlay();
  std::array<double, 3> tokenPoint(std::size_t token) const;
  void applyTheme();
  void hoverPick();

  VtkView* view_ = nullptr;
  QLabel* title_ = nullptr;
  QLabel* overlay_ = nullptr;
  QComboBox* colorChoice_ = nullptr;
  QTimer* hoverTimer_ = nullptr;
  QPoint hoverPosition_;
  std::array<QComboBox*, 3> axisChoice_{};
  std::unique_ptr<Scene3d> scene_;
  std::shared_ptr<const Encoding> encoding_;
  std::array<int, 3> displayAxes_{0, 1, 2};
  std::array<int, 3> wideAxes_{0, 1, 2};
  std::array<double, 6> bounds_{0, 1, 0, 1, 0, 1};
  std::array<double, 6> lastFramed_{0, 1, 0, 1, 0, 1};
  ColorMode colorMode_ = ColorMode::Frame;
  Theme theme_ = Theme::Light;
  bool decimated_ = false;
  bool cameraFramed_ = false;
  bool axesVisible_ = true;
  double framedDistance_ = 0;
  std::size_t shownPoints_ = 0;
  long picked_ = -1;
  std::vector<std::size_t> marked_;
  int axisCountShown_ = -1;
};

QString describe_token(const Encoding& encoding, std::size_t token);

}  // namespace ropelab::views
