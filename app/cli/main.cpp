// ropelab-cli: the headless command line over core/ (spec/cli.md). Exit 0 on success, 2 on a
// usage or input error, 1 on any other failure; output files are written atomically.
#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <iostream>
#include <stdexcept>
#include <string>
#include <vector>

#include "commands.h"
#include "options.h"
#include "ropelab/error.h"
#include "ropelab/io/files.h"
#include "ropelab/version.h"

int main(int argc, char** argv) {
  const std::vector<std::string> args(argv + 1, argv + argc);
  // `--help` / `-h` anywhere (ropelab-cli --help, ropelab-cli positions --help) prints the usage
  // and succeeds; no arguments at all is a usage error.
  const auto given = [&](const char* flag) {
    return std::find(args.begin(), args.end(), flag) != args.end();
  };
  if (args.empty() || args[0] == "help" || given("--help") || given("-h")) {
    std::cout << ropelab::cli::usage();
    return args.empty() ? 2 : 0;
  }
  if (given("--version")) {
    std::cout << "ropelab-cli " << ropelab::version() << '\n';
    return 0;
  }
  try {
    const ropelab::cli::Options options = ropelab::cli::parse_options(args);
    for (const auto& note : options.notes) std::cerr << "ropelab-cli: note: " << note << '\n';
    int status = 0;
    const std::string output = ropelab::cli::run_command(options, status);
    if (options.out) {
      ropelab::io::write_file_atomically(*options.out, output);
    } else {
      // A full disk or closed pipe behind stdout is a failure too, not a silent success.
      if (std::fwrite(output.data(), 1, output.size(), stdout) != output.size() ||
          std::fflush(stdout) != 0) {
        throw std::runtime_error(std::string("stdout: write failed (") + std::strerror(errno) +
                                 ")");
      }
    }
    return status;
  } catch (const ropelab::InputError& e) {
    std::cerr << "ropelab-cli: error: " << e.what() << '\n';
    return 2;
  } catch (const std::bad_alloc&) {
    std::cerr << "ropelab-cli: error: out of memory (try a smaller scene)\n";
    return 1;
  } catch (const std::exception& e) {
    std::cerr << "ropelab-cli: error: " << e.what() << '\n';
    return 1;
  }
}
