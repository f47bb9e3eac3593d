// Figure export: every view to PNG, SVG and PDF from the app's code path; SVG and PDF of the
// charts and 3-D views are vector (no embedded raster); `ropelab-cli figure` gives the same PNG
// as the app's export at the same size; bad requests are refused without leaving files.
#include <QFile>
#include <QProcess>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QtTest>

#include "app/gui/figure.h"
#include "app/gui/main_window.h"
#include "app/gui/session.h"
#include "gui_test_main.h"
#include "ropelab/io/preset.h"
#include "ropelab/io/provenance.h"
#include "views/image_export.h"
#include "views/layout_view.h"

using namespace ropelab;

namespace {

QByteArray read_all(const QString& path) {
  QFile f(path);
  return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

// Fraction of pixels whose channels differ by more than `tolerance`.
double differing_fraction(const QImage& a, const QImage& b, int tolerance = 24) {
  if (a.size() != b.size()) return 1.0;
  const QImage x = a.convertToFormat(QImage::Format_RGB32);
  const QImage y = b.convertToFormat(QImage::Format_RGB32);
  qint64 differing = 0;
  for (int row = 0; row < x.height(); ++row) {
    const auto* p = reinterpret_cast<const QRgb*>(x.constScanLine(row));
    const auto* q = reinterpret_cast<const QRgb*>(y.constScanLine(row));
    for (int col = 0; col < x.width(); ++col) {
      if (std::abs(qRed(p[col]) - qRed(q[col])) > tolerance ||
          std::abs(qGreen(p[col]) - qGreen(q[col])) > tolerance ||
          std::abs(qBlue(p[col]) - qBlue(q[col])) > tolerance)
        ++differing;
    }
  }
  return static_cast<double>(differing) / (static_cast<double>(x.width()) * x.height());
}

bool vector_view(app::FigureView view) {
  return view != app::FigureView::Attention;
}

}  // namespace

class ExportTest : public QObject {
  Q_OBJECT
 private:
  std::unique_ptr<app::MainWindow> window_;
  QTemporaryDir dir_;

  QString path(const QString& name) const { return dir_.filePath(name); }

 private slots:
  void initTestCase() {
    QVERIFY(dir_.isValid());
    app::MainWindow::Options options;
    options.useSettings = false;
    app::SceneParameters p;
    p.variants = {QStringLiteral("videorope"), QStringLiteral("mrope")};
    options.parameters = p;
    window_ = std::make_unique<app::MainWindow>(options);
    window_->resize(1400, 900);
    window_->show();
    QVERIFY(QTest::qWaitForWindowExposed(window_.get()));
    QVERIFY(window_->waitForIdle(60000));
    QVERIFY(window_->currentResult() != nullptr);
  }
  void cleanupTestCase() { window_.reset(); }

  void everyViewExportsToEveryFormat_data() {
    QTest::addColumn<QString>("view");
    QTest::addColumn<bool>("compare");
    for (const QString& v : app::figure_view_names()) {
      QTest::newRow(qPrintable(v)) << v << false;
      QTest::newRow(qPrintable(v + QStringLiteral("-compare"))) << v << true;
    }
  }

  void everyViewExportsToEveryFormat() {
    QFETCH(QString, view);
    QFETCH(bool, compare);
    app::FigureSpec spec;
    spec.view = *app::figure_view_from_name(view);
    spec.compare = compare;
    views::FigureRequest request;
    request.size = QSize(900, 600);
    request.dpi = 144;
    const QString stem = view + (compare ? QStringLiteral("-cmp") : QString());
    for (const QString& ext :
         {QStringLiteral("png"), QStringLiteral("svg"), QStringLiteral("pdf")}) {
      const QString file = path(stem + QLatin1Char('.') + ext);
      const QString error = app::export_figure(spec, *window_->currentResult(), file, request);
      QVERIFY2(error.isEmpty(), qPrintable(error));
      QVERIFY2(QFileInfo(file).size() > 500, qPrintable(file));
    }
    const QImage png(path(stem + QStringLiteral(".png")));
    QCOMPARE(png.size(), QSize(900, 600));
    QCOMPARE(png.dotsPerMeterX(), static_cast<int>(std::lround(144 / 0.0254)));
    QVERIFY2(views::non_background_fraction(png) > 0.02, qPrintable(stem));

    const QByteArray svg = read_all(path(stem + QStringLiteral(".svg")));
    QVERIFY(svg.contains("<svg"));
    QVERIFY2(svg.contains("<path") || svg.contains("<polyline") || svg.contains("<ellipse") ||
                 svg.contains("<circle"),
             qPrintable(stem));
    const QByteArray pdf = read_all(path(stem + QStringLiteral(".pdf")));
    QVERIFY(pdf.startsWith("%PDF"));
    if (vector_view(spec.view)) {
      QVERIFY2(!svg.contains("<image"), qPrintable(stem + QStringLiteral(": raster in SVG")));
      QVERIFY2(!pdf.contains("/Subtype /Image") && !pdf.contains("/Subtype/Image"),
               qPrintable(stem + QStringLiteral(": raster in PDF")));
    }
    if (spec.view == app::FigureView::Layout) {
      // Every video token is a circle (128 per panel), every text token a square (8 per panel):
      // modality reads by shape, as on screen.
      const int panels = compare ? 2 : 1;
      QVERIFY2(svg.count("<ellipse") + svg.count("<circle") >= 128 * panels,
               qPrintable(QString::number(svg.count("<circle"))));
      QVERIFY2(svg.count("<rect") >= 8 * panels, qPrintable(QString::number(svg.count("<rect"))));
      QVERIFY(svg.contains("videorope"));
    }
  }

