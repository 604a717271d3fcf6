// corridor/io/csv.hpp: a fast RFC 4180 CSV reader and the matching field escaping for writers.
//
// The reader owns the whole text in memory and scans it with pointers; fields are string_views
// into that buffer, and a quoted field with doubled quotes is unescaped in place (it only ever
// shrinks), so reading allocates nothing per record. It accepts quoted fields with commas,
// doubled quotes and embedded newlines, LF, CRLF or lone CR line ends, and skips a UTF-8 BOM and
// blank lines. Each record knows the 1-based physical line where it starts, so line numbers stay
// right after multi-line records. Malformed input (a stray quote, text after a closing quote, an
// unterminated quote, a record over the size or column limits) yields an error naming the line
// and, where it helps, the column; reading then resumes at the next line. No byte sequence makes
// it hang, crash or read out of bounds.
//
//   corridor::CsvReader r(corridor::read_file("edges.csv"));
//   corridor::CsvRecord rec;
//   while (auto st = r.next(rec); st != corridor::CsvStatus::end) {
//     if (st == corridor::CsvStatus::error) { std::cerr << r.error().to_string() << '\n'; continue; }
//     std::cout << rec.line << ": " << rec.fields.size() << " fields\n";
//   }
#pragma once

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include "corridor/io/file.hpp"  // read_file, which feeds the reader

namespace corridor {

/// Limits that keep a malformed or hostile file from producing absurd records.
struct CsvLimits {
  std::size_t max_record_bytes = 1 << 20;  ///< raw bytes of one record, quotes and newlines included
  std::size_t max_columns = 4096;          ///< fields of one record
};

/// One record: the physical line it starts on and its fields (views into the reader's buffer,
/// valid until the reader is destroyed).
struct CsvRecord {
  std::size_t line = 0;
  std::vector<std::string_view> fields;
};

/// A malformed record: where (1-based line, and 1-based byte column or 0) and what.
struct CsvError {
  std::size_t line = 0;
  std::size_t column = 0;
  std::string message;
  /// "line 3, column 7: ..." (column left out when 0).
  std::string to_string() const;
};

enum class CsvStatus { record, error, end };

class CsvReader {
 public:
  /// Takes the whole text (a leading UTF-8 BOM is skipped). O(1); parsing happens in next().
  /// `first_line` is the line number of the text's first byte: a reader of one part of a file
  /// (corridor-mpi) keeps the file's line numbers in its messages. `delimiter` separates fields
  /// (',' by default; ';' as European spreadsheets write, '\t'); a quote, a line end or NUL is a
  /// ParamError.
  explicit CsvReader(std::string text, CsvLimits limits = {}, std::size_t first_line = 1, char delimiter = ',');
  /// A delimiter given where the first line belongs would silently become a line number.
  CsvReader(std::string text, CsvLimits limits, char delimiter) = delete;
  CsvReader(const CsvReader&) = delete;
  CsvReader& operator=(const CsvReader&) = delete;
  CsvReader(CsvReader&&) noexcept = default;
  CsvReader& operator=(CsvReader&&) noexcept = default;

  /// Reads the next record into `out`. Returns record, or error (details in error(); the bad
  /// record is skipped and the next call resumes after it), or end. Amortised O(record bytes).
  CsvStatus next(CsvRecord& out);

  /// The last error returned by next().
  const CsvError& error() const noexcept { return error_; }

  /// The line number of the next byte to read (after the end: one past the text's last line
  /// break), so the reader of a following part of a file can go on counting from it.
  std::size_t line() const noexcept { return line_; }

  /// Size of the text in bytes (BOM included), for throughput figures.
  std::size_t size() const noexcept { return text_.size(); }
  /// The text (quoted fields already read are unescaped in place), e.g. to count lines first.
  std::string_view text() const noexcept { return text_; }

 private:
  CsvStatus fail(std::size_t line, std::size_t column, std::string message, bool skip_rest_of_line);
  // Space, and tab unless tab is the delimiter: trimmed around quoted fields.
  bool is_blank(char c) const noexcept { return c == ' ' || (c == '\t' && delim_ != '\t'); }

