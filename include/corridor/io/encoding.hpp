// corridor/io/encoding.hpp: the text encoding of input files, checked so that no byte silently
// changes meaning.
//
// corridor's text is UTF-8. A CSV saved by Excel in Western Europe is Windows-1252 ("José" is
// the bytes 4A 6F 73 E9), which is not valid UTF-8: read as if it were, the name would reach the
// exports as bytes that XML and JSON readers reject. So input is validated as UTF-8 (a fast scan
// that checks eight ASCII bytes at a time), invalid bytes are an InputError naming file, line and
// column with the hint to pass `--encoding cp1252` (or latin-1), which transcodes on read; a
// UTF-16 file with a byte-order mark (Excel's "Unicode text") is transcoded, and NUL bytes
// without one (UTF-16 without a BOM) are refused with a clear message.
//
// Ids that look the same but are different bytes ("José" typed on a Mac arrives decomposed, NFD;
// a zero-width space pasted from a web page; a non-breaking space from a word processor) would be
// separate people; normalize_id() gives the form the readers compare them by, and use instead of
// the id under ReadOptions::normalize_ids (`--normalize-ids`).
//
//   std::string text = corridor::decode_text(corridor::read_file("nodes.csv"), corridor::Encoding::utf8, "nodes.csv");
//   corridor::Encoding e = corridor::parse_encoding("cp1252");
//   corridor::normalize_id("Jose\u0301\u200b") == "Jos\u00e9";
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace corridor {

/// How the bytes of an input file are read.
enum class Encoding {
  utf8,    ///< UTF-8 (with or without BOM); UTF-16 with a BOM is recognised and transcoded
  cp1252,  ///< Windows-1252 (Excel's "CSV" in Western Europe), transcoded to UTF-8
  latin1,  ///< ISO-8859-1, transcoded to UTF-8
};

/// Parses an encoding name: utf-8 (utf8), cp1252 (windows-1252), latin-1 (latin1, iso-8859-1),
/// case-insensitive. Throws ParamError listing the names, with a did-you-mean.
Encoding parse_encoding(std::string_view name);

/// The name used in messages: "utf-8", "cp1252", "latin-1".
std::string_view to_string(Encoding e) noexcept;

/// Offset of the first byte of `text` that does not start a valid UTF-8 sequence (an invalid
/// lead byte, a truncated or overlong sequence, a surrogate, a code point above U+10FFFF), or
/// std::string_view::npos when the whole text is valid. O(bytes), ASCII eight bytes at a time.
std::size_t find_invalid_utf8(std::string_view text) noexcept;

/// The file's bytes as UTF-8 text, ready for the CSV or XML reader:
///   - utf8: a UTF-16 LE or BE byte-order mark makes the text UTF-16, transcoded (an unpaired
///     surrogate is an error); otherwise the text is validated and returned unchanged (a UTF-8
///     BOM is kept for the reader to skip). Invalid UTF-8 is an InputError at `name`:line naming
///     the column and the byte, with the hint `--encoding cp1252` (or latin-1); NUL bytes are an
///     InputError saying the file looks like UTF-16 without a byte-order mark.
///   - cp1252, latin1: every byte transcoded (the five bytes Windows-1252 leaves undefined become
///     the C1 controls latin-1 gives them); a UTF-8 BOM or UTF-16 BOM is an error, since the
///     file is then not in the encoding named.
/// O(bytes); the UTF-8 case moves the string through without a copy.
std::string decode_text(std::string bytes, Encoding encoding, const std::string& name);

/// An id as the readers compare ids for looking the same: the invisible characters U+200B..U+200D
/// (zero-width space, non-joiner, joiner), U+2060 (word joiner) and U+FEFF (zero-width no-break
/// space) removed; U+00A0 (no-break space), U+1680, U+2000..U+200A, U+202F, U+205F and U+3000
/// (the other spaces of Unicode's Zs category) made plain spaces; the result in Unicode
/// Normalization Form C (canonical composition, through ICU, so "e" + U+0301 becomes "é") and
/// trimmed of surrounding spaces. Plain ASCII ids come back unchanged, at the cost of one scan.
/// `id` must be valid UTF-8 (what decode_text() returns). Note that U+200C and U+200D carry meaning
/// in Persian and Indic scripts: they are removed only under ReadOptions::normalize_ids, which
/// the user asks for; otherwise they only make two ids that differ by them a warning.
/// Throws InternalError if ICU cannot provide the normalisation data.
std::string normalize_id(std::string_view id);

}  // namespace corridor
