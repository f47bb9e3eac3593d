#include "ropelab/io/npy.h"

#include <bit>
#include <cctype>
#include <cmath>
#include <cstring>

#include "ropelab/error.h"
#include "ropelab/io/files.h"

namespace ropelab::io {

namespace {

constexpr char kMagic[] = "\x93NUMPY";
constexpr std::size_t kMaxElements = std::size_t{1} << 31;

std::string shape_text(const std::vector<std::size_t>& shape) {
  std::string text = "(";
  for (std::size_t i = 0; i < shape.size(); ++i)
    text += std::to_string(shape[i]) + (shape.size() == 1 ? "," : i + 1 < shape.size() ? ", " : "");
  return text + ")";
}

[[noreturn]] void fail(const std::string& name, const std::string& problem) {
  throw InputError(name + ": " + problem);
}

double half_to_double(std::uint16_t h) {
  const int sign = (h >> 15) & 1, exponent = (h >> 10) & 0x1f, mantissa = h & 0x3ff;
  double value;
  if (exponent == 0) {
    value = std::ldexp(mantissa, -24);
  } else if (exponent == 31) {
    value = mantissa ? std::nan("") : INFINITY;
  } else {
    value = std::ldexp(mantissa + 1024, exponent - 25);
  }
  return sign ? -value : value;
}

// A dtype the reader converts to double: float16/32/64, signed and unsigned integers of 1 to 8
// bytes and bool, in either byte order.
struct DType {
  char kind = 'f';  // 'f' float, 'i' signed, 'u' unsigned, 'b' bool
  std::size_t width = 8;
  bool swap = false;  // stored in the other byte order than the host's
};

DType parse_dtype(const std::string& descr, const std::string& name) {
  DType type;
  const auto unsupported = [&]() {
    fail(name, "dtype '" + (descr.size() > 32 ? descr.substr(0, 32) + "..." : descr) +
                   "' is not supported (float16/32/64, int8..int64, uint8..uint64 or bool, either "
                   "byte order)");
  };
  if (descr.size() < 2 || descr.size() > 3) unsupported();
  std::size_t at = 0;
  char order = '=';
  if (descr[0] == '<' || descr[0] == '>' || descr[0] == '|' || descr[0] == '=') order = descr[at++];
  if (descr.size() - at != 2) unsupported();
  type.kind = descr[at];
  if (descr[at + 1] < '1' || descr[at + 1] > '8') unsupported();
  type.width = static_cast<std::size_t>(descr[at + 1] - '0');
  const bool ok = (type.kind == 'f' && (type.width == 2 || type.width == 4 || type.width == 8)) ||
                  ((type.kind == 'i' || type.kind == 'u') &&
                   (type.width == 1 || type.width == 2 || type.width == 4 || type.width == 8)) ||
                  (type.kind == 'b' && type.width == 1);
  if (!ok) unsupported();
  static_assert(std::endian::native == std::endian::little,
                "npy reader assumes a little-endian host");
  type.swap = order == '>' && type.width > 1;
  return type;
}

double element(const DType& type, const char* p) {
  unsigned char raw[8] = {};
  for (std::size_t b = 0; b < type.width; ++b)
    raw[b] = static_cast<unsigned char>(p[type.swap ? type.width - 1 - b : b]);
  switch (type.kind) {
    case 'f':
      if (type.width == 8) {
        double d;
        std::memcpy(&d, raw, 8);
        return d;
      }
      if (type.width == 4) {
        float f;
        std::memcpy(&f, raw, 4);
        return f;
      }
      std::uint16_t h;
      std::memcpy(&h, raw, 2);
      return half_to_double(h);
    case 'u': {
      std::uint64_t u = 0;
      for (std::size_t b = 0; b < type.width; ++b) u |= std::uint64_t{raw[b]} << (8 * b);
      return static_cast<double>(u);
    }
    case 'i': {
      std::uint64_t u = 0;
      for (std::size_t b = 0; b < type.width; ++b) u |= std::uint64_t{raw[b]} << (8 * b);
      const unsigned shift = static_cast<unsigned>(64 - 8 * type.width);
      return static_cast<double>(static_cast<std::int64_t>(u << shift) >> shift);
    }
    default:
      return raw[0] != 0 ? 1.0 : 0.0;
  }
}

std::vector<std::size_t> parse_shape(const std::string& text, const std::string& name) {
  std::vector<std::size_t> shape;
  std::size_t pos = 0;
  while (pos < text.size()) {
    while (pos < text.size() && (text[pos] == ' ' || text[pos] == ',')) ++pos;
    if (pos >= text.size()) break;
    std::size_t end = pos;
    while (end < text.size() && std::isdigit(static_cast<unsigned char>(text[end]))) ++end;
    if (end == pos || end - pos > 12) fail(name, "shape '(" + text + ")' is not a tuple of sizes");
    shape.push_back(std::stoull(text.substr(pos, end - pos)));
    pos = end;
  }
  return shape;
}

// The value after "'key':" in a header dict: the contents of a quoted string (open = '\''), of
// a parenthesised tuple (open = '(') or a bare word (open = 0, True/False). A linear scan:
// std::regex recurses per character and overflowed the stack on long hostile headers.
bool header_value(const std::string& header, const std::string& key, char open,
                  std::string& value) {
  const std::size_t at = header.find("'" + key + "'");
  if (at == std::string::npos) return false;
  std::size_t pos = at + key.size() + 2;
  while (pos < header.size() && std::isspace(static_cast<unsigned char>(header[pos]))) ++pos;
  if (pos >= header.size() || header[pos] != ':') return false;
  ++pos;
  while (pos < header.size() && std::isspace(static_cast<unsigned char>(header[pos]))) ++pos;
  if (open != 0) {
    if (pos >= header.size() || header[pos] != open) return false;
    const std::size_t close = header.find(open == '(' ? ')' : '\'', pos + 1);
    if (close == std::string::npos) return false;
    value = header.substr(pos + 1, close - pos - 1);
    return true;
  }
  std::size_t end = pos;
  while (end < header.size() && std::isalpha(static_cast<unsigned char>(header[end]))) ++end;
  value = header.substr(pos, end - pos);
  return value == "True" || value == "False";
}

}  // namespace

std::string npy_bytes(const std::vector<std::size_t>& shape, const double* data) {
  std::string header =
      "{'descr': '<f8', 'fortran_order': False, 'shape': " + shape_text(shape) + ", }";
  // Header length (incl. magic, version, length field and trailing newline) pads to 64 bytes.
  const bool v2 = header.size() + 11 > 65535;
  const std::size_t prefix = v2 ? 12 : 10;
  const std::size_t total = ((prefix + header.size() + 1 + 63) / 64) * 64;
  header.append(total - prefix - header.size() - 1, ' ');
  header += '\n';
  std::size_t count = 1;
  for (std::size_t s : shape) count *= s;
  std::string out(kMagic, 6);
  out += static_cast<char>(v2 ? 2 : 1);
  out += '\0';
  const std::size_t length = header.size();
  out += static_cast<char>(length & 0xff);
  out += static_cast<char>((length >> 8) & 0xff);
  if (v2) {
    out += static_cast<char>((length >> 16) & 0xff);
    out += static_cast<char>((length >> 24) & 0xff);
  }
  out += header;
  static_assert(std::endian::native == std::endian::little,
                "npy writer assumes a little-endian host");
  out.append(reinterpret_cast<const char*>(data), count * sizeof(double));
  return out;
}

NpyArray parse_npy(const std::string& bytes, const std::string& name) {
  if (bytes.size() < 6 || bytes.compare(0, 6, kMagic, 6) != 0)
    fail(name, "not a .npy file (bad magic bytes)");
  if (bytes.size() < 10) fail(name, "truncated header");
  const int major = static_cast<unsigned char>(bytes[6]);
  if (major < 1 || major > 3)
    fail(name, "unsupported .npy format version " + std::to_string(major));
  const std::size_t prefix = major == 1 ? 10 : 12;
  if (bytes.size() < prefix) fail(name, "truncated header");
  std::size_t length = static_cast<unsigned char>(bytes[8]) |
                       (static_cast<std::size_t>(static_cast<unsigned char>(bytes[9])) << 8);
  if (major > 1)
    length |= (static_cast<std::size_t>(static_cast<unsigned char>(bytes[10])) << 16) |
              (static_cast<std::size_t>(static_cast<unsigned char>(bytes[11])) << 24);
  if (bytes.size() < prefix + length)
    fail(name, "truncated header (needs " + std::to_string(length) + " bytes)");
  const std::string header = bytes.substr(prefix, length);
  std::string value;
  if (!header_value(header, "descr", '\'', value)) fail(name, "header has no 'descr'");
  NpyArray array;
  array.dtype = value;
  if (!header_value(header, "fortran_order", 0, value)) fail(name, "header has no 'fortran_order'");
  if (value == "True") fail(name, "Fortran-ordered arrays are not supported (save with C order)");
  if (!header_value(header, "shape", '(', value)) fail(name, "header has no 'shape'");
  array.shape = parse_shape(value, name);
  std::size_t count = 1;
  for (std::size_t s : array.shape) {
    if (s != 0 && count > kMaxElements / s)
      fail(name, "shape " + shape_text(array.shape) + " is too large (limit 2^31 elements)");
    count *= s;
  }
  const DType type = parse_dtype(array.dtype, name);
  const std::size_t width = type.width;
  const std::size_t offset = prefix + length;
  if (bytes.size() - offset != count * width) {
    fail(name, "data holds " + std::to_string(bytes.size() - offset) + " bytes but shape " +
                   shape_text(array.shape) + " of " + array.dtype + " needs " +
                   std::to_string(count * width));
  }
  array.data.resize(count);
  const char* p = bytes.data() + offset;
  for (std::size_t i = 0; i < count; ++i) array.data[i] = element(type, p + width * i);
  return array;
}

NpyArray read_npy(const std::string& path) {
  return parse_npy(read_file(path), path);
}

}  // namespace ropelab::io
