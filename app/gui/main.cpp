// RoPE Lab desktop app: everything lives in the ropelab_app library; this only starts it.
#include <QApplication>
#include <QStyleFactory>
#include <cstdio>
#include <string_view>

#include "app/gui/app_commands.h"
#include "ropelab/version.h"

int main(int argc, char** argv) {
  // --help / -h / --version need no display: answer them before QApplication connects to X.
  for (int i = 1; i < argc; ++i) {
    const std::string_view arg = argv[i];
    if (arg == "--version") {
      std::printf("ropelab %s\n", ropelab::version());
      return 0;
    }
    if (arg == "--help" || arg == "-h") {
      const QCoreApplication core(argc, argv);
      QString help;
      ropelab::app::parse_app_options(
          QStringList{QCoreApplication::arguments().first(), QStringLiteral("--help")}, help);
      std::printf("%s", qPrintable(help));
      return 0;
    }
  }
  // The icons live in the static ropelab_app library: register them explicitly.
  Q_INIT_RESOURCE(ropelab);
  ropelab::app::configure_opengl();
  QApplication application(argc, argv);
  QApplication::setOrganizationName(QStringLiteral("RoPE Lab"));
  QApplication::setApplicationName(QStringLiteral("ropelab"));
  QApplication::setStyle(QStyleFactory::create(QStringLiteral("Fusion")));
  QString error;
  const auto options = ropelab::app::parse_app_options(QApplication::arguments(), error);
  if (!options) {
    std::fprintf(stderr, "%s\n", qPrintable(error));
    return error.startsWith(QStringLiteral("Usage")) ? 0 : 2;
  }
  return ropelab::app::run_app(*options);
}
