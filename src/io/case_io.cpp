#include "corridor/io/case_io.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <charconv>
#include <cerrno>
#include <cmath>
#include <cstring>
#include <deque>
#include <filesystem>
#include <functional>
#include <memory>
#include <ostream>
#include <span>
#include <string>
#include <system_error>
#include <unordered_map>
#include <utility>

#include "corridor/io/csv.hpp"
#include "corridor/io/encoding.hpp"
#include "corridor/io/folder.hpp"
#include "corridor/io/file.hpp"
#include "corridor/model/builder.hpp"
#include "flat_hash.hpp"
#include "io/lookalike.hpp"
#include "io/read_fd.hpp"
#include "src_util.hpp"
#include "suggest.hpp"

namespace corridor {

namespace fs = std::filesystem;

namespace {

using detail::trim;

// ---- problems --------------------------------------------------------------------------------

// Collects errors up to the cap; once the cap is passed it records one note and reports full(),
// so readers stop early instead of grinding through a file that is wrong throughout.
class Problems {
 public:
  explicit Problems(std::size_t max) : max_(max == 0 ? 1 : max) {}

  void error(const std::string& file, std::size_t line, std::string field, std::string message) {
    if (truncated_) return;
    if (errors_ == max_) {
      truncated_ = true;
      list_.push_back({Diagnostic::Severity::error, "", 0, "",
                       "stopped after " + std::to_string(max_) +
                           " problems (ReadOptions::max_problems); fix these and run again"});
      return;
    }
    ++errors_;
    list_.push_back({Diagnostic::Severity::error, file, line, std::move(field), std::move(message)});
  }
  /// A warning that rides with the errors (e.g. a summary of checks that could not be made).
  void note(const std::string& file, std::size_t line, std::string field, std::string message) {
    notes_.push_back({Diagnostic::Severity::warning, file, line, std::move(field), std::move(message)});
  }
  bool full() const noexcept { return truncated_; }
  /// Records nothing more: what follows would only be consequences of the last problem.
  void stop() noexcept { truncated_ = true; }
  std::size_t errors() const noexcept { return errors_; }
  std::vector<Diagnostic>& notes() noexcept { return notes_; }
  std::vector<Diagnostic>& list() noexcept { return list_; }

 private:
  std::size_t max_;
  std::size_t errors_ = 0;
  bool truncated_ = false;
  std::vector<Diagnostic> list_;
  std::vector<Diagnostic> notes_;
};

// ---- small parsers ---------------------------------------------------------------------------

enum class Num { ok, empty, bad, nonfinite };

Num parse_number(std::string_view s, double& out) {
  s = trim(s);
  if (s.empty()) return Num::empty;
  std::string_view body = s;
  if (body.front() == '+' && body.size() > 1 && body[1] != '-' && body[1] != '+') body.remove_prefix(1);
  auto [p, ec] = std::from_chars(body.data(), body.data() + body.size(), out);
  if (ec == std::errc::result_out_of_range && p == body.data() + body.size()) return Num::nonfinite;
  if (ec != std::errc() || p != body.data() + body.size()) return Num::bad;
  if (!std::isfinite(out)) return Num::nonfinite;
  return Num::ok;
}

std::string number_problem(Num st, std::string_view text) {
  if (st == Num::nonfinite) return detail::quoted(trim(text)) + " is not a finite number (NaN and infinity are not allowed)";
  // "0,5" from a spreadsheet with a decimal comma: say what was probably meant.
  std::string dotted(trim(text));
  if (std::count(dotted.begin(), dotted.end(), ',') == 1) {
    std::replace(dotted.begin(), dotted.end(), ',', '.');
    double v = 0;
    if (parse_number(dotted, v) == Num::ok)
      return detail::quoted(trim(text)) + " is not a number; did you mean " + dotted +
             "? (the decimal separator is a dot)";
  }
  return detail::quoted(trim(text)) + " is not a number";
}

std::string lower(std::string_view s) {
  std::string out(s);
  for (char& c : out)
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  return out;
}

std::optional<bool> parse_bool(std::string_view s) {
  const std::string l = lower(trim(s));
  if (l == "true" || l == "1" || l == "yes") return true;
  if (l == "false" || l == "0" || l == "no") return false;
  return std::nullopt;
}

// ---- ids -------------------------------------------------------------------------------------

// Open addressing with short keys (most ids) copied into the slot, so a lookup usually touches
// one cache line (a slot is 32 bytes, aligned); longer keys are compared through a view into the
// nodes.csv buffer. This matters on the 20 million random lookups of a large edges.csv, where
// std::unordered_map chases two more pointers per lookup. The table is far larger than the cache,
// so read_edges() hashes the ids of a batch of records first and prefetches their slots.
class IdIndex {
 public:
  static std::uint64_t hash(std::string_view key) noexcept { return detail::fast_hash(key); }
  void reserve(std::size_t n) { rehash(n); }
  /// Inserts key as node size(); returns the existing node when the key is already present.
  std::optional<NodeId> insert(std::string_view key) { return insert(key, hash(key)); }
  /// insert() with the key's hash() already known (and its slot perhaps prefetched).
  std::optional<NodeId> insert(std::string_view key, std::uint64_t h) {
    if ((count_ + 1) * 3 > slots_.size() * 2) rehash(count_ + 1);
    std::size_t i = h & mask_;
    while (slots_[i].size != 0) {
      if (slots_[i].equals(key)) return slots_[i].node;
      i = (i + 1) & mask_;
    }
    Slot& s = slots_[i];
    s.size = static_cast<std::uint32_t>(key.size());
    s.node = static_cast<NodeId>(count_);
    s.data = key.data();
    if (key.size() <= sizeof s.inline_key) std::memcpy(s.inline_key, key.data(), key.size());
    ++count_;
    return std::nullopt;
  }
  std::optional<NodeId> find(std::string_view key) const { return find(key, hash(key)); }
  /// find() with the key's hash() already known (and its slot perhaps prefetched).
  std::optional<NodeId> find(std::string_view key, std::uint64_t h) const {
    if (slots_.empty()) return std::nullopt;
    std::size_t i = h & mask_;
    while (slots_[i].size != 0) {
      if (slots_[i].equals(key)) return slots_[i].node;
      i = (i + 1) & mask_;
    }
    return std::nullopt;
  }
  /// Brings the slot of a key with hash h into the cache ahead of find(key, h).
  void prefetch(std::uint64_t h) const noexcept {
    if (!slots_.empty()) detail::prefetch(&slots_[h & mask_]);
  }
  /// insert() of a key that is not in the nodes.csv buffer (a normalised id): kept here.
  std::optional<NodeId> insert_owned(std::string key) {
    if (auto v = find(key)) return v;
    return insert(owned_.emplace_back(std::move(key)));
  }
  std::size_t size() const noexcept { return count_; }
  /// Calls f(key) for every key (in no particular order).
  template <class F>
  void for_each_key(F&& f) const {
    for (const Slot& s : slots_)
      if (s.size != 0) f(s.key());
  }