  void everyFileCarriesItsPreset() {
    // The window compares videorope and mrope at δ = 2: every format holds that preset.
    app::FigureSpec spec;
    spec.view = app::FigureView::Attention;
    spec.compare = true;
    views::FigureRequest request;
    request.size = QSize(800, 600);
    for (const QString& ext :
         {QStringLiteral("png"), QStringLiteral("svg"), QStringLiteral("pdf")}) {
      const QString file = path(QStringLiteral("provenance.") + ext);
      QVERIFY(app::export_figure(spec, *window_->currentResult(), file, request).isEmpty());
      const io::Preset preset =
          io::preset_from_json(io::read_provenance(file.toStdString()), file.toStdString());
      QCOMPARE(preset.variants, (std::vector<std::string>{"videorope", "mrope"}));
      QVERIFY(preset.config.delta.has_value());
      QCOMPARE(*preset.config.delta, window_->currentResult()->parameters.primaryDelta());
      QCOMPARE(preset.config.head_dim, 128);
    }
    // Reopening a figure gives the window's parameters back (what `ropelab FILE` loads).
    for (const QString& ext :
         {QStringLiteral("png"), QStringLiteral("svg"), QStringLiteral("pdf")}) {
      const app::SceneParameters back =
          app::load_preset_file(path(QStringLiteral("provenance.") + ext));
      const app::SceneParameters& shown = window_->currentResult()->parameters;
      QCOMPARE(back.variants, shown.variants);
      QCOMPARE(back.primaryDelta(), shown.primaryDelta());
      QVERIFY(back.scene == shown.scene);
      QCOMPARE(back.headDim, shown.headDim);
      QCOMPARE(back.base, shown.base);
    }
    // The PNG still decodes (the chunk is well formed).
    QCOMPARE(QImage(path(QStringLiteral("provenance.png"))).size(), QSize(800, 600));
  }

  void cliCompareKeepsEachVariantsDelta() {
    // M-RoPE first has no δ; VideoRoPE compared behind it keeps its own δ = 2, as in the app.
    QProcess cli;
    const QString out = path(QStringLiteral("cli-compare.svg"));
    cli.start(QStringLiteral(ROPELAB_CLI),
              {QStringLiteral("figure"), QStringLiteral("--view"), QStringLiteral("layout"),
               QStringLiteral("--compare"), QStringLiteral("mrope,videorope"),
               QStringLiteral("--out"), out, QStringLiteral("--size"), QStringLiteral("800x600")});
    QVERIFY(cli.waitForFinished(120000));
    QVERIFY2(cli.exitCode() == 0, cli.readAllStandardError().constData());
    const io::Preset preset =
        io::preset_from_json(io::read_provenance(out.toStdString()), out.toStdString());
    QCOMPARE(preset.variants, (std::vector<std::string>{"mrope", "videorope"}));
    QVERIFY(preset.config.delta.has_value());
    QCOMPARE(*preset.config.delta, 2.0);
  }

