#pragma once
// The property table (spec/analyses.md §9, VideoRoPE Table 1, VRoPE Table 3): one row per
// variant, every cell computed by core's properties() on its probe scenes.
#include <QTableWidget>
#include <string>
#include <vector>

#include "ropelab/analyses.h"

namespace ropelab::views {

struct VariantProperties {
  std::string variant;
  Properties properties;
};

class PropertyTable : public QTableWidget {
  Q_OBJECT
 public:
  explicit PropertyTable(QWidget* parent = nullptr);
  void setData(const std::vector<VariantProperties>& rows);
  QImage renderImage();
  QSize sizeHint() const override;

 protected:
  void resizeEvent(QResizeEvent* event) override;
  void changeEvent(QEvent* event) override;

 private:
  void fitColumns();
  void applyFonts();

  std::vector<VariantProperties> rows_;
};

}  // namespace ropelab::views
