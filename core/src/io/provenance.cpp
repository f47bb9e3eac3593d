#include "ropelab/io/provenance.h"

#include <array>
#include <cstdint>

#include "ropelab/error.h"
#include "ropelab/io/files.h"

namespace ropelab::io {

namespace {

const std::string kPngSignature("\x89PNG\r\n\x1a\n", 8);
const std::string kOpen =
    std::string("<ropelab:preset xmlns:ropelab=\"") + kProvenanceNamespace + "\">";
const std::string kClose = "</ropelab:preset>";

std::uint32_t crc32(const std::string& data, std::size_t from, std::size_t length) {
  static const std::array<std::uint32_t, 256> table = [] {
    std::array<std::uint32_t, 256> t{};
    for (std::uint32_t n = 0; n < 256; ++n) {
      std::uint32_t c = n;
      for (int k = 0; k < 8; ++k) c = (c & 1U) != 0 ? 0xEDB88320U ^ (c >> 1) : c >> 1;
      t[n] = c;
    }
    return t;
  }();
  std::uint32_t c = 0xFFFFFFFFU;
  for (std::size_t i = from; i < from + length; ++i) {
    c = table[(c ^ static_cast<unsigned char>(data[i])) & 0xFFU] ^ (c >> 8);
  }
  return c ^ 0xFFFFFFFFU;
}

std::uint32_t be32(const std::string& data, std::size_t at) {
  return (static_cast<std::uint32_t>(static_cast<unsigned char>(data[at])) << 24) |
         (static_cast<std::uint32_t>(static_cast<unsigned char>(data[at + 1])) << 16) |
         (static_cast<std::uint32_t>(static_cast<unsigned char>(data[at + 2])) << 8) |
         static_cast<std::uint32_t>(static_cast<unsigned char>(data[at + 3]));
}

void put32(std::string& out, std::uint32_t v) {
  out.push_back(static_cast<char>((v >> 24) & 0xFFU));
  out.push_back(static_cast<char>((v >> 16) & 0xFFU));
  out.push_back(static_cast<char>((v >> 8) & 0xFFU));
  out.push_back(static_cast<char>(v & 0xFFU));
}

struct Chunk {
  std::size_t at;      // offset of the length field
  std::uint32_t size;  // data length
  std::string type;
};

// Walks the chunks of a PNG; calls f for each until it returns false. Throws on a truncated file.
template <typename F>
void each_chunk(const std::string& png, const std::string& source, F f) {
  std::size_t at = kPngSignature.size();
  while (at + 12 <= png.size()) {
    const Chunk chunk{at, be32(png, at), png.substr(at + 4, 4)};
    if (at + 12 + chunk.size > png.size()) break;
    if (!f(chunk)) return;
    at += 12 + chunk.size;
  }
  throw InputError(source + ": truncated PNG (no IEND chunk)");
}

std::string xml_escape(const std::string& text) {
  std::string out;
  out.reserve(text.size() + text.size() / 8);
  for (char c : text) {
    switch (c) {
      case '&':
        out += "&amp;";
        break;
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      case '"':
        out += "&quot;";
        break;
      default:
        out.push_back(c);
    }
  }
  return out;
}

std::string xml_unescape(const std::string& text) {
  std::string out;
  out.reserve(text.size());
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] != '&') {
      out.push_back(text[i]);
      continue;
    }
    const std::size_t end = text.find(';', i);
    const std::string entity =
        end == std::string::npos ? std::string() : text.substr(i + 1, end - i - 1);
    if (entity == "amp") {
      out.push_back('&');
    } else if (entity == "lt") {
      out.push_back('<');
    } else if (entity == "gt") {
      out.push_back('>');
    } else if (entity == "quot") {
      out.push_back('"');
    } else if (entity == "apos") {
      out.push_back('\'');
    } else if (entity.size() > 1 && entity[0] == '#') {
      const unsigned long code = entity[1] == 'x' ? std::stoul(entity.substr(2), nullptr, 16)
                                                  : std::stoul(entity.substr(1));
      if (code < 0x80) {
        out.push_back(static_cast<char>(code));
      } else if (code < 0x800) {
        out.push_back(static_cast<char>(0xC0 | (code >> 6)));
        out.push_back(static_cast<char>(0x80 | (code & 0x3F)));
      } else if (code < 0x10000) {
        out.push_back(static_cast<char>(0xE0 | (code >> 12)));
        out.push_back(static_cast<char>(0x80 | ((code >> 6) & 0x3F)));
        out.push_back(static_cast<char>(0x80 | (code & 0x3F)));
      } else {
        out.push_back(static_cast<char>(0xF0 | (code >> 18)));
        out.push_back(static_cast<char>(0x80 | ((code >> 12) & 0x3F)));
        out.push_back(static_cast<char>(0x80 | ((code >> 6) & 0x3F)));
        out.push_back(static_cast<char>(0x80 | (code & 0x3F)));
      }
    } else {
      out.push_back('&');
      continue;
    }
    i = end;
  }
  return out;
}

