#include "corridor/io/encoding.hpp"

#include <algorithm>
#include <cstdint>
#include <cstring>

#include "corridor/error.hpp"
#include "src_util.hpp"
#include "suggest.hpp"

namespace corridor {

namespace {

// Windows-1252's bytes 0x80..0x9F (WHATWG's table: the five undefined ones map to C1 controls).
constexpr std::uint16_t kCp1252High[32] = {
    0x20AC, 0x0081, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160,
    0x2039, 0x0152, 0x008D, 0x017D, 0x008F, 0x0090, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022,
    0x2013, 0x2014, 0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0x009D, 0x017E, 0x0178};


// 1-based line and character column of byte `at` (characters counted as UTF-8 lead bytes, so
// the column matches what an editor shows for the valid text before it).
std::pair<std::size_t, std::size_t> position(std::string_view text, std::size_t at) {
  const std::size_t line = 1 + static_cast<std::size_t>(std::count(text.begin(), text.begin() + static_cast<std::ptrdiff_t>(at), '\n'));
  std::size_t start = 0;
  if (at > 0)
    if (const std::size_t nl = text.rfind('\n', at - 1); nl != std::string_view::npos) start = nl + 1;
  std::size_t column = 1;
  for (std::size_t i = start; i < at; ++i) column += (static_cast<unsigned char>(text[i]) & 0xC0) != 0x80;
  return {line, column};
}

std::string hex_byte(unsigned char b) {
  static const char* digits = "0123456789ABCDEF";
  return std::string("0x") + digits[b >> 4] + digits[b & 15];
}

[[noreturn]] void invalid_utf8(std::string_view text, std::size_t at, const std::string& name) {
  const auto [line, column] = position(text, at);
  const auto b = static_cast<unsigned char>(text[at]);
  std::string what = "byte " + hex_byte(b) + " is not valid UTF-8";
  if (b >= 0xA0 || (b >= 0x80 && kCp1252High[b - 0x80] >= 0x100)) {
    std::string shown;
    detail::append_utf8(shown, b >= 0xA0 ? b : kCp1252High[b - 0x80]);
    what += " (it is \"" + shown + "\" in Windows-1252)";
  }
  throw InputError(name, line, "column " + std::to_string(column),
                   what + "; the file is not UTF-8. If it was saved by Excel or another Windows program, read it "
                          "with --encoding cp1252 (or --encoding latin-1), or save it as \"CSV UTF-8\"");
}

std::string from_utf16(std::string_view bytes, bool little_endian, const std::string& name) {
  std::string out;
  out.reserve(bytes.size());
  const std::size_t n = bytes.size() / 2;
  std::size_t line = 1;
  auto unit = [&](std::size_t i) -> std::uint32_t {
    const auto a = static_cast<unsigned char>(bytes[2 * i]), b = static_cast<unsigned char>(bytes[2 * i + 1]);
    return little_endian ? (a | (b << 8)) : ((a << 8) | b);
  };
  for (std::size_t i = 1; i < n; ++i) {  // unit 0 is the byte-order mark
    std::uint32_t cp = unit(i);
    if (cp >= 0xD800 && cp <= 0xDBFF && i + 1 < n && unit(i + 1) >= 0xDC00 && unit(i + 1) <= 0xDFFF) {
      cp = 0x10000 + ((cp - 0xD800) << 10) + (unit(i + 1) - 0xDC00);
      ++i;
    } else if (cp >= 0xD800 && cp <= 0xDFFF) {
      throw InputError(name, line, "", "the file is UTF-16 (it starts with a byte-order mark) but holds an unpaired "
                                       "surrogate; save it again as UTF-8");
    }
    if (cp == '\n') ++line;
    detail::append_utf8(out, cp);
  }
  if (bytes.size() % 2 != 0)
    throw InputError(name, line, "", "the file is UTF-16 (it starts with a byte-order mark) but has an odd number of "
                                     "bytes, so it is cut short; save it again as UTF-8");
  return out;
}

}  // namespace

Encoding parse_encoding(std::string_view name) {
  std::string n(detail::trim(name));
  for (char& c : n) c = detail::fold_ascii(c);
  if (n == "utf-8" || n == "utf8") return Encoding::utf8;
  if (n == "cp1252" || n == "windows-1252" || n == "win1252") return Encoding::cp1252;
  if (n == "latin-1" || n == "latin1" || n == "iso-8859-1" || n == "iso8859-1") return Encoding::latin1;
  static constexpr std::string_view names[] = {"utf-8", "cp1252", "windows-1252", "latin-1", "iso-8859-1"};
  throw ParamError("unknown encoding " + detail::quoted(name) + "; valid encodings: utf-8, cp1252 (windows-1252), " +
                   "latin-1 (iso-8859-1)" + detail::did_you_mean(n, names));
}

std::string_view to_string(Encoding e) noexcept {
  switch (e) {
    case Encoding::utf8: return "utf-8";
    case Encoding::cp1252: return "cp1252";
    case Encoding::latin1: return "latin-1";
  }
  return "utf-8";
}

std::size_t find_invalid_utf8(std::string_view s) noexcept {
  const std::size_t n = s.size();
  std::size_t i = 0;
  while (i < n) {
    // ASCII, the common case of case files: 32 bytes per step, then 8.
    while (i + 32 <= n) {
      std::uint64_t w[4];
      std::memcpy(w, s.data() + i, 32);
      if ((w[0] | w[1] | w[2] | w[3]) & 0x8080808080808080ULL) break;
      i += 32;
    }
    while (i + 8 <= n) {
      std::uint64_t word;
      std::memcpy(&word, s.data() + i, 8);
      if (word & 0x8080808080808080ULL) break;
      i += 8;
    }
    if (i >= n) break;
    if (static_cast<unsigned char>(s[i]) < 0x80) {
      ++i;
      continue;
    }
    const std::size_t len = detail::utf8_sequence_length(s, i);
    if (len == 0) return i;
    i += len;
  }
  return std::string_view::npos;
}

std::string decode_text(std::string bytes, Encoding encoding, const std::string& name) {
  const std::string_view v(bytes);
  const bool bom16le = v.size() >= 2 && v[0] == '\xFF' && v[1] == '\xFE';
  const bool bom16be = v.size() >= 2 && v[0] == '\xFE' && v[1] == '\xFF';
  const bool bom8 = v.substr(0, 3) == "\xEF\xBB\xBF";
  if (encoding != Encoding::utf8) {
    if (bom8 || bom16le || bom16be)
      throw InputError(name, 1, "",
                       std::string("the file starts with a Unicode byte-order mark, so it is not ") +
                           std::string(to_string(encoding)) + "; leave out --encoding");
    std::string out;
    out.reserve(bytes.size() + bytes.size() / 8);
    for (const char ch : bytes) {
      const auto b = static_cast<unsigned char>(ch);
      if (b < 0x80) out += ch;
      else detail::append_utf8(out, encoding == Encoding::cp1252 && b < 0xA0 ? kCp1252High[b - 0x80] : b);
    }
    return out;
  }
  if (bom16le || bom16be) {
    // UTF-32 LE starts FF FE 00 00: refuse rather than misread it as UTF-16.
    if (bom16le && v.size() >= 4 && v[2] == '\0' && v[3] == '\0')
      throw InputError(name, 1, "", "the file is UTF-32; save it as UTF-8");
    return from_utf16(v, bom16le, name);
  }
  if (const std::size_t bad = find_invalid_utf8(v); bad != std::string_view::npos) invalid_utf8(v, bad, name);
  if (const std::size_t nul = v.find('\0'); nul != std::string_view::npos) {
    const auto [line, column] = position(v, nul);
    throw InputError(name, line, "column " + std::to_string(column),
                     "the file holds NUL bytes: it looks like UTF-16 without a byte-order mark (or is not a text "
                     "file); save it as UTF-8");
  }
  return bytes;
}

}  // namespace corridor