 private:
  struct alignas(32) Slot {
    char inline_key[16];
    const char* data = nullptr;  // the key in the nodes.csv buffer
    std::uint32_t size = 0;      // 0: a free slot (ids are never empty)
    NodeId node = 0;
    bool equals(std::string_view key) const {
      if (key.size() != size) return false;
      if (size <= sizeof inline_key) return detail::short_equal(inline_key, key.data(), size);
      return std::memcmp(data, key.data(), size) == 0;
    }
    std::string_view key() const { return {data, size}; }
  };
  static_assert(sizeof(Slot) == 32);
  void rehash(std::size_t n) {
    std::size_t cap = 16;
    while (cap * 2 < n * 3 + 2) cap *= 2;
    if (cap <= slots_.size()) return;
    std::vector<Slot> old = detail::huge_page_vector<Slot>(cap);
    old.swap(slots_);
    mask_ = cap - 1;
    for (const Slot& s : old) {
      if (s.size == 0) continue;
      std::size_t i = hash(s.key()) & mask_;
      while (slots_[i].size != 0) i = (i + 1) & mask_;
      slots_[i] = s;
    }
  }
  std::vector<Slot> slots_;
  std::deque<std::string> owned_;  // keys of insert_owned(), at stable addresses
  std::size_t count_ = 0;
  std::size_t mask_ = 0;
};

// The id a reader looks up or stores: as written, or normalize_id()'s form under
// ReadOptions::normalize_ids (only ids with a non-ASCII byte can change, so ASCII ids skip it).
class IdForm {
 public:
  explicit IdForm(bool normalize) : normalize_(normalize) {}
  std::string_view operator()(std::string_view id) {
    if (!normalize_ || !detail::has_non_ascii(id)) return id;
    buf_ = normalize_id(id);
    return buf_;
  }
  bool changed(std::string_view id) const { return normalize_ && detail::has_non_ascii(id); }

 private:
  bool normalize_;
  std::string buf_;
};

// Did-you-mean for an id that is not in nodes.csv: a case-insensitive match ("n41" -> "N41"),
// else the closest id by edit distance while the case is small enough to search. Built on the
// first miss, so a clean case pays nothing.
class IdHints {
 public:
  explicit IdHints(const IdIndex& index) : index_(index) {}
  std::string operator()(std::string_view id) {
    if (!built_) {
      built_ = true;
      index_.for_each_key([&](std::string_view k) {
        folded_.emplace(lower(k), std::string(k));
        if (detail::has_non_ascii(k)) normal_.emplace(normalize_id(k), std::string(k));
      });
    }
    // An id that only looks like a node's (NFD for NFC, a zero-width space, a no-break space).
    if (const std::string key = normalize_id(id); key != id && index_.find(key))
      return detail::lookalike_hint(id, key);
    else if (auto it = normal_.find(key); it != normal_.end() && it->second != id)
      return detail::lookalike_hint(id, it->second);
    if (auto it = folded_.find(lower(id)); it != folded_.end()) return "; did you mean \"" + it->second + "\"?";
    // Edit distance against every id: bounded in ids and in searches per file.
    if (index_.size() > 100000 || ++searches_ > 20) return {};
    std::vector<std::string_view> keys;
    keys.reserve(index_.size());
    index_.for_each_key([&](std::string_view k) { keys.push_back(k); });
    std::sort(keys.begin(), keys.end());  // a deterministic choice between equally close ids
    return detail::did_you_mean(id, keys);
  }

 private:
  const IdIndex& index_;
  bool built_ = false;
  std::size_t searches_ = 0;
  std::unordered_map<std::string, std::string> folded_;
  std::unordered_map<std::string, std::string> normal_;  // normalize_id() of a non-ASCII id -> the id
};

// ---- tables ----------------------------------------------------------------------------------

// ---- streaming a large file ------------------------------------------------------------------

// edges.csv of a large case is most of its bytes: held whole, its text alone is larger than the
// frozen case. So a file that is plain (regular, UTF-8 without a UTF-16 mark, no quote, no NUL,
// no byte-order mark past its start, no line over the record limit) is read in blocks that end
// at a line end, each parsed by its own CsvReader that goes on counting lines: without quotes a
// record is exactly a line, so the blocks split the records as the whole text would, and every
// record, value and message is the same. Whether it is plain is found by a first pass over the
// file in blocks (which also counts its records for the builder's reservation); any other file
// is read whole, as before, with its problems reported as before.
class CsvStream {
 public:
  /// A stream over `file` when the file is plain (see above), else nullopt. `records` receives the
  /// estimate read_folder() reserves for (line starts, at most one per 16 bytes).
  static std::unique_ptr<CsvStream> open(const fs::path& file, const ReadOptions& o, std::size_t& records) {
    const std::size_t block = std::clamp<std::size_t>(o.max_record_bytes * 8, 256, std::size_t{8} << 20);
    std::unique_ptr<CsvStream> s(new CsvStream(file, block, o.max_record_bytes, o.delimiter));
    if (s->fd_ < 0 || !s->plain(records)) return nullptr;
    if (::lseek(s->fd_, 0, SEEK_SET) != 0) return nullptr;
    return s;
  }
  CsvStream(const CsvStream&) = delete;
  CsvStream& operator=(const CsvStream&) = delete;
  ~CsvStream() {
    if (fd_ >= 0) ::close(fd_);
  }

  /// The next block as a reader whose first line is `line` (where the last block's reader
  /// stopped), or nullopt at the end of the file. Views into the previous block die.
  std::optional<CsvReader> next(CsvLimits limits, std::size_t line) {
    if (done_) return std::nullopt;
    std::string text = std::move(rest_);
    rest_.clear();
    // Read until the block holds a line end (a line may be as long as the record limit).
    std::size_t cut = std::string::npos;
    for (;;) {
      if (!read_more(text, block_)) {
        done_ = true;
        break;
      }
      cut = text.rfind('\n');
      if (cut != std::string::npos) break;
    }
    if (!done_) {
      rest_.assign(text, cut + 1, std::string::npos);
      text.resize(cut + 1);
    }
    // The block must still be what the first pass found (a file rewritten meanwhile is refused).
    if (find_invalid_utf8(text) != std::string_view::npos || text.find('\0') != std::string::npos ||
        text.find('"') != std::string::npos)
      throw IoError("cannot read " + file_.string() + ": the file changed while it was read; read the case again");
    if (text.empty() && done_) return std::nullopt;
    // A reader skips a byte-order mark at its start: only the file's first block may have one.
    return CsvReader(std::move(text), limits, line, delimiter_);
  }

 private:
  CsvStream(const fs::path& file, std::size_t block, std::size_t limit, char delimiter)
      : file_(file), block_(block), limit_(limit), delimiter_(delimiter) {
    fd_ = ::open(file.c_str(), O_RDONLY | O_CLOEXEC | O_NONBLOCK);
    struct stat st {};
    if (fd_ >= 0 && (::fstat(fd_, &st) != 0 || !S_ISREG(st.st_mode))) {
      ::close(fd_);
      fd_ = -1;
    }
  }

  // Appends up to `n` bytes; false at the end of the file (nothing more to read).
  bool read_more(std::string& text, std::size_t n) {
    const std::size_t at = text.size();
    text.resize(at + n);
    const std::size_t got = detail::read_up_to(fd_, text.data() + at, n, file_.string());
    text.resize(at + got);
    return got == n;
  }

