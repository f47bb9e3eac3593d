#pragma once
// Runs ropelab-cli through /bin/sh (popen), like tests/cli/test_cli.cpp, with a time limit.
#include <sys/wait.h>

#include <array>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>

namespace ropelab::test {

struct CliResult {
  int status = -1;  // exit code, or 128 + signal
  std::string out;
  std::string err;
};

// `prefix` is shell text placed before the binary (cd, env, ulimit, ...); `args` follow it.
// The run is killed after `seconds` (status 124 from timeout(1)).
inline CliResult run_cli(const std::string& prefix, const std::string& args,
                         const std::filesystem::path& err_file, int seconds = 60) {
  const std::string command = prefix + " timeout -s KILL " + std::to_string(seconds) + " " +
                              std::string(ROPELAB_CLI) + " " + args + " 2>'" + err_file.string() +
                              "'";
  CliResult r;
  FILE* pipe = ::popen(command.c_str(), "r");
  if (pipe == nullptr) return r;
  std::array<char, 65536> buffer{};
  std::size_t n = 0;
  while ((n = std::fread(buffer.data(), 1, buffer.size(), pipe)) > 0)
    r.out.append(buffer.data(), n);
  const int status = ::pclose(pipe);
  r.status = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
  std::ifstream in(err_file, std::ios::binary);
  r.err.assign(std::istreambuf_iterator<char>(in), {});
  std::filesystem::remove(err_file);
  return r;
}

// A fresh, empty folder for one test.
inline std::filesystem::path fresh_dir(const std::string& name) {
  const std::filesystem::path dir = std::filesystem::temp_directory_path() /
                                    ("ropelab-" + name + "-" + std::to_string(::getpid()));
  std::filesystem::remove_all(dir);
  std::filesystem::create_directories(dir);
  return dir;
}

inline bool sanitizer_report(const std::string& err) {
  return err.find("Sanitizer") != std::string::npos ||
         err.find("runtime error:") != std::string::npos;
}

}  // namespace ropelab::test
