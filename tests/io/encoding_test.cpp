// Input encodings: UTF-8 validated (against a table-driven reference), cp1252 and latin-1
// transcoded, UTF-16 with a BOM read, and every refusal naming file, line and column.
#include <catch2/catch.hpp>

#include <random>
#include <string>

#include "corridor/error.hpp"
#include "corridor/io/encoding.hpp"

using namespace corridor;

namespace {

// The well-formed UTF-8 byte sequences of the Unicode Standard, Table 3-7, checked byte by byte:
// an independent reference for find_invalid_utf8.
std::size_t reference_invalid(const std::string& s) {
  std::size_t i = 0;
  auto in = [&](std::size_t k, unsigned lo, unsigned hi) {
    return k < s.size() && static_cast<unsigned char>(s[k]) >= lo && static_cast<unsigned char>(s[k]) <= hi;
  };
  while (i < s.size()) {
    const auto b = static_cast<unsigned char>(s[i]);
    std::size_t len = 0;
    if (b <= 0x7F) len = 1;
    else if (b >= 0xC2 && b <= 0xDF && in(i + 1, 0x80, 0xBF)) len = 2;
    else if (b == 0xE0 && in(i + 1, 0xA0, 0xBF) && in(i + 2, 0x80, 0xBF)) len = 3;
    else if (((b >= 0xE1 && b <= 0xEC) || b == 0xEE || b == 0xEF) && in(i + 1, 0x80, 0xBF) && in(i + 2, 0x80, 0xBF)) len = 3;
    else if (b == 0xED && in(i + 1, 0x80, 0x9F) && in(i + 2, 0x80, 0xBF)) len = 3;
    else if (b == 0xF0 && in(i + 1, 0x90, 0xBF) && in(i + 2, 0x80, 0xBF) && in(i + 3, 0x80, 0xBF)) len = 4;
    else if (b >= 0xF1 && b <= 0xF3 && in(i + 1, 0x80, 0xBF) && in(i + 2, 0x80, 0xBF) && in(i + 3, 0x80, 0xBF)) len = 4;
    else if (b == 0xF4 && in(i + 1, 0x80, 0x8F) && in(i + 2, 0x80, 0xBF) && in(i + 3, 0x80, 0xBF)) len = 4;
    if (len == 0) return i;
    i += len;
  }
  return std::string::npos;
}

std::string problem_of(const std::string& bytes, Encoding e = Encoding::utf8) {
  try {
    (void)decode_text(bytes, e, "nodes.csv");
  } catch (const InputError& err) {
    REQUIRE(err.problems().size() == 1);
    return err.problems()[0].to_string();
  }
  return "(no error)";
}

}  // namespace

TEST_CASE("find_invalid_utf8 agrees with Table 3-7 on random text, ASCII runs of every length included") {
  std::mt19937_64 rng(20261207);
  // Bytes drawn mostly from ASCII and the lead/continuation ranges, so that valid multi-byte
  // sequences, truncations, overlongs and surrogates all occur; run lengths cross the 8- and
  // 32-byte fast paths.
  const std::string alphabet = std::string("abc,\n\"") + "\x80\x8F\x90\x9F\xA0\xBF\xC0\xC1\xC2\xDF\xE0\xE1\xEC\xED\xEE"
                                                       "\xEF\xF0\xF1\xF3\xF4\xF5\xFF";
  std::size_t valid = 0, invalid = 0;
  for (int round = 0; round < 20000; ++round) {
    std::string s(std::uniform_int_distribution<int>(0, 40)(rng), 'x');
    const int mix = std::uniform_int_distribution<int>(0, 3)(rng);
    for (char& c : s)
      if (std::uniform_int_distribution<int>(0, 9)(rng) < mix)
        c = alphabet[std::uniform_int_distribution<std::size_t>(0, alphabet.size() - 1)(rng)];
    // Real characters too: é, €, a CJK ideograph, an emoji.
    if (round % 3 == 0) s.insert(std::uniform_int_distribution<std::size_t>(0, s.size())(rng), "\xC3\xA9\xE2\x82\xAC\xE6\x9D\x8E\xF0\x9F\x9A\x90");
    const std::size_t want = reference_invalid(s);
    INFO("round " << round);
    REQUIRE(find_invalid_utf8(s) == want);
    (want == std::string::npos ? valid : invalid)++;
  }
  CHECK(valid > 1000);
  CHECK(invalid > 1000);
  // Edge cases by name.
  CHECK(find_invalid_utf8("\xED\xA0\x80") == 0);      // a surrogate
  CHECK(find_invalid_utf8("\xC0\xAF") == 0);          // overlong '/'
  CHECK(find_invalid_utf8("\xF4\x90\x80\x80") == 0);  // above U+10FFFF
  CHECK(find_invalid_utf8("abc\xE2\x82") == 3);       // cut short
  CHECK(find_invalid_utf8(std::string(100, 'a') + "\xE9") == 100);
}