  void svgTextIsGlyphOutlinesEveryViewerDrawsAlike() {
    // Qt's SVG splits "S(" and "Δ)" into two <text> runs and leaves the font to the viewer; the
    // export writes every text run as its glyph outlines instead (words kept in aria-label), so
    // rsvg, Inkscape and browsers draw the title in one piece, where Qt's own raster draws it.
    app::FigureSpec spec;
    spec.view = app::FigureView::Similarity;
    views::FigureRequest request;
    request.size = QSize(800, 600);
    const QString file = path(QStringLiteral("greek.svg"));
    QVERIFY(app::export_figure(spec, *window_->currentResult(), file, request).isEmpty());
    const QString svg = QString::fromUtf8(read_all(file));
    QVERIFY2(!svg.contains(QStringLiteral("<text")), "an SVG <text> element was written");
    QVERIFY(svg.contains(QStringLiteral("aria-label=\"Temporal similarity S(Δ)\"")));
    QVERIFY(svg.contains(QStringLiteral("aria-label=\"Δ (positions, log scale)\"")));
    // Provenance (export_figure embeds the preset) still travels in the SVG.
    QVERIFY(!io::read_provenance(file.toStdString()).empty());

    const QString rsvg = QStandardPaths::findExecutable(QStringLiteral("rsvg-convert"));
    if (rsvg.isEmpty()) QSKIP("rsvg-convert is not installed (Debian: librsvg2-bin)");
    const QString png = path(QStringLiteral("greek-rsvg.png"));
    QCOMPARE(
        QProcess::execute(rsvg, {QStringLiteral("-w"), QStringLiteral("800"), QStringLiteral("-h"),
                                 QStringLiteral("600"), QStringLiteral("-b"),
                                 QStringLiteral("white"), QStringLiteral("-o"), png, file}),
        0);
    const QImage fromRsvg = QImage(png).convertToFormat(QImage::Format_RGB32);
    QCOMPARE(fromRsvg.size(), QSize(800, 600));
    const QImage fromQt = app::figure_image(spec, *window_->currentResult(), request)
                              .convertToFormat(QImage::Format_RGB32);
    // The title band: the top 7 % of the image, its middle half (away from the tick labels).
    const auto inkBox = [](const QImage& image) {
      QRect box;
      for (int y = 0; y < image.height() * 7 / 100; ++y) {
        for (int x = image.width() / 4; x < image.width() * 3 / 4; ++x) {
          if (qGray(image.pixel(x, y)) < 110) box |= QRect(x, y, 1, 1);
        }
      }
      return box;
    };
    const QRect qt = inkBox(fromQt), rs = inkBox(fromRsvg);
    QVERIFY2(qt.width() > 150,
             qPrintable(QStringLiteral("Qt title ink %1 px wide").arg(qt.width())));
    QVERIFY2(rs.width() > 150, "rsvg drew no title");
    // Same place and width (one piece: a split title would be wider or shifted).
    const QString where = QStringLiteral("Qt %1,%2 %3x%4 vs rsvg %5,%6 %7x%8")
                              .arg(qt.x())
                              .arg(qt.y())
                              .arg(qt.width())
                              .arg(qt.height())
                              .arg(rs.x())
                              .arg(rs.y())
                              .arg(rs.width())
                              .arg(rs.height());
    QVERIFY2(std::abs(qt.left() - rs.left()) <= 3 && std::abs(qt.right() - rs.right()) <= 3,
             qPrintable(where));
    QVERIFY2(std::abs(qt.top() - rs.top()) <= 2 && std::abs(qt.bottom() - rs.bottom()) <= 2,
             qPrintable(where));
  }

  void darkThemeFillsTheBackground() {
    app::FigureSpec spec;
    spec.view = app::FigureView::Layout;
    spec.theme = views::Theme::Dark;
    views::FigureRequest request;
    request.size = QSize(640, 480);
    const QImage image = app::figure_image(spec, *window_->currentResult(), request);
    QCOMPARE(image.size(), QSize(640, 480));
    QCOMPARE(QColor(image.pixel(2, 470)), views::view_background(views::Theme::Dark));
    const QString file = path(QStringLiteral("dark.svg"));
    QVERIFY(app::export_figure(spec, *window_->currentResult(), file, request).isEmpty());
    QVERIFY(read_all(file).contains(views::view_background(views::Theme::Dark).name().toLatin1()));
  }

  void badRequestsLeaveNoFile() {
    app::FigureSpec spec;
    views::FigureRequest request;
    const QString txt = path(QStringLiteral("figure.txt"));
    const QString error = app::export_figure(spec, *window_->currentResult(), txt, request);
    QVERIFY(error.contains(QStringLiteral("figure.txt")));
    QVERIFY(!QFile::exists(txt));
    // An existing figure survives a failed export.
    const QString kept = path(QStringLiteral("kept.png"));
    QVERIFY(app::export_figure(spec, *window_->currentResult(), kept, request).isEmpty());
    const QByteArray before = read_all(kept);
    request.size = QSize(5, 5);
    QVERIFY(!app::export_figure(spec, *window_->currentResult(), kept, request).isEmpty());
    QCOMPARE(read_all(kept), before);
    const QString missingDir = path(QStringLiteral("no/such/dir/x.png"));
    request.size = QSize(300, 200);
    QVERIFY(app::export_figure(spec, *window_->currentResult(), missingDir, request)
                .contains(QStringLiteral("x.png")));
  }

