// Typography of exported figures, measured on the PDF itself: every view × {one variant, four
// compared} × {1200×900, 800×600} at 144 dpi is exported, `pdftotext -bbox` (poppler-utils)
// lists each word's box, and the test asserts that
//   - no word lies outside the page (0.5 pt tolerance: glyph boxes of anti-aliased text),
//   - no two words overlap (their boxes, each shrunk by 0.5 pt, intersect in neither),
//   - no word is under 6 pt. pdftotext reports a word's box from the font's ascent to descent,
//     which for DejaVu Sans is 1.164 em: the font size is taken as height / 1.164. Rotated words
//     (vertical axis titles) have that extent horizontally: a word of three or more characters
//     whose box is more than 1.3 times taller than wide, or a single character wider than tall,
//     counts as rotated and its width is used instead. (Two-character words are never taken as
//     rotated: "t:" is 1.7 times taller than wide when horizontal, while a rotated pair of
//     characters is about as tall as wide and so is measured right either way.)
#include <QFile>
#include <QProcess>
#include <QRegularExpression>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QtTest>

#include "app/gui/compute.h"
#include "app/gui/figure.h"
#include "gui_test_main.h"

using namespace ropelab;

namespace {

struct Word {
  QString text;
  QRectF box;
};

constexpr double kEmHeight = 1.164;  // DejaVu Sans: (ascent + descent) / em
constexpr double kMinimumPt = 6.0;

bool parse_bbox(const QString& html, QSizeF& page, std::vector<Word>& words) {
  static const QRegularExpression pageRe(
      QStringLiteral("<page width=\"([0-9.]+)\" height=\"([0-9.]+)\">"));
  static const QRegularExpression wordRe(QStringLiteral(
      "<word xMin=\"([0-9.-]+)\" yMin=\"([0-9.-]+)\" xMax=\"([0-9.-]+)\" yMax=\"([0-9.-]+)\">"
      "([^<]*)</word>"));
  const auto p = pageRe.match(html);
  if (!p.hasMatch()) return false;
  page = QSizeF(p.captured(1).toDouble(), p.captured(2).toDouble());
  for (auto it = wordRe.globalMatch(html); it.hasNext();) {
    const auto m = it.next();
    const double x0 = m.captured(1).toDouble(), y0 = m.captured(2).toDouble();
    const double x1 = m.captured(3).toDouble(), y1 = m.captured(4).toDouble();
    words.push_back({m.captured(5), QRectF(QPointF(x0, y0), QPointF(x1, y1))});
  }
  return true;
}

}  // namespace

class FigureText : public QObject {
  Q_OBJECT
 private:
  QTemporaryDir dir_;
  app::ComputeResult single_;
  app::ComputeResult four_;

 private slots:
  void initTestCase() {
    if (QStandardPaths::findExecutable(QStringLiteral("pdftotext")).isEmpty()) {
      QSKIP("pdftotext (poppler-utils) is not installed");
    }
    QVERIFY(dir_.isValid());
    app::SceneParameters p;
    single_ = app::compute_scene_now(p);
    QVERIFY2(single_.error.isEmpty(), qPrintable(single_.error));
    p.variants = {QStringLiteral("videorope"), QStringLiteral("mrope"), QStringLiteral("vanilla"),
                  QStringLiteral("vrope")};
    four_ = app::compute_scene_now(p);
    QVERIFY2(four_.error.isEmpty(), qPrintable(four_.error));
  }

  void wordsFitTheirPage_data() {
    QTest::addColumn<QString>("view");
    QTest::addColumn<bool>("compare");
    QTest::addColumn<QSize>("size");
    for (const QString& v : app::figure_view_names()) {
      for (bool compare : {false, true}) {
        for (QSize size : {QSize(1200, 900), QSize(800, 600)}) {
          const QString name = QStringLiteral("%1-%2-%3x%4")
                                   .arg(v, compare ? QStringLiteral("four") : QStringLiteral("one"))
                                   .arg(size.width())
                                   .arg(size.height());
          QTest::newRow(qPrintable(name)) << v << compare << size;
        }
      }
    }
  }

  void wordsFitTheirPage() {
    QFETCH(QString, view);
    QFETCH(bool, compare);
    QFETCH(QSize, size);
    app::FigureSpec spec;
    spec.view = *app::figure_view_from_name(view);
    spec.compare = compare;
    views::FigureRequest request;
    request.size = size;
    request.dpi = 144;
    const QString pdf = dir_.filePath(
        QStringLiteral("%1-%2-%3.pdf").arg(view).arg(compare ? 4 : 1).arg(size.width()));
    const QString error = app::export_figure(spec, compare ? four_ : single_, pdf, request);
    QVERIFY2(error.isEmpty(), qPrintable(error));
    QProcess tool;
    tool.start(QStringLiteral("pdftotext"), {QStringLiteral("-bbox"), pdf, QStringLiteral("-")});
    QVERIFY(tool.waitForFinished(60000));
    QCOMPARE(tool.exitCode(), 0);
    QSizeF page;
    std::vector<Word> words;
    QVERIFY(parse_bbox(QString::fromUtf8(tool.readAllStandardOutput()), page, words));
    QVERIFY2(words.size() >= 3, qPrintable(QStringLiteral("only %1 words").arg(words.size())));
    QStringList problems;
    const QRectF pageBox = QRectF(QPointF(0, 0), page).adjusted(-0.5, -0.5, 0.5, 0.5);
    for (std::size_t i = 0; i < words.size(); ++i) {
      const Word& w = words[i];
      if (!pageBox.contains(w.box)) {
        problems << QStringLiteral("'%1' outside the page").arg(w.text);
      }
      const bool rotated = w.text.size() >= 3   ? w.box.height() > 1.3 * w.box.width()
                           : w.text.size() == 1 ? w.box.width() > w.box.height()
                                                : false;
      const double pt = (rotated ? w.box.width() : w.box.height()) / kEmHeight;
      if (pt < kMinimumPt - 0.05) {
        problems << QStringLiteral("'%1' is %2 pt").arg(w.text).arg(pt, 0, 'f', 1);
      }
      for (std::size_t k = i + 1; k < words.size(); ++k) {
        const QRectF a = w.box.adjusted(0.5, 0.5, -0.5, -0.5);
        const QRectF b = words[k].box.adjusted(0.5, 0.5, -0.5, -0.5);
        if (a.intersects(b)) {
          problems << QStringLiteral("'%1' overlaps '%2'").arg(w.text, words[k].text);
        }
      }
    }
    QVERIFY2(problems.isEmpty(), qPrintable(problems.join(QStringLiteral("; "))));
  }
};

ROPELAB_GUI_TEST_MAIN(FigureText)
#include "tst_figure_text.moc"
