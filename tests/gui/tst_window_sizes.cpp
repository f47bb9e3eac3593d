// The main window at the sizes of issue #10 — 1280×800, 1600×1000, 1920×1080 and a 2560×1440
// screen at device pixel ratio 2 — with one variant and with a compare set of four: no label,
// button, dock title or group box title is clipped (its text's width against the room the
// widget gives it, word wrap accounted for), nothing scrolls sideways (no visible horizontal
// scroll bar) and the window's frame never exceeds the screen.
//
// Device pixel ratio 2: Qt takes the ratio at start-up, so the test runs itself again under its
// own X server, `xvfb-run -a -s "-screen 0 2560x1440x24"`, with QT_SCALE_FACTOR=2 (a 1280×720
// logical screen, as on a 2560×1440 laptop panel at 200 %). Without xvfb-run that case is
// skipped with a message.
#include <QAbstractAxis>
#include <QAbstractButton>
#include <QChart>
#include <QChartView>
#include <QCheckBox>
#include <QDockWidget>
#include <QGroupBox>
#include <QLabel>
#include <QProcess>
#include <QPushButton>
#include <QRadioButton>
#include <QScreen>
#include <QScrollBar>
#include <QStandardPaths>
#include <QStyle>
#include <QStyleOptionGroupBox>
#include <QTextDocument>
#include <QtTest>

#include "app/gui/figure.h"
#include "app/gui/main_window.h"
#include "gui_test_main.h"
#include "views/attention_view.h"
#include "views/frequency_panels.h"
#include "views/frequency_view.h"
#include "views/image_export.h"
#include "views/panel_grid.h"

using namespace ropelab;

