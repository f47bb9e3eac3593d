// File safety: a save or export that fails (read-only folder, disk full) reports the problem and
// leaves the previous file intact, with no temporary file left behind.
//
// "Disk full" is simulated without root or mounts: RLIMIT_FSIZE makes write(2) fail with EFBIG
// once the file would grow past the limit (SIGXFSZ ignored), exactly where a full disk fails with
// ENOSPC; /dev/full fails every write with ENOSPC. A read-only folder is chmod 0555; as root, who
// ignores permissions, the CLI runs as user nobody through setpriv(1).
#include <gtest/gtest.h>
#include <sys/resource.h>
#include <unistd.h>

#include <csignal>
#include <filesystem>
#include <fstream>
#include <stdexcept>

#include "ropelab/io/files.h"
#include "ropelab/io/preset.h"
#include "run_cli.h"

namespace ropelab::test {
namespace {

namespace fs = std::filesystem;

const std::string kPrevious = "previous contents\n";

std::string contents(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), {}};
}

// Files in dir other than `keep` and the stderr capture.
int stray_files(const fs::path& dir, const fs::path& keep) {
  int count = 0;
  for (const auto& entry : fs::directory_iterator(dir)) {
    if (entry.path() != keep && entry.path().filename() != "stderr.txt") ++count;
  }
  return count;
}

// Lowers RLIMIT_FSIZE for this process for the lifetime of the object.
class FileSizeLimit {
 public:
  explicit FileSizeLimit(rlim_t bytes) {
    old_handler_ = std::signal(SIGXFSZ, SIG_IGN);
    ::getrlimit(RLIMIT_FSIZE, &old_);
    rlimit limit = old_;
    limit.rlim_cur = bytes;
    ok_ = ::setrlimit(RLIMIT_FSIZE, &limit) == 0;
  }
  ~FileSizeLimit() {
    ::setrlimit(RLIMIT_FSIZE, &old_);
    std::signal(SIGXFSZ, old_handler_);
  }
  FileSizeLimit(const FileSizeLimit&) = delete;
  FileSizeLimit& operator=(const FileSizeLimit&) = delete;
  bool ok() const { return ok_; }

 private:
  rlimit old_{};
  void (*old_handler_)(int) = nullptr;
  bool ok_ = false;
};

TEST(AtomicWrite, DiskFullKeepsThePreviousFile) {
  const fs::path dir = fresh_dir("disk-full");
  const fs::path target = dir / "preset.json";
  std::ofstream(target) << kPrevious;
  io::Preset preset;
  preset.description = std::string(64 << 10, 'x');  // well beyond the limit below
  std::string message;
  {
    const FileSizeLimit limit(4096);
    ASSERT_TRUE(limit.ok());
    try {
      io::save_preset(preset, target.string());
    } catch (const std::runtime_error& e) {
      message = e.what();
    }
  }
  EXPECT_NE(message.find(target.string()), std::string::npos) << message;
  EXPECT_NE(message.find("File too large"), std::string::npos) << message;
  EXPECT_NE(message.find("previous file is unchanged"), std::string::npos) << message;
  EXPECT_EQ(contents(target), kPrevious);
  EXPECT_EQ(stray_files(dir, target), 0);
  io::save_preset(preset, target.string());  // without the limit the same save succeeds
  EXPECT_EQ(io::preset_from_json(contents(target), "saved").description, preset.description);
  fs::remove_all(dir);
}

TEST(AtomicWrite, ReadOnlyFolderKeepsThePreviousFile) {
  if (::geteuid() == 0) GTEST_SKIP() << "root ignores folder permissions (the CLI test covers it)";
  const fs::path dir = fresh_dir("read-only");
  const fs::path target = dir / "out.json";
  std::ofstream(target) << kPrevious;
  fs::permissions(dir, fs::perms::owner_read | fs::perms::owner_exec);
  EXPECT_THROW(
      {
        try {
          io::write_file_atomically(target.string(), "new contents\n");
        } catch (const std::runtime_error& e) {
          EXPECT_NE(std::string(e.what()).find(target.string()), std::string::npos);
          throw;
        }
      },
      std::runtime_error);
  fs::permissions(dir, fs::perms::owner_all);
  EXPECT_EQ(contents(target), kPrevious);
  EXPECT_EQ(stray_files(dir, target), 0);
  fs::remove_all(dir);
}

TEST(AtomicWrite, DevFullReportsNoSpace) {
  if (!fs::is_character_file("/dev/full")) GTEST_SKIP() << "no /dev/full";
  try {
    io::write_file_atomically("/dev/full", std::string(1 << 16, 'x'));
    FAIL() << "writing to /dev/full succeeded";
  } catch (const std::runtime_error& e) {
    EXPECT_NE(std::string(e.what()).find("/dev/full"), std::string::npos) << e.what();
    EXPECT_NE(std::string(e.what()).find("No space left"), std::string::npos) << e.what();
  }
  EXPECT_TRUE(fs::is_character_file("/dev/full"));  // written in place, never replaced
}

