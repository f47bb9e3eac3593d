#include "views/property_table.h"

#include <QHeaderView>

namespace ropelab::views {

namespace {

QTableWidgetItem* flag_item(bool value) {
  auto* item = new QTableWidgetItem(value ? QStringLiteral("✓") : QStringLiteral("✗"));
  item->setTextAlignment(Qt::AlignCenter);
  item->setForeground(value ? QColor(30, 140, 60) : QColor(200, 50, 40));
  item->setData(Qt::UserRole, value);
  return item;
}

}  // namespace

PropertyTable::PropertyTable(QWidget* parent) : QTableWidget(parent) {
  const QStringList headers{tr("variant"),           tr("3-D"),
                            tr("low-freq temporal"), tr("spatial symmetry"),
                            tr("temporal scaling"),  tr("seamless transition"),
                            tr("unbiased"),          tr("bias max/min")};
  setColumnCount(static_cast<int>(headers.size()));
  setHorizontalHeaderLabels(headers);
  setEditTriggers(QAbstractItemView::NoEditTriggers);
  setSelectionBehavior(QAbstractItemView::SelectRows);
  verticalHeader()->setVisible(false);
  horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
  horizontalHeader()->setStretchLastSection(true);
  setToolTip(tr("Computed from ids and allocation on probe scenes text 4 + video T×5×5 + text 4 "
                "(T = 8 and 16). 'unbiased': bias map max/min below %1.")
                 .arg(kUnbiasedThreshold));
}

void PropertyTable::setData(const std::vector<VariantProperties>& rows) {
  setRowCount(static_cast<int>(rows.size()));
  for (int r = 0; r < static_cast<int>(rows.size()); ++r) {
    const Properties& p = rows[static_cast<std::size_t>(r)].properties;
    setItem(
        r, 0,
        new QTableWidgetItem(QString::fromStdString(rows[static_cast<std::size_t>(r)].variant)));
    setItem(r, 1, flag_item(p.three_d));
    setItem(r, 2, flag_item(p.low_freq_temporal));
    setItem(r, 3, flag_item(p.spatial_symmetry));
    setItem(r, 4, flag_item(p.temporal_scaling));
    setItem(r, 5, flag_item(p.seamless_transition));
    setItem(r, 6, flag_item(p.unbiased));
    auto* ratio = new QTableWidgetItem(QString::number(p.bias_ratio, 'g', 4));
    ratio->setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
    setItem(r, 7, ratio);
  }
}

QImage PropertyTable::renderImage() {
  return grab().toImage();
}

}  // namespace ropelab::views