namespace {

constexpr const char* kChild = "ROPELAB_WINDOW_SIZES_DPR2";

QString plain(const QString& text, Qt::TextFormat format) {
  if (format == Qt::RichText || (format == Qt::AutoText && Qt::mightBeRichText(text))) {
    QTextDocument doc;
    doc.setHtml(text);
    return doc.toPlainText();
  }
  return text;
}

QString mnemonic_free(QString text) {
  return text.replace(QStringLiteral("&&"), QStringLiteral("\x01"))
      .remove(QLatin1Char('&'))
      .replace(QLatin1Char('\x01'), QLatin1Char('&'));
}

// Where a widget sits, for the report: its object names up to the window.
QString where(const QWidget* w) {
  QStringList names;
  for (const QObject* o = w; o != nullptr; o = o->parent()) {
    if (!o->objectName().isEmpty()) names.prepend(o->objectName());
  }
  return QStringLiteral("%1 [%2]").arg(names.join(QLatin1Char('/')),
                                       QString::fromLatin1(w->metaObject()->className()));
}

// A chart's title wider than the chart, or a horizontal axis title wider than its plot: Qt Charts
// would elide them ("Temporal similarity S(…").
QString chart_problem(const QChartView* view) {
  const QChart* chart = view->chart();
  const int title = QFontMetrics(chart->titleFont()).horizontalAdvance(chart->title());
  if (title > view->width() - 16)
    return QStringLiteral("chart title '%1' needs %2 px, has %3")
        .arg(chart->title())
        .arg(title)
        .arg(view->width() - 16);
  for (const QAbstractAxis* axis : chart->axes(Qt::Horizontal)) {
    const int need = QFontMetrics(axis->titleFont()).horizontalAdvance(axis->titleText());
    if (need > chart->plotArea().width())
      return QStringLiteral("axis title '%1' needs %2 px, the plot is %3")
          .arg(axis->titleText())
          .arg(need)
          .arg(chart->plotArea().width());
  }
  return {};
}

// The part of a widget's rectangle that its ancestors leave visible across (a scroll area's
// viewport narrower than its content cuts it off); vertical scrolling is not clipping.
QRect horizontally_visible(const QWidget* w, QRect rect) {
  for (const QWidget* p = w->parentWidget(); p != nullptr && !w->isWindow();
       p = p->parentWidget()) {
    const QPoint origin = p->mapTo(w->window(), QPoint(0, 0)) - w->mapTo(w->window(), QPoint(0, 0));
    rect.setLeft(std::max(rect.left(), origin.x()));
    rect.setRight(std::min(rect.right(), origin.x() + p->width() - 1));
    if (p->isWindow()) break;
  }
  return rect;
}

// Text that does not fit its widget, or empty.
QString label_problem(const QLabel* label) {
  if (label->pixmap().isNull() == false || label->text().isEmpty()) return {};
  const QString text = plain(label->text(), label->textFormat()).trimmed();
  if (text.isEmpty()) return {};
  const QRect room = horizontally_visible(
      label, label->contentsRect().adjusted(label->margin(), label->margin(), -label->margin(),
                                            -label->margin()));
  const QFontMetrics fm(label->font());
  if (label->wordWrap()) {
    const QRect needed = fm.boundingRect(QRect(0, 0, room.width(), 100000),
                                         Qt::TextWordWrap | label->alignment(), text);
    if (needed.height() > room.height() + 1 || needed.width() > room.width() + 1)
      return QStringLiteral("'%1' needs %2x%3, has %4x%5")
          .arg(text.left(60))
          .arg(needed.width())
          .arg(needed.height())
          .arg(room.width())
          .arg(room.height());
    return {};
  }
  int width = 0;
  for (const QString& line : text.split(QLatin1Char('\n')))
    width = std::max(width, fm.horizontalAdvance(line));
  const int height = fm.lineSpacing() * static_cast<int>(text.count(QLatin1Char('\n')) + 1);
  if (width > room.width() + 1 || height > room.height() + fm.leading() + 2)
    return QStringLiteral("'%1' needs %2x%3, has %4x%5")
        .arg(text.left(60))
        .arg(width)
        .arg(height)
        .arg(room.width())
        .arg(room.height());
  return {};
}

QString button_problem(const QAbstractButton* button) {
  const QString text = mnemonic_free(button->text());
  if (text.isEmpty()) return {};
  const QFontMetrics fm(button->font());
  int needed = fm.horizontalAdvance(text);
  const QStyle* style = button->style();
  if (qobject_cast<const QCheckBox*>(button)) {
    needed += style->pixelMetric(QStyle::PM_IndicatorWidth, nullptr, button) +
              style->pixelMetric(QStyle::PM_CheckBoxLabelSpacing, nullptr, button);
  } else if (qobject_cast<const QRadioButton*>(button)) {
    needed += style->pixelMetric(QStyle::PM_ExclusiveIndicatorWidth, nullptr, button) +
              style->pixelMetric(QStyle::PM_RadioButtonLabelSpacing, nullptr, button);
  } else if (qobject_cast<const QPushButton*>(button)) {
    needed += 2 * style->pixelMetric(QStyle::PM_ButtonMargin, nullptr, button) / 2;
  }
  if (!button->icon().isNull()) needed += button->iconSize().width();
  const int visible = horizontally_visible(button, button->rect()).width();
  if (needed > visible + 1)
    return QStringLiteral("'%1' needs %2, has %3").arg(text).arg(needed).arg(visible);
  return {};
}

QString dock_problem(const QDockWidget* dock) {
  if (dock->isFloating() || dock->titleBarWidget() != nullptr) return {};
  const QFontMetrics fm(dock->font());
  const int margin = dock->style()->pixelMetric(QStyle::PM_DockWidgetTitleMargin, nullptr, dock);
  int right = dock->width();
  for (const char* name : {"qt_dockwidget_floatbutton", "qt_dockwidget_closebutton"}) {
    const auto* b = dock->findChild<QAbstractButton*>(QString::fromLatin1(name));
    if (b != nullptr && b->isVisible()) right = std::min(right, b->x());
  }
  const int needed = fm.horizontalAdvance(dock->windowTitle()) + 2 * margin;
  if (needed > right)
    return QStringLiteral("dock title '%1' needs %2, has %3")
        .arg(dock->windowTitle())
        .arg(needed)
        .arg(right);
  return {};
}

QString group_problem(const QGroupBox* box) {
  const QString text = mnemonic_free(box->title());
  if (text.isEmpty()) return {};
  QStyleOptionGroupBox option;
  option.initFrom(box);
  option.text = box->title();
  option.subControls = QStyle::SC_GroupBoxLabel |
                       (box->isCheckable() ? QStyle::SC_GroupBoxCheckBox : QStyle::SC_None);
  option.lineWidth = 1;
  option.textAlignment = box->alignment();
  const QRect label =
      box->style()->subControlRect(QStyle::CC_GroupBox, &option, QStyle::SC_GroupBoxLabel, box);
  const int needed = QFontMetrics(box->font()).horizontalAdvance(text);
  const QRect visible = horizontally_visible(box, box->rect());
  if (label.right() > visible.right() || needed > label.width() + 1)
    return QStringLiteral("group title '%1' needs %2, has %3 (to x %4 of %5)")
        .arg(text)
        .arg(needed)
        .arg(label.width())
        .arg(label.right())
        .arg(visible.right());
  return {};
}

}  // namespace

