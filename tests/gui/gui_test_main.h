#pragma once
// A QtTest main for GUI tests. VTK needs an X server (Debian's VTK has no EGL/OSMesa) and
// QOpenGLWidget crashes on the offscreen platform, so without DISPLAY the test is skipped (77)
// instead of aborting. Fonts are pinned to DejaVu Sans so images do not depend on the machine.
#include <QApplication>
#include <QFont>
#include <QSettings>
#include <QStandardPaths>
#include <QStyleFactory>
#include <QTest>
#include <cstdio>
#include <memory>

#include "app/gui/app_commands.h"
#include "app/gui/main_window.h"

// A main window on the default scene that neither reads nor writes the user's settings, shown at
// a fixed size. Callers wait for it to be exposed and idle (QVERIFY needs a void test function).
inline std::unique_ptr<ropelab::app::MainWindow> open_test_window(QSize size = QSize(1400, 900)) {
  QSettings().clear();
  ropelab::app::MainWindow::Options options;
  options.useSettings = false;
  options.parameters = ropelab::app::SceneParameters{};
  auto window = std::make_unique<ropelab::app::MainWindow>(options);
  window->resize(size);
  window->show();
  return window;
}

#define ROPELAB_GUI_TEST_MAIN(TestClass)                                                \
  int main(int argc, char** argv) {                                                     \
    if (qEnvironmentVariableIsEmpty("DISPLAY")) {                                       \
      std::fprintf(stderr, "SKIP: no X display (run under xvfb-run)\n");                \
      return 77;                                                                        \
    }                                                                                   \
    Q_INIT_RESOURCE(ropelab);                                                           \
    QStandardPaths::setTestModeEnabled(true);                                           \
    ropelab::app::configure_opengl();                                                   \
    QApplication app(argc, argv);                                                       \
    QApplication::setOrganizationName(QStringLiteral("RoPE Lab tests"));                \
    /* Own settings per test binary: ctest runs them in parallel. */                    \
    QApplication::setApplicationName(QString::fromLatin1("ropelab-tests-" #TestClass)); \
    QApplication::setStyle(QStyleFactory::create(QStringLiteral("Fusion")));            \
    QApplication::setFont(QFont(QStringLiteral("DejaVu Sans"), 9));                     \
    TestClass test;                                                                     \
    return QTest::qExec(&test, argc, argv);                                             \
  }
