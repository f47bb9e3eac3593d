#pragma once
// The command-line modes of the desktop app: `ropelab [FILE]`, --screenshot, --benchmark and
// --compare.
#include <QSize>
#include <QString>
#include <QStringList>
#include <optional>

namespace ropelab::app {

struct AppOptions {
  std::optional<QString> screenshot;  // save the window after the first result, then exit
  bool benchmark = false;
  QStringList compare;  // variants side by side
  QSize size{1600, 1000};
  int benchmarkChanges = 200;
  bool benchmarkLarge = true;
  bool dark = false;
  bool presentation = false;           // fonts 1.6x (Teaching::setPresentationMode)
  std::optional<QString> paperFigure;  // open a "Paper figures" entry (or teaching:PANEL)
  std::optional<QString> file;         // `ropelab FILE`: a preset, a session or a config.json
};

// Returns nullopt and prints a message when the arguments are malformed.
std::optional<AppOptions> parse_app_options(const QStringList& arguments, QString& error);

// Call before constructing QApplication: the OpenGL surface format VTK's bridge needs.
void configure_opengl();

int run_app(const AppOptions& options);

}  // namespace ropelab::app