class WindowSizesTest : public QObject {
  Q_OBJECT
 private slots:
  void windowFits_data() {
    QTest::addColumn<QSize>("size");
    QTest::addColumn<bool>("compare");
    const bool child = qEnvironmentVariableIsSet(kChild);
    QList<QPair<QString, QSize>> sizes;
    if (child) {
      // 2560x1440 at ratio 2: the whole logical screen.
      sizes << qMakePair(QStringLiteral("2560x1440@2"),
                         QGuiApplication::primaryScreen()->availableGeometry().size());
    } else {
      sizes << qMakePair(QStringLiteral("1280x800"), QSize(1280, 800))
            << qMakePair(QStringLiteral("1600x1000"), QSize(1600, 1000))
            << qMakePair(QStringLiteral("1920x1080"), QSize(1920, 1080));
    }
    for (const auto& [name, size] : sizes) {
      QTest::newRow(qPrintable(name + QStringLiteral(" single"))) << size << false;
      QTest::newRow(qPrintable(name + QStringLiteral(" compare4"))) << size << true;
    }
  }

  void windowFits() {
    QFETCH(QSize, size);
    QFETCH(bool, compare);
    const QRect screen = QGuiApplication::primaryScreen()->availableGeometry();
    if (size.width() > screen.width() || size.height() > screen.height())
      QSKIP(qPrintable(QStringLiteral("the X screen (%1x%2) is smaller than the window; run under "
                                      "xvfb-run -s \"-screen 0 1920x1080x24\"")
                           .arg(screen.width())
                           .arg(screen.height())));
    if (qEnvironmentVariableIsSet(kChild))
      QCOMPARE(QGuiApplication::primaryScreen()->devicePixelRatio(), 2.0);
    auto window = open_test_window(size);
    QVERIFY(QTest::qWaitForWindowExposed(window.get()));
    if (compare) {
      app::SceneParameters p = window->parameters();
      p.variants = {QStringLiteral("mrope"), QStringLiteral("videorope"), QStringLiteral("vrope"),
                    QStringLiteral("hope")};
      window->setParameters(p);
    }
    QVERIFY(window->waitForFrame(60000));
    // Deferred layouts (compare panels arrange after the docks took their share).
    for (int i = 0; i < 3; ++i) {
      QTest::qWait(50);
      QApplication::processEvents();
    }
    const int variants = compare ? 4 : 1;
    QCOMPARE(window->attentionView()->panelCount(), variants);
    QCOMPARE(window->frequencyPanels()->panelCount(), variants);
    // Each compared variant's panels name it (attention: a title line; frequency: the summary),
    // and the charts dock has one legend of them.
    for (int i = 0; i < variants; ++i) {
      const QString id = window->parameters().variants[i];
      QCOMPARE(window->attentionView()->panels()->title(i), id);
      QVERIFY(window->attentionView()->panels()->titleLabel(i)->isVisible());
      QVERIFY(window->frequencyPanels()
                  ->panel(i)
                  ->findChild<QLabel*>(QStringLiteral("frequencySummary"))
                  ->text()
                  .contains(id));
      QCOMPARE(window->attentionView()->data(i).encoding->variant->id(), id.toStdString());
    }
    QCOMPARE(window->chartsLegend()->isVisible(), compare);
    if (compare) QCOMPARE(window->chartsLegend()->entryCount(), 4);

    QStringList problems;
    const auto report = [&](const QWidget* w, const QString& problem) {
      if (!problem.isEmpty()) problems << where(w) + QStringLiteral(": ") + problem;
    };
    // The window's frame stays on the screen and at the size asked for.
    const QRect frame = window->frameGeometry();
    if (frame.width() > screen.width() || frame.height() > screen.height())
      problems << QStringLiteral("window frame %1x%2 exceeds the screen %3x%4")
                      .arg(frame.width())
                      .arg(frame.height())
                      .arg(screen.width())
                      .arg(screen.height());
    if (window->width() > size.width() || window->height() > size.height())
      problems << QStringLiteral("window grew to %1x%2 (asked %3x%4)")
                      .arg(window->width())
                      .arg(window->height())
                      .arg(size.width())
                      .arg(size.height());
    int labels = 0, charts = 0;
    for (QWidget* w : window->findChildren<QWidget*>()) {
      if (!w->isVisible() || w->window() != window.get()) continue;
      if (auto* label = qobject_cast<QLabel*>(w)) {
        ++labels;
        report(w, label_problem(label));
      } else if (auto* button = qobject_cast<QAbstractButton*>(w)) {
        report(w, button_problem(button));
      } else if (auto* dock = qobject_cast<QDockWidget*>(w)) {
        report(w, dock_problem(dock));
      } else if (auto* group = qobject_cast<QGroupBox*>(w)) {
        report(w, group_problem(group));
      } else if (auto* chart = qobject_cast<QChartView*>(w)) {
        ++charts;
        report(w, chart_problem(chart));
      } else if (auto* bar = qobject_cast<QScrollBar*>(w)) {
        if (bar->orientation() == Qt::Horizontal)
          report(w, QStringLiteral("a horizontal scroll bar is visible (range %1)")
                        .arg(bar->maximum() - bar->minimum()));
      }
    }
    // The checks looked at something: the window has dozens of labels.
    QVERIFY2(labels > 20, qPrintable(QString::number(labels)));
    QCOMPARE(charts, 3);
    QVERIFY2(problems.isEmpty(), qPrintable(problems.join(QLatin1Char('\n'))));
  }

