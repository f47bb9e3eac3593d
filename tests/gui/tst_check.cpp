// Models > Check my ids (issue 14): a user's ids with one wrong token are reported like the CLI
// and the token is drawn in the mark colour in the 3-D layout; a wrong shape is reported, not
// marked.
#include <QAction>
#include <QDir>
#include <QFile>
#include <QMenuBar>
#include <QTemporaryDir>
#include <QtTest>

#include "app/gui/actions.h"
#include "app/gui/check_dialog.h"
#include "app/gui/main_window.h"
#include "gui_test_main.h"
#include "ropelab/io/npy.h"
#include "views/layout_view.h"
#include "views/vtk_view.h"

using namespace ropelab;

class CheckTest : public QObject {
  Q_OBJECT
 private:
  std::unique_ptr<app::MainWindow> window_;
  QTemporaryDir dir_;

  // The current reference ids (axes, tokens) as float64 .npy, with ids(axis, token) += shift.
  QString writeIds(const QString& name, int axis, std::size_t token, double shift) {
    const Encoding& e = *window_->layoutView(0)->encoding();
    RowMatrix ids = e.positions.ids;
    ids(axis, static_cast<Eigen::Index>(token)) += shift;
    const std::string bytes = io::npy_bytes(
        {static_cast<std::size_t>(ids.rows()), static_cast<std::size_t>(ids.cols())}, ids.data());
    const QString path = dir_.filePath(name);
    QFile f(path);
    if (!f.open(QIODevice::WriteOnly)) return {};
    f.write(bytes.data(), static_cast<qint64>(bytes.size()));
    return path;
  }

  // The colour drawn at a token's place in the layout.
  QColor colorAt(std::size_t token) {
    views::LayoutView* layout = window_->layoutView(0);
    layout->renderNow();
    const QImage image = layout->renderImage();
    const auto position = layout->tokenPosition(token);
    if (!position) return {};
    const double ratio = layout->vtkView()->devicePixelRatioF();
    const QPoint p = layout->vtkView()->mapFrom(layout, *position) * ratio;
    return image.pixelColor(p);
  }

  static bool isMarkColor(const QColor& c) {
    const QColor mark = views::LayoutView::markColor();
    return std::abs(c.red() - mark.red()) < 60 && std::abs(c.green() - mark.green()) < 60 &&
           std::abs(c.blue() - mark.blue()) < 60;
  }

 private slots:
  void init() {
    window_ = open_test_window();
    QVERIFY(QTest::qWaitForWindowExposed(window_.get()));
    QVERIFY(window_->waitForIdle(60000));
    QVERIFY(window_->layoutView(0)->encoding() != nullptr);
  }

  void cleanup() { window_.reset(); }

  void modelsMenuHasTheAction() {
    QAction* action = window_->actions()->action(QStringLiteral("models.checkIds"));
    QVERIFY(action != nullptr);
    QCOMPARE(action->text(), QStringLiteral("Check my ids…"));
    action->trigger();
    auto* dialog = window_->findChild<app::CheckIdsDialog*>(QStringLiteral("checkIdsDialog"));
    QVERIFY(dialog != nullptr);
    QVERIFY(dialog->isVisible());
  }

  void matchingIdsMarkNothing() {
    app::CheckIdsDialog dialog(window_.get());
    dialog.setIdsPath(writeIds(QStringLiteral("ok.npy"), 0, 0, 0));
    QVERIFY(dialog.runCheck());
    QCOMPARE(dialog.reportText(),
             QStringLiteral("ids: match (3 axes x 136 tokens equal videorope's reference)"));
    QVERIFY(window_->layoutView(0)->markedTokens().empty());
  }

  void oneWrongIdIsReportedAndMarked() {
    // The last text token sits alone at the end of the diagonal (t = h = w = 22): nothing hides it.
    const std::size_t token = 135;
    QVERIFY2(!isMarkColor(colorAt(token)), "the token is not marked before the check");
    app::CheckIdsDialog dialog(window_.get());
    dialog.setIdsPath(writeIds(QStringLiteral("wrong.npy"), 1, token, 1));
    QVERIFY(dialog.runCheck());
    QVERIFY2(dialog.reportText().startsWith(QStringLiteral(
                 "ids: mismatch: your ids differ from videorope's reference at token 135 "
                 "(segment 2: text): h = 23, expected 22")),
             qPrintable(dialog.reportText()));
    QCOMPARE(window_->layoutView(0)->markedTokens(), std::vector<std::size_t>{token});
    const QColor drawn = colorAt(token);
    QVERIFY2(isMarkColor(drawn), qPrintable(drawn.name()));
    // Another scene: the marks named tokens of the old one and are cleared.
    app::SceneParameters p = window_->parameters();
    p.scene.segments[1].frames = 3;
    window_->setParameters(p);
    QVERIFY(window_->waitForIdle(60000));
    QVERIFY(window_->layoutView(0)->markedTokens().empty());
  }

  void wrongShapeIsReportedNotMarked() {
    app::CheckIdsDialog dialog(window_.get());
    const QString path = dir_.filePath(QStringLiteral("shape.npy"));
    const std::vector<double> zeros(2 * 136, 0.0);
    const std::string bytes = io::npy_bytes({2, 136}, zeros.data());
    QFile f(path);
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write(bytes.data(), static_cast<qint64>(bytes.size()));
    f.close();
    dialog.setIdsPath(path);
    QVERIFY(!dialog.runCheck());
    QVERIFY2(dialog.reportText().contains(QStringLiteral("expected (3, 136) or (3, batch, 136)")),
             qPrintable(dialog.reportText()));
    QVERIFY(window_->layoutView(0)->markedTokens().empty());
  }
};

ROPELAB_GUI_TEST_MAIN(CheckTest)
#include "tst_check.moc"
