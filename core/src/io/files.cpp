#include "ropelab/io/files.h"

#include <unistd.h>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <random>
#include <stdexcept>

#include "ropelab/error.h"

namespace ropelab::io {

namespace {

// Devices and pipes (/dev/null, /dev/stdout, a FIFO) are written in place: renaming a temporary
// file over them would replace the device node (as root) or fail. They hold no previous file.
void write_in_place(const std::string& path, const std::string& contents) {
  std::FILE* file = std::fopen(path.c_str(), "wb");
  if (!file) throw std::runtime_error(path + ": cannot write (" + std::strerror(errno) + ")");
  const bool written = std::fwrite(contents.data(), 1, contents.size(), file) == contents.size();
  int error = written ? 0 : errno;
  if (std::fflush(file) != 0 && error == 0) error = errno ? errno : EIO;
  if (std::fclose(file) != 0 && error == 0) error = errno ? errno : EIO;
  if (!written && error == 0) error = EIO;
  if (error != 0) throw std::runtime_error(path + ": write failed (" + std::strerror(error) + ")");
}

}  // namespace

void write_file_atomically(const std::string& path, const std::string& contents) {
  const std::filesystem::path target(path);
  std::error_code status_error;
  const auto status = std::filesystem::status(target, status_error);
  if (!status_error && std::filesystem::exists(status) &&
      !std::filesystem::is_regular_file(status) && !std::filesystem::is_directory(status)) {
    write_in_place(path, contents);
    return;
  }
  std::filesystem::path temp = target;
  temp += ".tmp-" + std::to_string(::getpid()) + "-" + std::to_string(std::random_device{}());
  std::FILE* file = std::fopen(temp.c_str(), "wb");
  if (!file) throw std::runtime_error(path + ": cannot write (" + std::strerror(errno) + ")");
  // The first failure's errno names the problem (a later, successful call may leave errno
  // unchanged, so errno is read only right after a call that failed).
  int error = 0;
  if (std::fwrite(contents.data(), 1, contents.size(), file) != contents.size())
    error = errno ? errno : EIO;
  if (std::fflush(file) != 0 && error == 0) error = errno ? errno : EIO;
  if (::fsync(::fileno(file)) != 0 && error == 0) error = errno ? errno : EIO;
  if (std::fclose(file) != 0 && error == 0) error = errno ? errno : EIO;
  if (error != 0) {
    std::remove(temp.c_str());
    throw std::runtime_error(path + ": write failed (" + std::strerror(error) +
                             "); the previous file is unchanged");
  }
  std::error_code rename_error;
  std::filesystem::rename(temp, target, rename_error);
  if (rename_error) {
    std::remove(temp.c_str());
    throw std::runtime_error(path + ": cannot replace the file (" + rename_error.message() +
                             "); the previous file is unchanged");
  }
}

std::string read_file(const std::string& path, std::size_t max_bytes) {
  std::error_code error;
  if (std::filesystem::is_directory(path, error))
    throw InputError(path + ": is a folder, not a file");
  std::ifstream in(path, std::ios::binary);
  if (!in) throw InputError(path + ": cannot open (" + std::strerror(errno) + ")");
  in.seekg(0, std::ios::end);
  const std::streamoff size = in.tellg();
  if (size < 0) throw InputError(path + ": cannot read");
  if (static_cast<std::size_t>(size) > max_bytes) {
    throw InputError(path + ": " + std::to_string(size) + " bytes is larger than the limit of " +
                     std::to_string(max_bytes));
  }
  in.seekg(0);
  std::string bytes(static_cast<std::size_t>(size), '\0');
  in.read(bytes.data(), size);
  if (!in) throw InputError(path + ": read failed");
  return bytes;
}

}  // namespace ropelab::io