  // An export builds the window's widgets: the same panels, in the same order, with the same
  // names (issue #10: an export is the screen).
  void exportHasTheScreensPanels() {
    if (qEnvironmentVariableIsSet(kChild)) QSKIP("the child runs windowFits only");
    auto window = open_test_window(QSize(1600, 1000));
    QVERIFY(QTest::qWaitForWindowExposed(window.get()));
    app::SceneParameters p = window->parameters();
    p.variants = {QStringLiteral("hope"), QStringLiteral("vrope"), QStringLiteral("mrope"),
                  QStringLiteral("videorope")};
    window->setParameters(p);
    QVERIFY(window->waitForFrame(60000));
    app::FigureSpec spec;
    spec.compare = true;
    spec.size = QSize(1200, 900);
    spec.view = app::FigureView::Attention;
    const std::unique_ptr<QWidget> attention =
        app::make_figure_widget(spec, *window->currentResult());
    const auto* figure = attention->findChild<views::AttentionView*>();
    QVERIFY(figure != nullptr);
    QCOMPARE(figure->panelCount(), 4);
    spec.view = app::FigureView::Frequency;
    const std::unique_ptr<QWidget> frequency =
        app::make_figure_widget(spec, *window->currentResult());
    const auto* panels = frequency->findChild<views::FrequencyPanels*>();
    QVERIFY(panels != nullptr);
    QCOMPARE(panels->panelCount(), 4);
    for (int i = 0; i < 4; ++i) {
      QCOMPARE(figure->panels()->title(i), window->attentionView()->panels()->title(i));
      QCOMPARE(figure->panels()->title(i), p.variants[i]);
      // The same numbers: the bias ratio of each panel.
      QCOMPARE(figure->data(i).patchMaxOverMin, window->attentionView()->data(i).patchMaxOverMin);
      const auto summary = [](const views::FrequencyView* v) {
        return v->findChild<QLabel*>(QStringLiteral("frequencySummary"))->text();
      };
      QCOMPARE(summary(panels->panel(i)), summary(window->frequencyPanels()->panel(i)));
    }
    // Four attention panels in 1200x900, laid out as an export renders them: two by two (cells
    // closest to 4:3).
    QVERIFY(!views::render_widget(*attention, spec.size).isNull());
    QCOMPARE(figure->panels()->columns(), 2);
  }

  // The 2560x1440 screen at device pixel ratio 2, in a child process under its own X server.
  void devicePixelRatio2() {
    if (qEnvironmentVariableIsSet(kChild)) QSKIP("the child runs windowFits only");
    const QString xvfb = QStandardPaths::findExecutable(QStringLiteral("xvfb-run"));
    if (xvfb.isEmpty()) QSKIP("xvfb-run not found: the device-pixel-ratio-2 case needs it");
    QProcess child;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QString::fromLatin1(kChild), QStringLiteral("1"));
    env.insert(QStringLiteral("QT_SCALE_FACTOR"), QStringLiteral("2"));
    env.insert(QStringLiteral("QT_QPA_PLATFORM"), QStringLiteral("xcb"));
    env.remove(QStringLiteral("DISPLAY"));
    child.setProcessEnvironment(env);
    child.setProcessChannelMode(QProcess::MergedChannels);
    child.start(
        xvfb, {QStringLiteral("-a"), QStringLiteral("-s"), QStringLiteral("-screen 0 2560x1440x24"),
               QCoreApplication::applicationFilePath(), QStringLiteral("windowFits")});
    QVERIFY(child.waitForFinished(180000));
    const QString output = QString::fromUtf8(child.readAll());
    qInfo().noquote() << output;
    // The child's verdict from its own report: xvfb-run's exit code may also carry its clean-up.
    QVERIFY2(output.contains(QStringLiteral("PASS   : WindowSizesTest::windowFits(2560x1440@2 "
                                            "compare4)")) &&
                 output.contains(QStringLiteral("PASS   : WindowSizesTest::windowFits(2560x1440@2 "
                                                "single)")),
             qPrintable(output));
    QVERIFY2(output.contains(QRegularExpression(QStringLiteral("Totals: \\d+ passed, 0 failed"))),
             qPrintable(output));
  }
};

ROPELAB_GUI_TEST_MAIN(WindowSizesTest)
#include "tst_window_sizes.moc"