  // Positions, not pointers, so that moving the reader (and a short string's buffer) is safe.
  std::string text_;
  CsvLimits limits_;
  char delim_ = ',';
  bool special_[256] = {};  // bytes that end an unquoted field: the delimiter, '"', CR, LF
  std::size_t pos_ = 0;
  std::size_t line_start_ = 0;
  std::size_t line_ = 1;
  CsvError error_;
};

/// What one process learns by scanning its part of a CSV file, so that processes sharing a file
/// agree where records start without reading it from the beginning (a quoted field may hold line
/// breaks, so a line break ends a record only outside quotes). Index 0 describes the part read
/// as entered outside a quoted field, index 1 inside one.
struct CsvPartScan {
  static constexpr std::uint64_t kNone = static_cast<std::uint64_t>(-1);
  /// Offset within the part just past the first line break that ends a record; kNone if none.
  std::uint64_t first_boundary[2] = {kNone, kNone};
  /// Line breaks from the part's start up to first_boundary (that break included).
  std::uint64_t breaks_to_boundary[2] = {0, 0};
  /// The part ends inside a quoted field.
  bool ends_quoted[2] = {false, true};
  /// Line breaks in the part (LF, CRLF and lone CR each count once, quoted or not, as the
  /// reader counts lines).
  std::uint64_t breaks = 0;
};

/// Scans one part of a CSV file; `next` is the byte after the part (-1 at the end of the file),
/// which tells a lone CR from the CR of a CRLF. Every '"' toggles the quote state, which is exact
/// for well-formed CSV; on a malformed file the parts may not split where a reader would, and
/// the readers of the parts report the malformed records. O(bytes).
CsvPartScan scan_csv_part(std::string_view part, int next);

/// Where one part's records begin: a byte offset in the file and the line number there.
struct CsvSplit {
  std::uint64_t begin = 0;
  std::size_t line = 1;
};

/// Combines the scans of consecutive parts of a file into the record range of each part. Part r
/// covers bytes [offsets[r], offsets[r+1]) (the last part ends at `end`); offsets[0] is the first
/// byte of a record (just past the header), outside quotes, on line `first_line`. Part r owns the
/// records whose preceding line break ends inside it (part 0 also owns the record at
/// offsets[0]); its records are [result[r].begin, result[r+1].begin), the last ending at `end`. A
/// part without a record boundary owns nothing (its begin is the next part's).
std::vector<CsvSplit> split_csv_parts(const std::vector<std::uint64_t>& offsets, const std::vector<CsvPartScan>& scans,
                                      std::uint64_t end, std::size_t first_line);

/// How many times the record limit one line may reach before read_csv_file() stops reading.
inline constexpr std::size_t kCsvReadStopFactor = 4;

/// Reads a CSV file for a CsvReader with `limits`, checking while it reads: a line (the bytes
/// between two line ends) longer than kCsvReadStopFactor x limits.max_record_bytes is far beyond
/// any record the reader accepts, so reading stops there with an InputError naming `name` and
/// the line, before the rest of the file is in memory (a sparse 3 GB file of zeros costs a few
/// MiB, not 3 GB). Lines merely over the limit are left to the reader, which reports each record
/// with its size and goes on. Throws IoError as read_file() does.
std::string read_csv_file(const std::filesystem::path& file, const std::string& name, CsvLimits limits = {});

/// Parses a whole text into rows of fields (tests, fuzzing, small files); throws InputError
/// with the first error's line and column. `name` is the file name used in that message.
std::vector<std::vector<std::string>> parse_csv(std::string text, const std::string& name = "csv",
                                                CsvLimits limits = {}, char delimiter = ',');

/// Appends one field to `out`, quoted per RFC 4180 when it holds a comma, quote, CR or LF, or
/// begins or ends with a space or tab (which readers may trim).
void append_csv_field(std::string& out, std::string_view field);

/// One field as CSV text (see append_csv_field).
std::string csv_escape(std::string_view field);

/// Appends a record (fields joined by commas, then '\n') to `out`.
void append_csv_record(std::string& out, const std::vector<std::string_view>& fields);

}  // namespace corridor
