#include "corridor/io/csv.hpp"

#include "corridor/error.hpp"

#include <algorithm>
#include <limits>

namespace corridor {

namespace {

inline bool blank(char c) { return c == ' ' || c == '\t'; }

// Skips blank (or whitespace-only) lines, which are not records, keeping the line count and the
// line start; false at the end of the text (p is then `end`).
template <class Blank>
inline bool skip_blank_lines(char*& p, char*& ls, std::size_t& line, char* end, Blank is_blank) {
  for (;;) {
    char* q = p;
    while (q < end && is_blank(*q)) ++q;
    if (q == end) {
      p = end;
      return false;
    }
    if (*q == '\n' || *q == '\r') {
      p = q + 1;
      if (*q == '\r' && p < end && *p == '\n') ++p;
      ++line;
      ls = p;
      continue;
    }
    return true;
  }
}

// The quoted field whose opening quote is at q: its text, unescaped in place (the unescaped text
// is never longer than the raw text), with p just after the closing quote and the line count and
// line start past any line ends inside. False when the quote is never closed (p is then `end`).
inline bool read_quoted(char* q, char* end, char*& p, char*& ls, std::size_t& line, std::string_view& field) {
  char* r = q + 1;
  char* const content = r;
  bool doubled = false;
  for (;;) {
    while (r < end && *r != '"') {
      if (*r == '\n' || (*r == '\r' && (r + 1 == end || r[1] != '\n'))) {
        ++line;
        ls = r + 1;
      }
      ++r;
    }
    if (r == end) {
      p = end;
      return false;
    }
    if (r + 1 < end && r[1] == '"') {
      doubled = true;
      r += 2;
      continue;
    }
    break;
  }
  char* content_end = r;
  p = r + 1;
  if (doubled) {
    char* w = content;
    for (char* s = content; s < content_end;) {
      *w++ = *s;
      s += *s == '"' ? 2 : 1;
    }
    content_end = w;
  }
  field = std::string_view(content, static_cast<std::size_t>(content_end - content));
  return true;
}

}  // namespace

std::string CsvError::to_string() const {
  std::string s = "line " + std::to_string(line);
  if (column > 0) s += ", column " + std::to_string(column);
  return s + ": " + message;
}

CsvReader::CsvReader(std::string text, CsvLimits limits, std::size_t first_line, char delimiter)
    : text_(std::move(text)), limits_(limits), delim_(delimiter), line_(first_line) {
  if (delimiter == '"' || delimiter == '\n' || delimiter == '\r' || delimiter == '\0')
    throw ParamError("a CSV delimiter cannot be a quote, a line end or NUL");
  if (text_.size() >= 3 && text_.compare(0, 3, "\xEF\xBB\xBF") == 0) pos_ = line_start_ = 3;
  // Bytes that end an unquoted field or need attention; everything else is copied by the tight
  // loop, which is where the reader spends its time.
  special_[static_cast<unsigned char>(delim_)] = true;
  special_[static_cast<unsigned char>('"')] = true;
  special_[static_cast<unsigned char>('\n')] = true;
  special_[static_cast<unsigned char>('\r')] = true;
}

CsvStatus CsvReader::fail(std::size_t line, std::size_t column, std::string message, bool skip_rest_of_line) {
  error_ = CsvError{line, column, std::move(message)};
  if (skip_rest_of_line) {
    // Resynchronise at the next line end; a bad record never swallows the rest of the file.
    while (pos_ < text_.size() && text_[pos_] != '\n' && text_[pos_] != '\r') ++pos_;
    if (pos_ < text_.size()) {
      if (text_[pos_] == '\r' && pos_ + 1 < text_.size() && text_[pos_ + 1] == '\n') ++pos_;
      ++pos_;
      ++line_;
      line_start_ = pos_;
    }
  }
  return CsvStatus::error;
}

CsvStatus CsvReader::next(CsvRecord& out) {
  out.fields.clear();
  char* const base = text_.data();
  char* const end = base + text_.size();
  char* p = base + pos_;
  char* ls = base + line_start_;
  std::size_t line = line_;
  auto save = [&] {
    pos_ = static_cast<std::size_t>(p - base);
    line_start_ = static_cast<std::size_t>(ls - base);
    line_ = line;
  };

  if (!skip_blank_lines(p, ls, line, end, [this](char c) { return is_blank(c); })) {
    save();
    return CsvStatus::end;
  }

  const std::size_t record_line = line;
  const char* const record_start = p;
  out.line = record_line;
  bool too_many = false;
  for (;;) {
    char* const field_start = p;
    char* q = p;
    while (q < end && is_blank(*q)) ++q;
    std::string_view field;
    if (q < end && *q == '"') {
      const std::size_t open_line = line;
      const auto open_column = static_cast<std::size_t>(q - ls) + 1;
      if (!read_quoted(q, end, p, ls, line, field)) {
        save();
        return fail(open_line, open_column,
                    "unterminated quoted field: the quote opened here is never closed; close it or "
                    "double the quotes inside (\"\")",
                    false);
      }
      while (p < end && is_blank(*p)) ++p;
      if (p < end && *p != delim_ && *p != '\n' && *p != '\r') {
        const auto column = static_cast<std::size_t>(p - ls) + 1;
        save();
        return fail(line, column,
                    "text after the closing quote of a quoted field; inside quotes write a quote as "
                    "two quotes (\"\")",
                    true);
      }
    } else {
      while (p < end && !special_[static_cast<unsigned char>(*p)]) ++p;
      if (p < end && *p == '"') {
        const auto column = static_cast<std::size_t>(p - ls) + 1;
        save();
        return fail(line, column,
                    "stray quote in an unquoted field; quote the whole field and write each quote "
                    "inside as two quotes (\"a \"\"b\"\"\")",
                    true);
      }
      field = std::string_view(field_start, static_cast<std::size_t>(p - field_start));
    }
    if (out.fields.size() < limits_.max_columns) out.fields.push_back(field);
    else too_many = true;
    if (p == end) break;
    if (*p == delim_) {
      ++p;
      continue;
    }
    if (*p == '\r' && p + 1 < end && p[1] == '\n') ++p;
    ++p;
    ++line;
    ls = p;
    break;
  }
  save();
  const auto bytes = static_cast<std::size_t>(p - record_start);
  if (bytes > limits_.max_record_bytes)
    return fail(record_line, 0,
                "record of " + std::to_string(bytes) + " bytes is longer than the limit of " +
                    std::to_string(limits_.max_record_bytes) +
                    " bytes (is a quote left open, or is this not a CSV file?)",
                false);
  if (too_many)
    return fail(record_line, 0,
                "record has more than " + std::to_string(limits_.max_columns) + " fields (the limit)", false);
  return CsvStatus::record;
}

CsvPartScan scan_csv_part(std::string_view part, int next) {
  CsvPartScan scan;
  bool quoted[2] = {false, true};
  const std::size_t n = part.size();
  for (std::size_t i = 0; i < n; ++i) {
    const char c = part[i];
    if (c == '"') {
      quoted[0] = !quoted[0];
      quoted[1] = !quoted[1];
      continue;
    }
    if (c != '\n' && c != '\r') continue;
    if (c == '\r') {
      const int after = i + 1 < n ? static_cast<unsigned char>(part[i + 1]) : next;
      if (after == '\n') continue;  // the LF ends this break
    }
    ++scan.breaks;
    for (int s = 0; s < 2; ++s)
      if (!quoted[s] && scan.first_boundary[s] == CsvPartScan::kNone) {
        scan.first_boundary[s] = i + 1;
        scan.breaks_to_boundary[s] = scan.breaks;
      }
  }
  scan.ends_quoted[0] = quoted[0];
  scan.ends_quoted[1] = quoted[1];
  return scan;
}

std::vector<CsvSplit> split_csv_parts(const std::vector<std::uint64_t>& offsets, const std::vector<CsvPartScan>& scans,
                                      std::uint64_t end, std::size_t first_line) {
  const std::size_t parts = scans.size();
  std::vector<CsvSplit> out(parts);
  if (parts == 0) return out;
  // Forward: the quote state entering each part and the line number at its start.
  std::vector<int> state(parts, 0);
  std::vector<std::size_t> line(parts, first_line);
  for (std::size_t r = 1; r < parts; ++r) {
    state[r] = scans[r - 1].ends_quoted[state[r - 1]] ? 1 : 0;
    line[r] = line[r - 1] + scans[r - 1].breaks;
  }
  // Backward: a part without a boundary begins where the next part begins.
  CsvSplit next{end, line[parts - 1] + scans[parts - 1].breaks};
  for (std::size_t r = parts; r-- > 0;) {
    const CsvPartScan& s = scans[r];
    if (r == 0) {
      out[r] = {offsets[0], first_line};
    } else if (s.first_boundary[state[r]] != CsvPartScan::kNone) {
      out[r] = {offsets[r] + s.first_boundary[state[r]], line[r] + s.breaks_to_boundary[state[r]]};
    } else {
      out[r] = next;
    }
    next = out[r];
  }
  return out;
}

std::string read_csv_file(const std::filesystem::path& file, const std::string& name, CsvLimits limits) {
  const std::size_t limit = limits.max_record_bytes > std::numeric_limits<std::size_t>::max() / kCsvReadStopFactor
                                ? std::numeric_limits<std::size_t>::max()
                                : limits.max_record_bytes * kCsvReadStopFactor;
  std::size_t line_start = 0;  // first byte of the line being read
  const auto too_long = [&](std::string_view text) {
    // The line's number is only needed now: line ends before it, a CRLF counting once.
    std::size_t line = 1;
    for (std::size_t i = 0; i < line_start; ++i)
      if (text[i] == '\r' || (text[i] == '\n' && (i == 0 || text[i - 1] != '\r'))) ++line;
    return InputError(name, line, "",
                      "record of more than " + std::to_string(limit) + " bytes on one line is longer than the limit of " +
                          std::to_string(limits.max_record_bytes) +
                          " bytes (ReadOptions::max_record_bytes); reading stopped here (is this not a CSV file, "
                          "or a sparse or corrupted one?)");
  };
  return read_file(file, [&](std::string_view text, std::size_t start) {
    const std::size_t first = std::min(text.find_first_of("\r\n", start), text.size());
    if (first - line_start > limit) throw too_long(text);
    if (first == text.size()) return;
    if (text.size() - start <= limit) {
      // A block no longer than the limit: only the line running into it and the one running out
      // of it can be too long, so two scans from its ends do.
      line_start = text.find_last_of("\r\n") + 1;
      return;
    }
    // A small limit (tests): every line of the block.
    for (std::size_t end = first; end != text.size(); end = std::min(text.find_first_of("\r\n", end + 1), text.size())) {
      if (end - line_start > limit) throw too_long(text);
      line_start = end + 1;
    }
    if (text.size() - line_start > limit) throw too_long(text);
  });
}

std::vector<std::vector<std::string>> parse_csv(std::string text, const std::string& name, CsvLimits limits,
                                                char delimiter) {
  CsvReader reader(std::move(text), limits, 1, delimiter);
  CsvRecord rec;
  std::vector<std::vector<std::string>> rows;
  for (;;) {
    auto st = reader.next(rec);
    if (st == CsvStatus::end) return rows;
    if (st == CsvStatus::error) {
      const auto& e = reader.error();
      throw InputError(name, e.line, e.column ? "column " + std::to_string(e.column) : std::string(), e.message);
    }
    rows.emplace_back(rec.fields.begin(), rec.fields.end());
  }
}

void append_csv_field(std::string& out, std::string_view s) {
  const bool quote = s.find_first_of(",\"\r\n") != std::string_view::npos ||
                     (!s.empty() && (blank(s.front()) || blank(s.back())));
  if (!quote) {
    out.append(s);
    return;
  }
  out += '"';
  for (char c : s) {
    if (c == '"') out += '"';
    out += c;
  }
  out += '"';
}

std::string csv_escape(std::string_view field) {
  std::string out;
  append_csv_field(out, field);
  return out;
}

void append_csv_record(std::string& out, const std::vector<std::string_view>& fields) {
  for (std::size_t i = 0; i < fields.size(); ++i) {
    if (i) out += ',';
    append_csv_field(out, fields[i]);
  }
  out += '\n';
}

}  // namespace corridor
