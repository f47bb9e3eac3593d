#include "views/property_table.h"

#include <QHeaderView>
#include <QResizeEvent>
#include <algorithm>

#include "views/palette.h"

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
  // Two-line headers keep all eight columns readable in a narrow dock.
  const QStringList headers{tr("variant"),
                            tr("3-D"),
                            tr("low-freq\ntemporal"),
                            tr("spatial\nsymmetry"),
                            tr("temporal\nscaling"),
                            tr("seamless\ntransition"),
                            tr("unbiased"),
                            tr("bias\nmax/min")};
  const QStringList tips{
      tr("The variant (its default split on compared variants)"),
      tr("More than one axis varies between the tokens of one frame"),
      tr("The temporal axis owns the lowest-frequency pairs (the last ones)"),
      tr("3-D, and the gaps from the text before to the first frame's centre and from the last "
         "frame's centre to the text after are equal on every axis"),
      tr("The temporal spacing δ is a parameter of the variant"),
      tr("Those gaps are the same for T = 8 and T = 16 (they do not grow with the video)"),
      tr("The spatial bias map's max/min is below %1").arg(kUnbiasedThreshold),
      tr("Max/min of the frame-averaged H×W attention map (1 = uniform)")};
  setColumnCount(static_cast<int>(headers.size()));
  for (int c = 0; c < static_cast<int>(headers.size()); ++c) {
    auto* item = new QTableWidgetItem(headers[c]);
    item->setToolTip(tips[c]);
    setHorizontalHeaderItem(c, item);
  }
  setEditTriggers(QAbstractItemView::NoEditTriggers);
  setSelectionBehavior(QAbstractItemView::SelectRows);
  setWordWrap(false);
  // Never sideways: columns narrower than their contents share the width instead (fitColumns).
  setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
  verticalHeader()->setVisible(false);
  horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
  horizontalHeader()->setStretchLastSection(false);
  horizontalHeader()->setDefaultAlignment(Qt::AlignCenter);
  horizontalHeader()->setMinimumSectionSize(28);
  applyFonts();
  setToolTip(tr("Computed from ids and allocation on probe scenes text 4 + video T×5×5 + text 4 "
                "(T = 8 and 16). 'unbiased': bias map max/min below %1.")
                 .arg(kUnbiasedThreshold));
}

namespace {

bool same_rows(const std::vector<VariantProperties>& a, const std::vector<VariantProperties>& b) {
  return std::equal(a.begin(), a.end(), b.begin(), b.end(), [](const auto& x, const auto& y) {
    const Properties& p = x.properties;
    const Properties& q = y.properties;
    return x.variant == y.variant && p.three_d == q.three_d &&
           p.low_freq_temporal == q.low_freq_temporal && p.spatial_symmetry == q.spatial_symmetry &&
           p.temporal_scaling == q.temporal_scaling && p.unbiased == q.unbiased &&
           p.seamless_transition == q.seamless_transition && p.bias_ratio == q.bias_ratio;
  });
}

}  // namespace

void PropertyTable::setData(const std::vector<VariantProperties>& rows) {
  // Most slider steps leave the table as it is: no new items, no repaint.
  if (same_rows(rows, rows_)) return;
  rows_ = rows;
  setRowCount(static_cast<int>(rows.size()));
  std::vector<std::string> ids;
  ids.reserve(rows.size());
  for (const auto& row : rows) ids.push_back(row.variant);
  const std::vector<QColor> colors = variant_colors(ids);
  for (int r = 0; r < static_cast<int>(rows.size()); ++r) {
    const Properties& p = rows[static_cast<std::size_t>(r)].properties;
    auto* name =
        new QTableWidgetItem(QString::fromStdString(rows[static_cast<std::size_t>(r)].variant));
    // Several variants: each in its colour, as in the layout panels' titles and the charts.
    if (rows.size() > 1) {
      name->setForeground(colors[static_cast<std::size_t>(r)]);
      QFont bold = font();
      bold.setBold(true);
      name->setFont(bold);
    }
    setItem(r, 0, name);
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
  fitColumns();
}

// Columns as wide as their contents; when the viewport is narrower, each gives up a share of its
// width in proportion to it (the ✓/✗ columns keep room for their mark), so nothing scrolls
// sideways and no column is cut off.
void PropertyTable::resizeEvent(QResizeEvent* event) {
  QTableWidget::resizeEvent(event);
  fitColumns();
}

// Rows as tall as the font, headers a little smaller; again when the font changes (presentation
// mode enlarges the application font, and an explicitly set header font would not follow it).
void PropertyTable::applyFonts() {
  verticalHeader()->setDefaultSectionSize(fontMetrics().height() + 8);
  QFont small = font();
  small.setPointSizeF(small.pointSizeF() * 0.9);
  horizontalHeader()->setFont(small);
}

void PropertyTable::changeEvent(QEvent* event) {
  QTableWidget::changeEvent(event);
  if (event->type() == QEvent::FontChange) {
    applyFonts();
    fitColumns();
  }
}

void PropertyTable::fitColumns() {
  QHeaderView* header = horizontalHeader();
  std::vector<int> natural;
  int total = 0;
  for (int c = 0; c < columnCount(); ++c) {
    natural.push_back(std::max(sizeHintForColumn(c), header->sectionSizeHint(c)));
    total += natural.back();
  }
  const int room = viewport()->width();
  if (total <= room || total == 0) {
    header->setSectionResizeMode(QHeaderView::ResizeToContents);
    return;
  }
  header->setSectionResizeMode(QHeaderView::Interactive);
  // The variant names and the bias values keep their width when they can; the ✓/✗ columns,
  // whose headers are much wider than their marks, give up the difference first.
  const int last = columnCount() - 1;
  const int kept = natural.front() + natural.back();
  const bool keep = kept + header->minimumSectionSize() * (last - 1) <= room;
  const int flexible = keep ? total - kept : total;
  const int share = keep ? room - kept : room;
  for (int c = 0; c <= last; ++c) {
    const int n = natural[static_cast<std::size_t>(c)];
    const bool fixed = keep && (c == 0 || c == last);
    header->resizeSection(
        c, fixed ? n : std::max(header->minimumSectionSize(), n * share / std::max(flexible, 1)));
  }
}

QSize PropertyTable::sizeHint() const {
  // Wide enough for every column, tall enough for the header and four variants.
  int width = 2 * frameWidth();
  for (int c = 0; c < columnCount(); ++c) width += std::max(horizontalHeader()->sectionSize(c), 40);
  const int height = horizontalHeader()->sizeHint().height() +
                     4 * verticalHeader()->defaultSectionSize() + 2 * frameWidth();
  return {std::max(width, 360), height};
}

QImage PropertyTable::renderImage() {
  return grab().toImage();
}

}  // namespace ropelab::views