  // The first pass: true when the file is plain; counts line starts as read_folder() does on a
  // whole text (a line start is a byte after a LF that is not a LF or CR).
  bool plain(std::size_t& records) {
    std::string text;
    std::size_t offset = 0, line_length = 0, starts = 1;
    bool after_lf = false, first = true;
    for (;;) {
      const bool more = read_more(text, block_);
      const std::string_view v(text);
      if (first) {
        first = false;
        if (v.size() >= 2 && ((v[0] == '\xFF' && v[1] == '\xFE') || (v[0] == '\xFE' && v[1] == '\xFF'))) return false;
      }
      // Checked up to the last ASCII byte: a multi-byte sequence cut by the block waits for the next.
      std::size_t upto = v.size();
      if (more) {
        while (upto > 0 && static_cast<unsigned char>(v[upto - 1]) >= 0x80) --upto;
        if (upto == 0) return false;  // a block without an ASCII byte: not for streaming
      }
      const std::string_view part = v.substr(0, upto);
      if (find_invalid_utf8(part) != std::string_view::npos || part.find('\0') != std::string_view::npos ||
          part.find('"') != std::string_view::npos)
        return false;
      for (std::size_t i = part.find('\xEF'); i != std::string_view::npos; i = part.find('\xEF', i + 1))
        if (offset + i != 0 && part.substr(i, 3) == "\xEF\xBB\xBF") return false;
      std::size_t i = 0;
      if (after_lf && !part.empty()) {
        if (part[0] != '\n' && part[0] != '\r') ++starts;
        after_lf = false;
      }
      // Lines are measured from LF to LF: a file of lines that end in a lone CR is read whole.
      for (std::size_t j = part.find('\n'); j != std::string_view::npos; j = part.find('\n', i)) {
        if (line_length + (j - i) > limit_) return false;  // the whole-file path reports it
        line_length = 0;
        if (j + 1 < part.size()) {
          if (part[j + 1] != '\n' && part[j + 1] != '\r') ++starts;
        } else {
          after_lf = true;
        }
        i = j + 1;
      }
      line_length += part.size() - i;
      if (line_length > limit_) return false;
      offset += upto;
      text.erase(0, upto);
      if (!more) break;
    }
    if (!text.empty()) return false;  // ends inside a multi-byte sequence: the whole-file path says where
    records = std::min(starts, offset / 16 + 1);
    return true;
  }

  int fd_ = -1;
  fs::path file_;
  std::size_t block_, limit_;
  char delimiter_;
  std::string rest_;  // the start of a line the last block cut off
  bool done_ = false;
};

// A CSV file of a case: its reader, its name for messages and its header.
struct Table {
  Table(std::string n, CsvReader r, char d) : name(std::move(n)), reader(std::move(r)), delimiter(d) {}
  std::string name;  // "edges.csv"
  CsvReader reader;
  std::vector<std::string> columns;  // trimmed header names as given
  std::size_t header_line = 1;
  char delimiter = ',';
  std::unique_ptr<CsvStream> stream;  // set when the file is read in blocks
  CsvLimits limits{};
  std::size_t records = 0;  // the stream's record estimate

  /// Moves the reader on to the next block of a streamed file; false when there is none. Views
  /// of records read before die.
  bool next_block() {
    if (!stream) return false;
    auto next = stream->next(limits, reader.line());
    if (!next) {
      stream.reset();
      return false;
    }
    reader = std::move(*next);
    return true;
  }