std::string from_element(const std::string& bytes, const std::string& source) {
  // The element as written; a rewriting tool may have changed the namespace declaration.
  std::size_t open = bytes.find("<ropelab:preset");
  if (open == std::string::npos) throw InputError(source + ": holds no RoPE Lab provenance");
  open = bytes.find('>', open);
  const std::size_t close = bytes.find(kClose, open);
  if (open == std::string::npos || close == std::string::npos) {
    throw InputError(source + ": unterminated RoPE Lab provenance element");
  }
  return xml_unescape(bytes.substr(open + 1, close - open - 1));
}

}  // namespace

std::string embed_provenance_png(const std::string& png, const std::string& json) {
  if (png.compare(0, kPngSignature.size(), kPngSignature) != 0) {
    throw InputError("embed_provenance_png: not a PNG");
  }
  std::string out = png.substr(0, kPngSignature.size());
  std::string payload = std::string(kProvenanceKey) + '\0';
  payload += std::string("\0\0", 2);  // compression flag 0, method 0
  payload += '\0';                    // no language tag
  payload += '\0';                    // no translated keyword
  payload += json;
  each_chunk(png, "embed_provenance_png", [&](const Chunk& c) {
    const bool ours =
        c.type == "iTXt" && png.compare(c.at + 8, 8, std::string(kProvenanceKey) + '\0') == 0;
    if (c.type == "IEND") {
      std::string chunk = "iTXt" + payload;
      put32(out, static_cast<std::uint32_t>(payload.size()));
      out += chunk;
      put32(out, crc32(chunk, 0, chunk.size()));
    }
    if (!ours) out += png.substr(c.at, 12 + c.size);
    return c.type != "IEND";
  });
  return out;
}

std::string embed_provenance_svg(const std::string& svg, const std::string& json) {
  const std::size_t tag = svg.find("<svg");
  const std::size_t end = tag == std::string::npos ? tag : svg.find('>', tag);
  if (end == std::string::npos) throw InputError("embed_provenance_svg: no <svg> element");
  return svg.substr(0, end + 1) + "\n<metadata>" + kOpen + xml_escape(json) + kClose +
         "</metadata>" + svg.substr(end + 1);
}

std::string provenance_xmp(const std::string& json, const std::string& title) {
  return "<?xpacket begin=\"\xEF\xBB\xBF\" id=\"W5M0MpCehiHzreSzNTczkc9d\"?>\n"
         "<x:xmpmeta xmlns:x=\"adobe:ns:meta/\">\n"
         "<rdf:RDF xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\">\n"
         "<rdf:Description rdf:about=\"\" xmlns:dc=\"http://purl.org/dc/elements/1.1/\" "
         "xmlns:pdf=\"http://ns.adobe.com/pdf/1.3/\">\n"
         "<dc:title><rdf:Alt><rdf:li xml:lang=\"x-default\">" +
         xml_escape(title) +
         "</rdf:li></rdf:Alt></dc:title>\n"
         "<pdf:Producer>RoPE Lab</pdf:Producer>\n" +
         kOpen + xml_escape(json) + kClose +
         "\n</rdf:Description>\n</rdf:RDF>\n</x:xmpmeta>\n<?xpacket end=\"w\"?>";
}

std::string provenance_from_bytes(const std::string& bytes, const std::string& source) {
  if (bytes.compare(0, kPngSignature.size(), kPngSignature) == 0) {
    std::string found;
    bool seen = false;
    each_chunk(bytes, source, [&](const Chunk& c) {
      const std::string key = std::string(kProvenanceKey) + '\0';
      if (c.type == "iTXt" && c.size >= key.size() + 4 &&
          bytes.compare(c.at + 8, key.size(), key) == 0) {
        const std::size_t data = c.at + 8;
        const std::size_t dataEnd = data + c.size;
        if (bytes[data + key.size()] != '\0') {
          throw InputError(source +
                           ": the ropelab iTXt chunk is compressed (not written by RoPE Lab)");
        }
        std::size_t p = data + key.size() + 2;
        const std::size_t language = bytes.find('\0', p);
        const std::size_t translated =
            language == std::string::npos ? language : bytes.find('\0', language + 1);
        if (translated == std::string::npos || translated >= dataEnd) {
          throw InputError(source + ": malformed ropelab iTXt chunk");
        }
        p = translated + 1;
        found = bytes.substr(p, dataEnd - p);
        seen = true;
        return false;
      }
      return c.type != "IEND";
    });
    if (!seen)
      throw InputError(source + ": PNG holds no RoPE Lab provenance (no ropelab iTXt chunk)");
    return found;
  }
  return from_element(bytes, source);
}

std::string read_provenance(const std::string& path) {
  return provenance_from_bytes(read_file(path, std::size_t{1} << 30), path);
}

}  // namespace ropelab::io