TEST_CASE("a cp1252 file is refused with file, line, column, the byte and the --encoding hint") {
  const std::string bytes = "id,kind,label\nS1,smuggler,Jos\xE9 Mu\xF1oz\n";
  const std::string p = problem_of(bytes);
  CHECK_THAT(p, Catch::StartsWith("nodes.csv:2: column 16: byte 0xE9 is not valid UTF-8 (it is \"\xC3\xA9\" in "
                                  "Windows-1252)"));
  CHECK_THAT(p, Catch::Contains("--encoding cp1252 (or --encoding latin-1)"));
  // The column counts characters: a valid "é" before the bad byte is one column.
  CHECK_THAT(problem_of("a\xC3\xA9\x80"), Catch::StartsWith("nodes.csv:1: column 3: byte 0x80"));
  CHECK_THAT(problem_of("x\n\x80"), Catch::Contains("(it is \"\xE2\x82\xAC\" in Windows-1252)"));
}

TEST_CASE("cp1252 and latin-1 are transcoded to UTF-8") {
  const std::string bytes = "Jos\xE9 Mu\xF1oz \x80 \x93quoted\x94 \x81";
  CHECK(decode_text(bytes, Encoding::cp1252, "x") ==
        "Jos\xC3\xA9 Mu\xC3\xB1oz \xE2\x82\xAC \xE2\x80\x9Cquoted\xE2\x80\x9D \xC2\x81");
  CHECK(decode_text(bytes, Encoding::latin1, "x") ==
        "Jos\xC3\xA9 Mu\xC3\xB1oz \xC2\x80 \xC2\x93quoted\xC2\x94 \xC2\x81");
  // Every byte maps to valid UTF-8.
  std::string all;
  for (int b = 0; b < 256; ++b)
    if (b != 0) all += static_cast<char>(b);
  CHECK(find_invalid_utf8(decode_text(all, Encoding::cp1252, "x")) == std::string::npos);
  CHECK(find_invalid_utf8(decode_text(all, Encoding::latin1, "x")) == std::string::npos);
  // A BOM says the file is Unicode: --encoding cp1252 would garble it.
  CHECK_THAT(problem_of("\xEF\xBB\xBFid", Encoding::cp1252), Catch::Contains("leave out --encoding"));
}

TEST_CASE("UTF-16 with a byte-order mark is read; without one it is refused clearly") {
  auto utf16 = [](const std::u16string& s, bool le) {
    std::string out = le ? "\xFF\xFE" : "\xFE\xFF";
    for (char16_t c : s) {
      const char lo = static_cast<char>(c & 0xFF), hi = static_cast<char>(c >> 8);
      out += le ? lo : hi;
      out += le ? hi : lo;
    }
    return out;
  };
  const std::u16string text = u"id,kind,label\nS1,smuggler,Jos\u00e9 \U0001F690\n";
  const std::string want = "id,kind,label\nS1,smuggler,Jos\xC3\xA9 \xF0\x9F\x9A\x90\n";
  CHECK(decode_text(utf16(text, true), Encoding::utf8, "x") == want);
  CHECK(decode_text(utf16(text, false), Encoding::utf8, "x") == want);
  CHECK_THAT(problem_of(utf16(u"a\n\xD800z", true)), Catch::Contains("nodes.csv:2: ") && Catch::Contains("unpaired surrogate"));
  CHECK_THAT(problem_of(utf16(u"ab", true) + "c"), Catch::Contains("odd number of bytes"));
  // UTF-16 without a BOM: NUL bytes.
  CHECK_THAT(problem_of(std::string("i\0d\0,\0k\0", 8)),
             Catch::Contains("nodes.csv:1: column 2: the file holds NUL bytes: it looks like UTF-16 without a byte-order mark"));
}

TEST_CASE("encodings are named with a did-you-mean") {
  CHECK(parse_encoding("UTF-8") == Encoding::utf8);
  CHECK(parse_encoding("windows-1252") == Encoding::cp1252);
  CHECK(parse_encoding("ISO-8859-1") == Encoding::latin1);
  CHECK_THAT([] {
    try {
      (void)parse_encoding("cp1253");
    } catch (const ParamError& e) {
      return std::string(e.what());
    }
    return std::string();
  }(), Catch::Contains("valid encodings: utf-8, cp1252") && Catch::Contains("did you mean \"cp1252\"?"));
}