  /// Index of a standard column (matched case-insensitively), or -1.
  int find(std::string_view standard) const {
    for (std::size_t i = 0; i < columns.size(); ++i)
      if (lower(columns[i]) == standard) return static_cast<int>(i);
    return -1;
  }
};

CsvLimits limits_of(const ReadOptions& o) { return CsvLimits{o.max_record_bytes, o.max_columns}; }

std::string delimiter_name(char d) {
  if (d == '\t') return "tab";
  return std::string(1, d);
}

void report_csv_error(Problems& pr, const std::string& file, const CsvError& e) {
  pr.error(file, e.line, e.column ? "column " + std::to_string(e.column) : std::string(), e.message);
}

// "id,kind,label,role,country": a header naming every standard column, for messages.
std::string header_example(std::span<const std::string_view> columns) {
  std::string out;
  for (auto c : columns) out.append(out.empty() ? "" : ",").append(c);
  return out;
}

// Reads the header; false when the file cannot be used (the problem is recorded). `required`
// and `known` are lower-case standard names; other names become extra columns.
bool read_header(Table& t, Problems& pr, std::initializer_list<std::string_view> required,
                 std::string_view example) {
  CsvRecord rec;
  for (;;) {
    auto st = t.reader.next(rec);
    if (st == CsvStatus::end && t.next_block()) continue;  // a block of blank lines before the header
    if (st == CsvStatus::end) {
      pr.error(t.name, 0, "",
               "the file is empty; its first line must be a header naming the columns, e.g. " +
                   std::string(example));
      return false;
    }
    if (st == CsvStatus::error) {
      report_csv_error(pr, t.name, t.reader.error());
      return false;
    }
    break;
  }
  t.header_line = rec.line;
  bool ok = true;
  for (auto f : rec.fields) t.columns.emplace_back(trim(f));
  // A header that is one column holding another delimiter: the file is not comma-separated (a
  // spreadsheet in a European locale writes ';'). Name it, and skip the column checks that would
  // only repeat it.
  if (t.columns.size() == 1) {
    for (const char d : {';', '\t', ',', '|'}) {
      if (d == t.delimiter || t.columns[0].find(d) == std::string::npos) continue;
      const std::string name = delimiter_name(d);
      pr.error(t.name, rec.line, "",
               "the header " + detail::quoted(t.columns[0]) + " is a single column: its fields are separated by " +
                   (d == '\t' ? std::string("tabs") : "'" + name + "'") + ", not by " +
                   (t.delimiter == '\t' ? std::string("tabs") : "'" + delimiter_name(t.delimiter) + "'") +
                   " (a spreadsheet set to a European locale saves CSV with ';'); read it with --delimiter " +
                   (d == '\t' ? std::string("tab") : "'" + name + "'"));
      return false;
    }
  }
  for (std::size_t i = 0; i < t.columns.size(); ++i) {
    if (t.columns[i].empty()) {
      pr.error(t.name, rec.line, "column " + std::to_string(i + 1),
               "the header has an empty column name; name every column (or remove the trailing comma)");
      ok = false;
      continue;
    }
    const std::string l = lower(t.columns[i]);
    for (std::size_t j = 0; j < i; ++j)
      if (lower(t.columns[j]) == l) {
        pr.error(t.name, rec.line, t.columns[i],
                 "column appears twice in the header (columns " + std::to_string(j + 1) + " and " +
                     std::to_string(i + 1) + ")");
        ok = false;
      }
  }
  for (auto r : required) {
    if (t.find(r) >= 0) continue;
    std::string have;
    for (const auto& c : t.columns) have += (have.empty() ? "" : ", ") + c;
    const auto near = detail::closest(r, t.columns);
    pr.error(t.name, rec.line, std::string(r),
             "missing required column " + detail::quoted(r) +
                 (near ? "; the header has " + detail::quoted(*near) + ": did you mean " + detail::quoted(r) + "?"
                       : "; the header must name the columns, e.g. " + std::string(example)) +
                 " (found: " + have + ")");
    ok = false;
  }
  return ok;
}

template <std::size_t N>
bool is_known(std::string_view lower_name, const std::array<std::string_view, N>& known) {
  return std::find(known.begin(), known.end(), lower_name) != known.end();
}

// Calls f(record, slot) for every well-formed record with the header's number of fields; reports
// CSV errors and wrong field counts; stops when the problem list is full. Records are read in
// batches, for tables whose records look things up in tables larger than the cache:
// prepare(record, slot) runs on each record of a batch (hashing and prefetching what f will look
// up), then f(record, slot) on each in order. A CSV error or wrong field count first finishes the
// records before it, so problems are listed in file order, and nothing runs once the list is full.
template <class Prepare, class F>
void for_each_record_batched(Table& t, Problems& pr, Prepare&& prepare, F&& f) {
  constexpr std::size_t kBatch = 16;
  std::array<CsvRecord, kBatch> batch;
  std::size_t pending = 0;
  auto finish = [&] {
    for (std::size_t i = 0; i < pending; ++i) prepare(batch[i], i);
    for (std::size_t i = 0; i < pending && !pr.full(); ++i) f(batch[i], i);
    pending = 0;
  };
  const std::size_t want = t.columns.size();
  while (!pr.full()) {
    CsvRecord& rec = batch[pending];
    auto st = t.reader.next(rec);
    if (st == CsvStatus::end) {
      finish();  // the pending records' views die with their block
      if (t.next_block()) continue;
      break;
    }
    if (st == CsvStatus::error) {
      finish();
      report_csv_error(pr, t.name, t.reader.error());
      continue;
    }
    if (rec.fields.size() != want) {
      const std::size_t line = rec.line, fields = rec.fields.size();
      finish();
      pr.error(t.name, line, "",
               "record has " + std::to_string(fields) + " fields but the header has " + std::to_string(want) +
                   "; quote fields that contain commas");
      continue;
    }
    if (++pending == kBatch) finish();
  }
  finish();
}

// for_each_record_batched() without the preparation: f(record) on each well-formed record.
template <class F>
void for_each_record(Table& t, Problems& pr, F&& f) {
  for_each_record_batched(t, pr, [](const CsvRecord&, std::size_t) {}, [&](const CsvRecord& rec, std::size_t) { f(rec); });
}

// Checks that folder/name is a file; records the problem and returns false when it is not.
bool table_exists(const fs::path& folder, const char* name, Problems& pr, bool required) {
  const fs::path file = folder / name;
  std::error_code ec;
  if (!fs::exists(file, ec)) {
    if (required)
      pr.error(name, 0, "",
               "file not found in " + folder.string() + "; a case folder holds nodes.csv and edges.csv");
    return false;
  }
  if (fs::is_directory(file, ec)) {
    pr.error(name, 0, "", "is a folder, not a CSV file");
    return false;
  }
  return true;
}

// The file's bytes as UTF-8 text, or nullopt after recording why not: invalid UTF-8 (a cp1252
// file) or UTF-16 without a byte-order mark makes the file unusable, with one error naming line,
// column and the --encoding hint.
std::optional<std::string> decoded(std::string bytes, const char* name, const ReadOptions& o, Problems& pr) {
  try {
    return decode_text(std::move(bytes), o.encoding, name);
  } catch (const InputError& e) {
    for (const auto& d : e.problems()) pr.error(name, d.line, d.field, d.message);
    return std::nullopt;
  }
}

std::optional<Table> open_table(const fs::path& folder, const char* name, const ReadOptions& o, Problems& pr,
                                bool required) {
  if (!table_exists(folder, name, pr, required)) return std::nullopt;
  std::string raw;
  try {
    raw = read_csv_file(folder / name, name, limits_of(o));
  } catch (const InputError& e) {
    // A line over the record limit stopped the reading (before the rest of a possibly huge file
    // was in memory): the problem is listed and nothing after it is read.
    for (const auto& d : e.problems()) pr.error(d.file, d.line, d.field, d.message);
    pr.stop();
    return std::nullopt;
  }
  auto text = decoded(std::move(raw), name, o, pr);
  if (!text) return std::nullopt;
  return Table(name, CsvReader(std::move(*text), limits_of(o), 1, o.delimiter), o.delimiter);
}

// open_table() for the large file of a case: read in blocks when it is plain (see CsvStream), so
// its text is never held whole; otherwise exactly as open_table().
std::optional<Table> open_streamed_table(const fs::path& folder, const char* name, const ReadOptions& o,
                                         Problems& pr, bool required) {
  if (o.encoding != Encoding::utf8) return open_table(folder, name, o, pr, required);
  if (!table_exists(folder, name, pr, required)) return std::nullopt;
  std::size_t records = 0;
  if (auto stream = CsvStream::open(folder / name, o, records)) {
    if (auto first = stream->next(limits_of(o), 1)) {
      Table t(name, std::move(*first), o.delimiter);
      t.stream = std::move(stream);
      t.limits = limits_of(o);
      t.records = records;
      return t;
    }
  }
  return open_table(folder, name, o, pr, required);
}

// Where the records of a share of edges.csv come from (ReadOptions::edge_share).
struct ShareSource {
  EdgeShare share;
  fs::path file;
  CsvLimits limits;
  const ReadOptions* options;
};

// Opens one share of edges.csv: a table reading the header only; read_edges() switches to the
// share's records once the header is read.
std::optional<Table> open_share(const fs::path& folder, const EdgeShare& share, const ReadOptions& o, Problems& pr) {
  if (!table_exists(folder, "edges.csv", pr, true)) return std::nullopt;
  auto text = decoded(read_file_range(folder / "edges.csv", 0, share.header_end), "edges.csv", o, pr);
  if (!text) return std::nullopt;
  return Table("edges.csv", CsvReader(std::move(*text), limits_of(o), 1, o.delimiter), o.delimiter);
}

// Extra columns whose names are one typo away from a standard column ("wieght") would silently
// become attributes and leave the standard value at its default: warn about each.
template <std::size_t N>
void warn_near_standard(const Table& t, const std::vector<std::size_t>& extras,
                        const std::array<std::string_view, N>& known, CaseBuilder& b) {
  for (std::size_t i : extras) {
    // Short names are left alone: "type" is not a typo of "time".
    if (t.columns[i].size() < 5) continue;
    std::vector<std::string_view> absent;
    for (auto k : known)
      if (t.find(k) < 0) absent.push_back(k);
    if (auto near = detail::closest(t.columns[i], absent))
      b.add_warning({Diagnostic::Severity::warning, t.name, t.header_line, t.columns[i],
                     "column is kept as an extra attribute, not read as " + detail::quoted(*near) +
                         "; did you mean " + detail::quoted(*near) + "?"});
  }
}

// ---- relations.csv ---------------------------------------------------------------------------

// Returns false when the file's header is unusable (nothing in it could be read).
bool read_relations(Table& t, RelationRegistry& reg, Problems& pr) {
  if (!read_header(t, pr, {"name", "directed", "transmission"}, "name,directed,transmission,class,volume"))
    return false;
  const int c_name = t.find("name"), c_dir = t.find("directed"), c_tr = t.find("transmission"),
            c_cls = t.find("class"), c_vol = t.find("volume");
  std::unordered_map<std::string, std::size_t> seen;
  for_each_record(t, pr, [&](const CsvRecord& rec) {
    const std::string name = lower(trim(rec.fields[c_name]));
    bool ok = true;
    if (name.empty()) {
      pr.error(t.name, rec.line, "name", "empty relation name");
      return;
    }
    if (auto [it, inserted] = seen.try_emplace(name, rec.line); !inserted) {
      pr.error(t.name, rec.line, "name",
               "relation " + detail::quoted(name) + " is defined twice (first on line " + std::to_string(it->second) + ")");
      return;
    }
    auto directed = parse_bool(rec.fields[c_dir]);
    if (!directed) {
      pr.error(t.name, rec.line, "directed",
               detail::quoted(trim(rec.fields[c_dir])) + " is not a truth value; use true/false, yes/no or 1/0");
      ok = false;
    }
    double tr = 0;
    Num st = parse_number(rec.fields[c_tr], tr);
    if (st == Num::empty) {
      pr.error(t.name, rec.line, "transmission", "missing; give a transmission factor in [0,1]");
      ok = false;
    } else if (st != Num::ok) {
      pr.error(t.name, rec.line, "transmission", number_problem(st, rec.fields[c_tr]));
      ok = false;
    } else if (!(tr >= 0.0 && tr <= 1.0)) {
      pr.error(t.name, rec.line, "transmission", "must be in [0,1], got " + detail::format_double(tr));
      ok = false;
    }
    auto existing = reg.find(name);
    RelationClass cls = existing ? reg.info(*existing).cls : RelationClass::generic;
    if (c_cls >= 0 && !trim(rec.fields[c_cls]).empty()) {
      auto parsed = parse_relation_class(lower(trim(rec.fields[c_cls])));
      if (!parsed) {
        pr.error(t.name, rec.line, "class",
                 "unknown relation class " + detail::quoted(trim(rec.fields[c_cls])) +
                     "; valid classes: organizational, logistic, communication, client, attribute, generic");
        ok = false;
      } else {
        cls = *parsed;
      }
    }
    // An empty or missing volume keeps a built-in's kind (paid and financed: amount) and makes a
    // new relation count observations.
    std::optional<Volume> volume;
    if (c_vol >= 0 && !trim(rec.fields[c_vol]).empty()) {
      volume = parse_volume(lower(trim(rec.fields[c_vol])));
      if (!volume) {
        pr.error(t.name, rec.line, "volume",
                 "unknown volume kind " + detail::quoted(trim(rec.fields[c_vol])) +
                     "; valid kinds: count (weight = number of calls, trips, payments), amount (weight = a sum "
                     "of money), ignore (weight does not make the relation surer)");
        ok = false;
      }
    }
    if (!ok) return;
    try {
      reg.define(name, *directed, tr, cls, volume);
    } catch (const ParamError& e) {
      pr.error(t.name, rec.line, "name", e.what());
    }
  });
  return true;
}

// ---- nodes.csv -------------------------------------------------------------------------------

// Returns false when the file could not be read at all (its header is unusable), so that the
// files that refer to its ids can say so once instead of once per reference.
bool read_nodes(Table& t, CaseBuilder& b, IdIndex& index, std::vector<std::size_t>& node_line, Problems& pr,
                bool normalize_ids) {
  if (!read_header(t, pr, {"id", "kind"}, header_example(kNodeColumns))) return false;
  const int c_id = t.find("id"), c_kind = t.find("kind"), c_label = t.find("label"), c_role = t.find("role"),
            c_country = t.find("country");
  std::vector<std::size_t> extras;
  for (std::size_t i = 0; i < t.columns.size(); ++i)
    if (!is_known(lower(t.columns[i]), kNodeColumns)) extras.push_back(i);
  warn_near_standard(t, extras, kNodeColumns, b);
  std::vector<std::string_view> kind_names;
  for (NodeKind k : kAllNodeKinds) kind_names.push_back(to_string(k));
  std::string kind_buf;
  IdForm form(normalize_ids);
  detail::LookalikeIds lookalikes;
  // As in read_edges(): a batch of ids is hashed and the slots of both id tables (the reader's
  // and the builder's) fetched before the nodes are added, a million random probes otherwise.
  std::array<std::uint64_t, 16> hashes{};
  auto prepare = [&](const CsvRecord& rec, std::size_t slot) {
    const std::string_view id = trim(rec.fields[c_id]);
    hashes[slot] = IdIndex::hash(id);
    index.prefetch(hashes[slot]);
    b.prefetch_node_id(id);
  };
  for_each_record_batched(t, pr, prepare, [&](const CsvRecord& rec, std::size_t slot) {
    const std::string_view written = trim(rec.fields[c_id]);
    const std::string_view id = form(written);
    if (id.empty()) {
      pr.error(t.name, rec.line, "id",
               written.empty() ? "empty id; every node needs a unique, non-empty id"
                               : "id " + detail::visible_id(written) +
                                     " is empty once normalised (--normalize-ids); every node needs a unique, "
                                     "non-empty id");
      return;
    }
    if (auto first = form.changed(written) ? index.insert_owned(std::string(id)) : index.insert(id, hashes[slot])) {
      pr.error(t.name, rec.line, "id",
               "duplicate id " + detail::quoted(id) +
                   (id != written ? " (written " + detail::visible_id(written) + ", read normalised by --normalize-ids)"
                                  : std::string()) +
                   " (first on line " + std::to_string(node_line[*first]) + "); node ids must be unique");
      return;
    }
    node_line.push_back(rec.line);
    if (!normalize_ids) lookalikes.add(id, rec.line);
    const std::string_view kind_text = trim(rec.fields[c_kind]);
    auto kind = parse_node_kind(kind_text);
    if (!kind) {
      kind_buf = lower(kind_text);
      kind = parse_node_kind(kind_buf);
    }
    if (!kind) {
      pr.error(t.name, rec.line, "kind",
               (kind_text.empty() ? std::string("missing kind") : "unknown kind " + detail::quoted(kind_text)) +
                   "; valid kinds: " + valid_node_kinds() + detail::did_you_mean(kind_text, kind_names));
    }
    // A node with a bad kind is still added (as a person) so that its edges do not each report
    // a second, misleading "not in nodes.csv"; the case is rejected anyway.
    const NodeId v = b.add_node(id, kind.value_or(NodeKind::person), c_label >= 0 ? rec.fields[c_label] : "",
                                c_role >= 0 ? rec.fields[c_role] : "", c_country >= 0 ? rec.fields[c_country] : "");
    for (std::size_t i : extras) b.set_node_attribute(v, t.columns[i], rec.fields[i]);
  });
  lookalikes.report(
      t.name,
      [&](const std::string& key) -> std::optional<std::size_t> {
        if (auto v = index.find(key)) return node_line[*v];
        return std::nullopt;
      },
      [&](std::size_t line, std::string message) {
        b.add_warning({Diagnostic::Severity::warning, t.name, line, "id", std::move(message)});
      });
  return true;
}

// ---- edges.csv -------------------------------------------------------------------------------

class RelationLookup {
 public:
  explicit RelationLookup(const RelationRegistry& reg) : reg_(reg) {
    for (const auto& r : reg.all()) names_.push_back(r.name);
  }
  std::optional<RelationId> find(std::string_view name) {
    // The same relation as the previous row is the common case: one length check and a memcmp.
    if (last_ < names_.size() && names_[last_].size() == name.size() &&
        std::memcmp(names_[last_].data(), name.data(), name.size()) == 0)
      return static_cast<RelationId>(last_);
    for (std::size_t i = 0; i < names_.size(); ++i)
      if (names_[i] == name) {
        last_ = i;
        return static_cast<RelationId>(i);
      }
    if (std::any_of(name.begin(), name.end(), [](char c) { return c >= 'A' && c <= 'Z'; })) {
      const std::string l = lower(name);
      for (std::size_t i = 0; i < names_.size(); ++i)
        if (names_[i] == l) return static_cast<RelationId>(i);
    }
    return std::nullopt;
  }
  const RelationRegistry& registry() const { return reg_; }

