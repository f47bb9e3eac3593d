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

void write_file_atomically(const std::string& path, const std::string& contents) {
  const std::filesystem::path target(path);
  std::filesystem::path temp = target;
  temp += ".tmp-" + std::to_string(::getpid()) + "-" + std::to_string(std::random_device{}());
  std::FILE* file = std::fopen(temp.c_str(), "wb");
  if (!file) throw std::runtime_error(path + ": cannot write (" + std::strerror(errno) + ")");
  const bool written = std::fwrite(contents.data(), 1, contents.size(), file) == contents.size();
  const int saved_errno = errno;
  const bool flushed = std::fflush(file) == 0 && ::fsync(::fileno(file)) == 0;
  const bool closed = std::fclose(file) == 0;
  if (!written || !flushed || !closed) {
    std::remove(temp.c_str());
    throw std::runtime_error(path + ": write failed (" +
                             std::strerror(saved_errno ? saved_errno : errno) +
                             "); the previous file is unchanged");
  }
  std::error_code error;
  std::filesystem::rename(temp, target, error);
  if (error) {
    std::remove(temp.c_str());
    throw std::runtime_error(path + ": cannot replace the file (" + error.message() + ")");
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
