// normalize_id(): the zero-width characters and odd spaces are handled on the UTF-8 bytes (they
// are a fixed handful of three-byte sequences and one two-byte one); NFC is ICU's, the well-kept
// implementation of Unicode's normalisation tables, so corridor carries no tables of its own.
#include <unicode/unorm2.h>
#include <unicode/ustring.h>

#include <string>
#include <vector>

#include "corridor/error.hpp"
#include "corridor/io/encoding.hpp"
#include "io/lookalike.hpp"
#include "src_util.hpp"

namespace corridor {

namespace {

std::string nfc(const std::string& text) {
  UErrorCode st = U_ZERO_ERROR;
  const UNormalizer2* norm = unorm2_getNFCInstance(&st);
  if (U_FAILURE(st)) throw InternalError(std::string("ICU cannot provide Unicode NFC data: ") + u_errorName(st));
  // UTF-8 -> UTF-16 -> NFC -> UTF-8; an id is short, so the copies cost nothing worth a fast path.
  int32_t len16 = 0;
  st = U_ZERO_ERROR;
  u_strFromUTF8(nullptr, 0, &len16, text.data(), static_cast<int32_t>(text.size()), &st);
  if (U_FAILURE(st) && st != U_BUFFER_OVERFLOW_ERROR) return text;
  std::vector<UChar> src(static_cast<std::size_t>(len16) + 1);
  st = U_ZERO_ERROR;
  u_strFromUTF8(src.data(), len16 + 1, nullptr, text.data(), static_cast<int32_t>(text.size()), &st);
  if (U_FAILURE(st)) return text;  // not UTF-8 (the readers validate first): nothing to compose
  if (unorm2_isNormalized(norm, src.data(), len16, &st) && U_SUCCESS(st)) return text;
  st = U_ZERO_ERROR;
  const int32_t cap = unorm2_normalize(norm, src.data(), len16, nullptr, 0, &st);
  std::vector<UChar> dst(static_cast<std::size_t>(cap) + 1);
  st = U_ZERO_ERROR;
  const int32_t got = unorm2_normalize(norm, src.data(), len16, dst.data(), cap + 1, &st);
  if (U_FAILURE(st)) throw InternalError(std::string("ICU cannot normalise an id: ") + u_errorName(st));
  int32_t len8 = 0;
  st = U_ZERO_ERROR;
  u_strToUTF8(nullptr, 0, &len8, dst.data(), got, &st);
  std::string out(static_cast<std::size_t>(len8), '\0');
  st = U_ZERO_ERROR;
  u_strToUTF8(out.data(), len8, nullptr, dst.data(), got, &st);  // no terminator needed: a warning
  if (U_FAILURE(st))
    throw InternalError(std::string("ICU cannot write an id as UTF-8: ") + u_errorName(st));
  return out;
}

}  // namespace

std::string normalize_id(std::string_view id) {
  bool ascii = true;
  for (char c : id) ascii &= static_cast<unsigned char>(c) < 0x80;
  if (ascii) return std::string(detail::trim(id));
  std::string out;
  out.reserve(id.size());
  for (std::size_t i = 0; i < id.size();) {
    std::size_t n = detail::utf8_sequence_length(id, i);
    if (n == 0) n = 1;  // not UTF-8 (the readers validate first): kept as it is
    switch (detail::odd_character(id, i, n)) {
      case 1: break;
      case 2: out += ' '; break;
      default: out.append(id.substr(i, n));
    }
    i += n;
  }
  return std::string(detail::trim(nfc(out)));
}

}  // namespace corridor