 private:
  const RelationRegistry& reg_;
  std::vector<std::string> names_;
  std::size_t last_ = 0;
};

// The error paths of read_edges, kept out of its loop so that the loop stays small and inlined.
[[gnu::noinline, gnu::cold]] void unknown_id(Problems& pr, const std::string& file, std::size_t line, const char* field,
                                            std::string_view id, const std::string& not_in, IdHints& hints) {
  pr.error(file, line, field, detail::quoted(id) + not_in + hints(id));
}

[[gnu::noinline, gnu::cold]] void unknown_relation(Problems& pr, const std::string& file, std::size_t line,
                                                  std::string_view rel_text, const RelationRegistry& reg) {
  std::vector<std::string_view> names;
  for (const auto& r : reg.all()) names.push_back(r.name);
  pr.error(file, line, "relation",
           (rel_text.empty() ? std::string("missing relation") : "unknown relation " + detail::quoted(rel_text)) +
               "; valid relations: " + reg.valid_names() + " (add new ones in relations.csv)" +
               detail::did_you_mean(rel_text, names));
}

// What could not be checked because another file was unreadable; summed up in one line each.
struct Unchecked {
  std::size_t ids = 0;        // node ids, when nodes.csv could not be read
  std::size_t relations = 0;  // relation names not built in, when relations.csv could not be read
};

// A share of edges.csv read in parallel: its bytes, decoded, become the table's reader (the header
// was read from the file's start). False when they cannot be decoded (the problems are recorded).
bool reread_share(Table& t, const ShareSource& share, Problems& pr) {
  const EdgeShare& sh = share.share;
  std::string bytes = sh.end > sh.begin ? read_file_range(share.file, sh.begin, sh.end - sh.begin) : std::string();
  try {
    bytes = decode_text(std::move(bytes), share.options->encoding, t.name);
  } catch (const InputError& e) {
    for (const auto& d : e.problems()) pr.error(t.name, d.line + sh.first_line - 1, d.field, d.message);
    return false;
  }
  t.reader = CsvReader(std::move(bytes), share.limits, sh.first_line, share.options->delimiter);
  return true;
}

// Where the optional value columns of edges.csv are (-1: absent).
struct ValueColumns {
  int weight, confidence, grade, time;
};

// The weight, confidence, grade and time of one record into v; false when one is invalid (each
// problem is recorded with its field).
bool evidence_values(const ValueColumns& c, const CsvRecord& rec, const std::string& file, Problems& pr,
                     EvidenceValues& v) {
  const auto& f = rec.fields;
  bool ok = true;
  if (c.weight >= 0) {
    double w = 0;
    Num st = parse_number(f[c.weight], w);
    if (st == Num::ok) {
      const auto stored = static_cast<float>(w);  // weights are kept as float
      if (w > 0 && stored > 0 && std::isfinite(stored)) {
        v.weight = w;
      } else if (w > 0) {
        pr.error(file, rec.line, "weight",
                 "must be between about 1.4e-45 and 3.4e38 (weights are stored as float), got " +
                     std::string(trim(f[c.weight])));
        ok = false;
      } else {
        pr.error(file, rec.line, "weight", "must be > 0, got " + std::string(trim(f[c.weight])));
        ok = false;
      }
    } else if (st != Num::empty) {
      pr.error(file, rec.line, "weight", number_problem(st, f[c.weight]));
      ok = false;
    }
  }
  if (c.confidence >= 0) {
    double conf = 0;
    Num st = parse_number(f[c.confidence], conf);
    if (st == Num::ok) {
      if (conf >= 0.0 && conf <= 1.0) v.confidence = conf;
      else {
        pr.error(file, rec.line, "confidence", "must be in [0,1], got " + std::string(trim(f[c.confidence])));
        ok = false;
      }
    } else if (st != Num::empty) {
      pr.error(file, rec.line, "confidence", number_problem(st, f[c.confidence]));
      ok = false;
    }
  }
  if (c.grade >= 0) {
    const std::string_view g = trim(f[c.grade]);
    if (!g.empty()) {
      if (auto parsed = parse_grade(g)) v.grade = *parsed;
      else {
        pr.error(file, rec.line, "grade",
                 detail::quoted(g) +
                     " is not an Admiralty grade: a letter A-F (source reliability) then a digit 1-6 "
                     "(information credibility), e.g. B2");
        ok = false;
      }
    }
  }
  if (c.time >= 0) {
    const std::string_view tm = trim(f[c.time]);
    if (!tm.empty()) {
      if (auto parsed = parse_time(tm)) v.time = *parsed;
      else {
        pr.error(file, rec.line, "time",
                 detail::quoted(tm) +
                     " is not an ISO 8601 date or date-time; use e.g. 2021-03-04 or 2021-03-04T10:20:00Z");
        ok = false;
      }
    }
  }
  return ok;
}

// `index` is null when nodes.csv could not be read, `relations_read` false when relations.csv
// could not: the checks that depend on them are counted, not reported one by one.
void read_edges(Table& t, CaseBuilder& b, const IdIndex* index, bool relations_read, const std::string& nodes_name,
                Problems& pr, Unchecked& unchecked, bool normalize_ids, const ShareSource* share = nullptr) {
  if (!read_header(t, pr, {"source", "target", "relation"}, header_example(kEvidenceColumns))) return;
  if (share && !reread_share(t, *share, pr)) return;
  const int c_src = t.find("source"), c_tgt = t.find("target"), c_rel = t.find("relation"),
            c_ref = t.find("source_ref");
  const ValueColumns cols{t.find("weight"), t.find("confidence"), t.find("grade"), t.find("time")};
  std::vector<std::size_t> extras;
  for (std::size_t i = 0; i < t.columns.size(); ++i)
    if (!is_known(lower(t.columns[i]), kEvidenceColumns)) extras.push_back(i);
  warn_near_standard(t, extras, kEvidenceColumns, b);
  RelationLookup relations(b.relations());
  const std::string not_in = " is not in " + nodes_name;
  std::optional<IdHints> hints;
  if (index) hints.emplace(*index);
  IdForm form(normalize_ids);

  // The hashes of each batched record's source and target ids, computed while their slots are
  // fetched; a normalised id (non-ASCII under --normalize-ids) is hashed again in its new form.
  std::array<std::uint64_t, 32> hashes{};
  auto prepare = [&](const CsvRecord& rec, std::size_t slot) {
    const auto& f = rec.fields;
    for (int k = 0; k < 2; ++k) {
      const std::uint64_t h = IdIndex::hash(trim(f[k == 0 ? c_src : c_tgt]));
      hashes[2 * slot + k] = h;
      if (index) index->prefetch(h);
    }
    if (c_ref >= 0) b.prefetch_source_ref(f[c_ref]);
  };
  for_each_record_batched(t, pr, prepare, [&](const CsvRecord& rec, std::size_t slot) {
    const auto& f = rec.fields;
    bool ok = true;
    auto endpoint = [&](int col, const char* field) -> NodeId {
      const std::string_view id = trim(f[col]);
      if (id.empty()) {
        pr.error(t.name, rec.line, field, "empty; every piece of evidence needs a source and a target node id");
        ok = false;
        return kNoNode;
      }
      if (!index) {
        ++unchecked.ids;
        ok = false;
        return kNoNode;
      }
      auto v = form.changed(id) ? index->find(form(id)) : index->find(id, hashes[2 * slot + (col == c_src ? 0 : 1)]);
      if (!v) {
        unknown_id(pr, t.name, rec.line, field, id, not_in, *hints);
        ok = false;
        return kNoNode;
      }
      return *v;
    };
    const NodeId s = endpoint(c_src, "source");
    const NodeId d = endpoint(c_tgt, "target");
    const std::string_view rel_text = trim(f[c_rel]);
    auto r = relations.find(rel_text);
    if (!r && !relations_read && !rel_text.empty()) {
      ++unchecked.relations;  // perhaps defined in the relations.csv that could not be read
      ok = false;
    } else if (!r) {
      unknown_relation(pr, t.name, rec.line, rel_text, relations.registry());
      ok = false;
    }
    EvidenceValues v;
    if (!evidence_values(cols, rec, t.name, pr, v)) ok = false;
    if (!ok) return;
    if (c_ref >= 0) v.source_ref = f[c_ref];
    const std::size_t listed = b.warnings().size();
    const EvidenceId e = b.add_evidence(s, d, *r, v);
    if (b.warnings().size() > listed) {  // the self-loop warning was listed: say where
      b.warnings().back().file = t.name;
      b.warnings().back().line = rec.line;
    }
    for (std::size_t i : extras) b.set_evidence_attribute(e, t.columns[i], f[i]);
  });
}

// ---- seeds.csv -------------------------------------------------------------------------------

// `find` is null when nodes.csv could not be read (ids are then counted in `unchecked`); `hint`
// gives a did-you-mean for an id that is not there. `what` names the list in messages; `lines`
// receives each entry's line.
template <class Find, class Hint>
std::vector<Seed> read_seed_table(Table& t, Find&& find, Hint&& hint, const std::string& nodes_name, Problems& pr,
                                  std::size_t* unchecked = nullptr, SeedList what = SeedList::seeds,
                                  std::vector<std::size_t>* lines = nullptr) {
  const char* noun = what == SeedList::seeds ? "seed" : "cleared person";
  std::vector<Seed> seeds;
  if (!read_header(t, pr, {"id"}, "id,confidence,note")) return seeds;
  const int c_id = t.find("id"), c_conf = t.find("confidence"), c_note = t.find("note");
  std::unordered_map<NodeId, std::size_t> seen;
  for_each_record(t, pr, [&](const CsvRecord& rec) {
    const std::string_view id = trim(rec.fields[c_id]);
    if (id.empty()) {
      pr.error(t.name, rec.line, "id", "empty id; give the id of a node in " + nodes_name);
      return;
    }
    if (unchecked) {
      ++*unchecked;
      return;
    }
    std::optional<NodeId> v = find(id);
    if (!v) {
      pr.error(t.name, rec.line, "id", detail::quoted(id) + " is not in " + nodes_name + hint(id));
      return;
    }
    if (auto [it, inserted] = seen.try_emplace(*v, rec.line); !inserted) {
      pr.error(t.name, rec.line, "id",
               "duplicate " + std::string(noun) + " " + detail::quoted(id) + " (first on line " +
                   std::to_string(it->second) + ")");
      return;
    }
    double conf = 1.0;
    if (c_conf >= 0) {
      Num st = parse_number(rec.fields[c_conf], conf);
      if (st == Num::empty) conf = 1.0;
      else if (st != Num::ok) {
        pr.error(t.name, rec.line, "confidence", number_problem(st, rec.fields[c_conf]));
        return;
      } else if (!(conf > 0.0 && conf <= 1.0)) {
        pr.error(t.name, rec.line, "confidence",
                 "a " + std::string(noun) + "'s confidence must be in (0,1], got " + std::string(trim(rec.fields[c_conf])));
        return;
      }
    }
    seeds.push_back(Seed{*v, conf, c_note >= 0 ? std::string(rec.fields[c_note]) : std::string()});
    if (lines) lines->push_back(rec.line);
  });
  return seeds;
}

// ---- the whole folder ------------------------------------------------------------------------


Case read_folder(const fs::path& folder, const ReadOptions& options, Problems& pr) {
  std::error_code ec;
  if (!fs::exists(folder, ec))
    throw IoError("cannot read case " + folder.string() + ": no such file or folder");
  if (!fs::is_directory(folder, ec))
    throw IoError("cannot read case " + folder.string() +
                  ": not a folder (a case folder holds nodes.csv and edges.csv)");

  RelationRegistry registry;
  bool relations_read = true;
  {
    const std::size_t before = pr.errors();
    const bool exists = fs::exists(folder / "relations.csv", ec);
    if (auto rel = open_table(folder, "relations.csv", options, pr, false)) {
      if (!read_relations(*rel, registry, pr)) relations_read = false;
    } else if (exists && pr.errors() > before) {
      relations_read = false;
    }
  }

  CaseBuilder b(std::move(registry));
  IdIndex index;
  std::vector<std::size_t> node_line;
  auto nodes = open_table(folder, "nodes.csv", options, pr, true);
  auto edges = options.edge_share ? open_share(folder, *options.edge_share, options, pr)
                                  : open_streamed_table(folder, "edges.csv", options, pr, true);
  {
    // The columns are allocated once from an estimate of the record count, which must stay in
    // proportion to the data: a count of newlines made one node and 30 million blank lines
    // (30 MB) reserve 2.9 GB. So only lines that start with something other than a line end
    // count (blank lines and the newlines of a multi-line quoted label do not), and never more
    // than one record per 16 bytes; a file of shorter records just grows its columns as parsed.
    auto lines = [](const std::optional<Table>& t) -> std::size_t {
      if (!t) return 0;
      if (t->stream) return t->records;
      const std::string_view text = t->reader.text();
      std::size_t starts = 1;
      for (std::size_t i = text.find('\n'); i != std::string_view::npos; i = text.find('\n', i + 1))
        if (i + 1 < text.size() && text[i + 1] != '\n' && text[i + 1] != '\r') ++starts;
      return std::min(starts, text.size() / 16 + 1);
    };
    const std::size_t n_hint = lines(nodes), e_hint = lines(edges);
    b.reserve(n_hint, e_hint);
    index.reserve(n_hint);
    node_line.reserve(n_hint);
  }
  const bool nodes_read = nodes && read_nodes(*nodes, b, index, node_line, pr, options.normalize_ids);
  Unchecked unchecked;
  if (edges && !pr.full()) {
    const IdIndex* known = nodes_read ? &index : nullptr;
    if (options.edge_share) {
      const ShareSource source{*options.edge_share, folder / "edges.csv", limits_of(options), &options};
      read_edges(*edges, b, known, relations_read, "nodes.csv", pr, unchecked, options.normalize_ids, &source);
    } else {
      read_edges(*edges, b, known, relations_read, "nodes.csv", pr, unchecked, options.normalize_ids);
    }
  }
  std::size_t unchecked_seeds = 0;
  if (options.read_seeds && !pr.full()) {
    if (auto seeds = open_table(folder, "seeds.csv", options, pr, false)) {
      IdHints hints(index);
      IdForm form(options.normalize_ids);
      auto list = read_seed_table(
          *seeds, [&](std::string_view id) { return index.find(form(id)); }, hints, "nodes.csv", pr,
          nodes_read ? nullptr : &unchecked_seeds);
      if (pr.errors() == 0)
        for (auto& s : list) b.add_seed(s);
    }
  }
  // What follows only from an unreadable file is one line, not one per reference.
  if (unchecked.ids > 0 || unchecked_seeds > 0) {
    std::string what;
    if (unchecked.ids > 0) what = std::to_string(unchecked.ids) + " source and target ids in edges.csv";
    if (unchecked_seeds > 0)
      what += (what.empty() ? "" : " and ") + std::to_string(unchecked_seeds) + " seed ids in seeds.csv";
    pr.note("nodes.csv", 0, "", what + " were not checked, since nodes.csv could not be read (see above)");
  }
  if (unchecked.relations > 0)
    pr.note("relations.csv", 0, "",
            std::to_string(unchecked.relations) +
                (unchecked.relations == 1 ? " piece of evidence in edges.csv with a relation that is not built in was"
                                          : " pieces of evidence in edges.csv with relations that are not built in were") +
                " not checked, since relations.csv could not be read (see above)");
  Case c = std::move(b).freeze();
  c.set_origin(folder.string());
  return c;
}

// ---- writing ---------------------------------------------------------------------------------

// Shortest text that reads back (as a double, then narrowed) to the same float.
void append_float(std::string& out, float f) {
  char buf[64];
  char* p = std::to_chars(buf, buf + sizeof buf, f).ptr;
  double back = 0;
  std::from_chars(buf, p, back);
  if (static_cast<float>(back) != f) p = std::to_chars(buf, buf + sizeof buf, static_cast<double>(f)).ptr;
  out.append(buf, p);
}

void write_nodes(const Case& c, std::ostream& out) {
  const std::size_t n = c.num_nodes();
  bool has_label = false, has_role = false, has_country = false;
  for (NodeId v = 0; v < n; ++v) {
    has_label |= !c.label(v).empty();
    has_role |= !c.role(v).empty();
    has_country |= !c.country(v).empty();
  }
  BlockWriter w(out);
  std::vector<std::string_view> row = {"id", "kind"};
  if (has_label) row.push_back("label");
  if (has_role) row.push_back("role");
  if (has_country) row.push_back("country");
  for (const auto& a : c.node_attributes()) row.push_back(a.name);
  append_csv_record(w.text(), row);
  for (NodeId v = 0; v < n; ++v) {
    row.clear();
    row.push_back(c.node_id(v));
    row.push_back(to_string(c.kind(v)));
    if (has_label) row.push_back(c.label(v));
    if (has_role) row.push_back(c.role(v));
    if (has_country) row.push_back(c.country(v));
    for (const auto& a : c.node_attributes()) row.push_back(a.values[v]);
    append_csv_record(w.text(), row);
    w.maybe_flush();
  }
  w.finish("nodes.csv");
}

void write_edges(const Case& c, std::ostream& out) {
  const std::size_t m = c.num_evidence();
  bool has_w = false, has_c = false, has_g = false, has_t = false, has_r = false;
  for (EvidenceId e = 0; e < m; ++e) {
    has_w |= c.weight(e) != 1.0;
    has_c |= c.has_explicit_confidence(e);
    has_g |= !c.grade(e).empty();
    has_t |= !c.time(e).empty();
    has_r |= !c.source_ref(e).empty();
  }
  BlockWriter w(out);
  std::string& b = w.text();
  std::vector<std::string_view> head = {"source", "target", "relation"};
  if (has_w) head.push_back("weight");
  if (has_c) head.push_back("confidence");
  if (has_g) head.push_back("grade");
  if (has_t) head.push_back("time");
  if (has_r) head.push_back("source_ref");
  for (const auto& a : c.evidence_attributes()) head.push_back(a.name);
  append_csv_record(b, head);
  for (EvidenceId e = 0; e < m; ++e) {
    append_csv_field(b, c.node_id(c.source(e)));
    b += ',';
    append_csv_field(b, c.node_id(c.target(e)));
    b += ',';
    b += c.relation_name(e);
    if (has_w) {
      b += ',';
      append_float(b, static_cast<float>(c.weight(e)));
    }
    if (has_c) {
      b += ',';
      if (c.has_explicit_confidence(e)) append_float(b, c.raw_confidence(e));
    }
    if (has_g) {
      b += ',';
      b += c.grade(e).to_string();
    }
    if (has_t) {
      b += ',';
      b += c.time(e).to_string();
    }
    if (has_r) {
      b += ',';
      append_csv_field(b, c.source_ref(e));
    }
    for (const auto& a : c.evidence_attributes()) {
      b += ',';
      append_csv_field(b, a.values[e]);
    }
    b += '\n';
    w.maybe_flush();
  }
  w.finish("edges.csv");
}

bool has_seed_notes(const Case& c) {
  return std::any_of(c.seeds().begin(), c.seeds().end(), [](const Seed& s) { return !s.note.empty(); });
}

void write_seeds(const Case& c, std::ostream& out) {
  std::string b;
  const bool notes = has_seed_notes(c);
  b += notes ? "id,confidence,note\n" : "id,confidence\n";
  for (const auto& s : c.seeds()) {
    append_csv_field(b, c.node_id(s.node));
    b += ',';
    b += detail::format_double(s.confidence);
    if (notes) {
      b += ',';
      append_csv_field(b, s.note);
    }
    b += '\n';
  }
  out << b;
}

// Relations that differ from the built-in defaults, in id order (so ids survive the round trip).
std::vector<const RelationInfo*> changed_relations(const RelationRegistry& reg) {
  static const RelationRegistry defaults;
  std::vector<const RelationInfo*> out;
  for (std::size_t i = 0; i < reg.size(); ++i) {
    const RelationInfo& r = reg.all()[i];
    if (i < defaults.size()) {
      const RelationInfo& d = defaults.all()[i];
      if (r.name == d.name && r.directed == d.directed && r.transmission == d.transmission && r.cls == d.cls &&
          r.volume == d.volume)
        continue;
    }
    out.push_back(&r);
  }
  return out;
}

void write_relations(const std::vector<const RelationInfo*>& rels, std::ostream& out) {
  std::string b = "name,directed,transmission,class,volume\n";
  for (const RelationInfo* r : rels) {
    b += r->name;
    b += r->directed ? ",true," : ",false,";
    b += detail::format_double(r->transmission);
    b += ',';
    b += to_string(r->cls);
    b += ',';
    b += to_string(r->volume);
    b += '\n';
  }
  out << b;
}

}  // namespace

// Errors, then the notes on what could not be checked, then the case's warnings (errors under
// ReadOptions::strict).
std::vector<Diagnostic> all_problems(Problems& pr, const Case& c, const ReadOptions& options) {
  std::vector<Diagnostic> out = std::move(pr.list());
  out.insert(out.end(), pr.notes().begin(), pr.notes().end());
  for (Diagnostic w : c.warnings()) {
    if (options.strict) {
      w.severity = Diagnostic::Severity::error;
      w.message += " (strict: warnings are errors)";
    }
    out.push_back(std::move(w));
  }
  return out;
}

Case read_case(const fs::path& folder, const ReadOptions& options) {
  Problems pr(options.max_problems);
  Case c = read_folder(folder, options, pr);
  // Warnings ride along after the errors so that a caller printing problems() shows them too.
  if (pr.errors() > 0 || (options.strict && !c.warnings().empty())) throw InputError(all_problems(pr, c, options));
  return c;
}

std::vector<Diagnostic> validate_case(const fs::path& folder, const ReadOptions& options) {
  Problems pr(options.max_problems);
  Case c = read_folder(folder, options, pr);
  return all_problems(pr, c, options);
}

std::vector<Seed> read_seeds(const fs::path& file, const Case& c, const ReadOptions& options) {
  return read_seed_list(file, c, SeedList::seeds, nullptr, options);
}

std::vector<Seed> read_seed_list(const fs::path& file, const Case& c, SeedList what, std::vector<std::size_t>* lines,
                                 const ReadOptions& options) {
  Problems pr(options.max_problems);
  std::error_code ec;
  if (!fs::exists(file, ec)) throw IoError("cannot open " + file.string() + ": no such file");
  const std::string name = file.filename().string();
  std::string text = decode_text(read_csv_file(file, name, limits_of(options)), options.encoding, name);
  Table t(name, CsvReader(std::move(text), limits_of(options), 1, options.delimiter), options.delimiter);
  std::vector<std::string_view> ids;
  auto hint = [&](std::string_view id) {
    if (ids.empty())
      for (NodeId v = 0; v < c.num_nodes(); ++v) ids.push_back(c.node_id(v));
    const std::string key = normalize_id(id);
    for (std::string_view node : ids)  // a look-alike (NFD, a zero-width space) before a typo
      if (node != id && (node == key || (detail::has_non_ascii(node) && normalize_id(node) == key)))
        return detail::lookalike_hint(id, std::string(node));
    return detail::id_hint(id, ids);
  };
  if (lines) lines->clear();
  IdForm form(options.normalize_ids);
  auto seeds = read_seed_table(t, [&](std::string_view id) { return c.find(form(id)); }, hint, "the case", pr, nullptr,
                               what, lines);
  if (pr.errors() > 0) throw InputError(std::move(pr.list()));
  return seeds;
}

void write_case_files(const Case& c, FolderWriter& out) {
  out.write("nodes.csv", [&](std::ostream& os) { write_nodes(c, os); });
  out.write("edges.csv", [&](std::ostream& os) { write_edges(c, os); });
  if (!c.seeds().empty()) out.write("seeds.csv", [&](std::ostream& os) { write_seeds(c, os); });
  const auto rels = changed_relations(c.relations());
  if (!rels.empty()) out.write("relations.csv", [&](std::ostream& os) { write_relations(rels, os); });
}

void write_case(const Case& c, const fs::path& folder) {
  c.validate(folder.string());  // never write a case that read_case would refuse
  FolderWriter out(folder, FolderKind::case_folder);
  write_case_files(c, out);
  out.commit();
}

}  // namespace corridor