  void cliFigureMatchesTheAppsExport() {
    // The app's export of the default scene's layout at 1200x900...
    app::MainWindow::Options options;
    options.useSettings = false;
    options.parameters = app::SceneParameters{};
    app::MainWindow single(options);
    single.resize(1200, 800);
    single.show();
    QVERIFY(single.waitForIdle(60000));
    app::FigureSpec spec;
    spec.cameraFrom = single.layoutView(0);
    views::FigureRequest request;  // 1200x900, 144 dpi: the CLI's defaults
    const QString gui = path(QStringLiteral("gui-layout.png"));
    QVERIFY(app::export_figure(spec, *single.currentResult(), gui, request).isEmpty());
    // ...and ropelab-cli figure with the same scene.
    for (const QString& ext :
         {QStringLiteral("png"), QStringLiteral("svg"), QStringLiteral("pdf")}) {
      QProcess cli;
      const QString out = path(QStringLiteral("cli-layout.") + ext);
      cli.start(QStringLiteral(ROPELAB_CLI),
                {QStringLiteral("figure"), QStringLiteral("--view"), QStringLiteral("layout"),
                 QStringLiteral("--out"), out});
      QVERIFY(cli.waitForFinished(120000));
      QVERIFY2(cli.exitCode() == 0, cli.readAllStandardError().constData());
      QVERIFY(QFileInfo(out).size() > 500);
    }
    const QImage a(gui), b(path(QStringLiteral("cli-layout.png")));
    QCOMPARE(b.size(), QSize(1200, 900));
    const double differing = differing_fraction(a, b);
    QVERIFY2(differing < 0.002, qPrintable(QString::number(differing)));
  }

  void cliFigureRefusesBadInput() {
    const auto run = [](const QStringList& args, QString& err) {
      QProcess cli;
      cli.start(QStringLiteral(ROPELAB_CLI), QStringList{QStringLiteral("figure")} + args);
      cli.waitForFinished(120000);
      err = QString::fromUtf8(cli.readAllStandardError());
      return cli.exitCode();
    };
    QString err;
    QCOMPARE(run({QStringLiteral("--view"), QStringLiteral("nope"), QStringLiteral("--out"),
                  path(QStringLiteral("a.png"))},
                 err),
             2);
    QVERIFY2(err.contains(QStringLiteral("--view")), qPrintable(err));
    QCOMPARE(run({QStringLiteral("--out"), path(QStringLiteral("a.gif"))}, err), 2);
    QVERIFY(err.contains(QStringLiteral("a.gif")));
    QCOMPARE(run({QStringLiteral("--out"), path(QStringLiteral("a.png")), QStringLiteral("--size"),
                  QStringLiteral("12")},
                 err),
             2);
    QVERIFY(err.contains(QStringLiteral("--size")));
    QVERIFY(!QFile::exists(path(QStringLiteral("a.png"))));
    // Without DISPLAY the CLI starts a private Xvfb (or explains that it needs one).
    QProcess headless;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.remove(QStringLiteral("DISPLAY"));
    headless.setProcessEnvironment(env);
    const QString out = path(QStringLiteral("headless.svg"));
    headless.start(
        QStringLiteral(ROPELAB_CLI),
        {QStringLiteral("figure"), QStringLiteral("--view"), QStringLiteral("frequency"),
         QStringLiteral("--out"), out, QStringLiteral("--size"), QStringLiteral("640x480")});
    QVERIFY(headless.waitForFinished(120000));
    const QString message = QString::fromUtf8(headless.readAllStandardError());
    if (QStandardPaths::findExecutable(QStringLiteral("xvfb-run")).isEmpty()) {
      QCOMPARE(headless.exitCode(), 1);
      QVERIFY(message.contains(QStringLiteral("needs an X server")));
    } else {
      QVERIFY2(headless.exitCode() == 0, qPrintable(message));
      QVERIFY(read_all(out).contains("<svg"));
    }
  }
};

ROPELAB_GUI_TEST_MAIN(ExportTest)
#include "tst_export.moc"