TEST(CliFileSafety, DiskFullKeepsThePreviousFile) {
  const fs::path dir = fresh_dir("cli-disk-full");
  const fs::path target = dir / "angles.json";
  std::ofstream(target) << kPrevious;
  // dash's ulimit -f counts 512-byte blocks: 4 KiB, far below the ~150 KB of angles JSON.
  const CliResult r = run_cli("trap '' XFSZ; ulimit -f 8;",
                              "angles --out '" + target.string() + "'", dir / "stderr.txt");
  EXPECT_EQ(r.status, 1) << r.err;
  EXPECT_FALSE(sanitizer_report(r.err)) << r.err;
  EXPECT_NE(r.err.find(target.string() + ": write failed (File too large)"), std::string::npos)
      << r.err;
  EXPECT_EQ(contents(target), kPrevious);
  EXPECT_EQ(stray_files(dir, target), 0);
  fs::remove_all(dir);
}

TEST(CliFileSafety, DevFullReportsNoSpace) {
  if (!fs::is_character_file("/dev/full")) GTEST_SKIP() << "no /dev/full";
  const fs::path dir = fresh_dir("cli-dev-full");
  const CliResult r = run_cli("", "angles --out /dev/full", dir / "stderr.txt");
  EXPECT_EQ(r.status, 1) << r.err;
  EXPECT_NE(r.err.find("/dev/full: write failed (No space left on device)"), std::string::npos)
      << r.err;
  EXPECT_TRUE(fs::is_character_file("/dev/full"));
  fs::remove_all(dir);
}

TEST(CliFileSafety, FullStdoutIsAFailure) {
  if (!fs::is_character_file("/dev/full")) GTEST_SKIP() << "no /dev/full";
  const fs::path dir = fresh_dir("cli-stdout-full");
  const CliResult r = run_cli("exec >/dev/full;", "positions", dir / "stderr.txt");
  EXPECT_EQ(r.status, 1) << r.err;
  EXPECT_NE(r.err.find("stdout: write failed (No space left on device)"), std::string::npos)
      << r.err;
  fs::remove_all(dir);
}

TEST(CliFileSafety, ReadOnlyFolderKeepsThePreviousFile) {
  const fs::path dir = fresh_dir("cli-read-only");
  const fs::path target = dir / "positions.json";
  std::ofstream(target) << kPrevious;
  std::string prefix;
  if (::geteuid() == 0) {
    // Root writes anywhere: run as nobody, if that user can reach the binary.
    prefix = "setpriv --reuid=65534 --regid=65534 --clear-groups";
    const CliResult probe = run_cli(prefix, "variants", dir / "stderr.txt");
    if (probe.status != 0) {
      fs::remove_all(dir);
      GTEST_SKIP() << "cannot run the CLI as nobody: " << probe.err;
    }
  }
  fs::permissions(dir, fs::perms::owner_read | fs::perms::owner_exec | fs::perms::group_read |
                           fs::perms::group_exec | fs::perms::others_read | fs::perms::others_exec);
  // stderr goes outside the read-only folder.
  const fs::path err = fs::temp_directory_path() / ("ropelab-ro-err-" + std::to_string(::getpid()));
  const CliResult r = run_cli(prefix, "positions --out '" + target.string() + "'", err);
  fs::permissions(dir, fs::perms::owner_all);
  EXPECT_EQ(r.status, 1) << r.err;
  EXPECT_FALSE(sanitizer_report(r.err)) << r.err;
  EXPECT_NE(r.err.find(target.string() + ": cannot write (Permission denied)"), std::string::npos)
      << r.err;
  EXPECT_EQ(contents(target), kPrevious);
  EXPECT_EQ(stray_files(dir, target), 0);
  fs::remove_all(dir);
}

TEST(CliFileSafety, MissingFolderIsReported) {
  const fs::path dir = fresh_dir("cli-missing");
  const fs::path target = dir / "no" / "such" / "folder" / "out.json";
  const CliResult r = run_cli("", "positions --out '" + target.string() + "'", dir / "stderr.txt");
  EXPECT_EQ(r.status, 1) << r.err;
  EXPECT_NE(r.err.find(target.string() + ": cannot write (No such file or directory)"),
            std::string::npos)
      << r.err;
  EXPECT_FALSE(fs::exists(target));
  fs::remove_all(dir);
}

TEST(CliFileSafety, SuccessfulWriteReplacesTheWholeFile) {
  const fs::path dir = fresh_dir("cli-replace");
  const fs::path target = dir / "positions.json";
  std::ofstream(target) << std::string(1 << 20, 'x');  // longer than the new contents
  const CliResult r = run_cli("", "positions --out '" + target.string() + "'", dir / "stderr.txt");
  EXPECT_EQ(r.status, 0) << r.err;
  const std::string written = contents(target);
  EXPECT_EQ(written.rfind("{\"", 0), 0u);
  EXPECT_EQ(written.back(), '\n');
  EXPECT_EQ(written.find('x' + std::string(16, 'x')), std::string::npos);
  EXPECT_EQ(stray_files(dir, target), 0);
  fs::remove_all(dir);
}

}  // namespace
}  // namespace ropelab::test
