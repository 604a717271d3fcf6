// corridor/io/case_io.hpp: reading and writing a case folder (nodes.csv, edges.csv, seeds.csv,
// relations.csv).
//
// CSV follows RFC 4180 (quoted fields with commas, quotes and newlines), UTF-8 with or without a
// BOM; columns are found by header name in any order and extra columns are kept as attributes.
// Reading checks every row and reports every problem (up to ReadOptions::max_problems) with file,
// line and field, e.g. `edges.csv:1043: target: "P99" is not in nodes.csv`; it never drops a row
// silently. Writing goes through a temporary file and a rename per file.
//
//   corridor::Case c = corridor::read_case("examples/data/sample-case");
//   auto problems = corridor::validate_case("cases/new");   // errors and warnings, no throw
//   corridor::write_case(c, "/tmp/copy");
#pragma once

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <optional>
#include <vector>

#include "corridor/error.hpp"
#include "corridor/io/encoding.hpp"
#include "corridor/model/case.hpp"

namespace corridor {

/// One share of edges.csv, for readers that split a case between processes (corridor-mpi): the
/// header (bytes [0, header_end)) and the records in bytes [begin, end). `begin` must be the first
/// byte of a record (or equal `end`) and `end` the first byte of a record or the file size; the
/// caller finds record boundaries (quoted fields may hold line breaks). `first_line` is the line
/// number at `begin`, so messages name the file's own lines.
struct EdgeShare {
  std::uint64_t header_end = 0;
  std::uint64_t begin = 0;
  std::uint64_t end = 0;
  std::size_t first_line = 1;
};

/// Limits and switches of the case readers. Defaults suit cases of any size.
struct ReadOptions {
  std::size_t max_problems = 100;        ///< stop collecting after this many errors (>= 1)
  std::size_t max_record_bytes = 1 << 20;  ///< a record (line) longer than this is an error
  std::size_t max_columns = 4096;        ///< a header with more columns is an error
  bool read_seeds = true;                ///< read CASE/seeds.csv when present
  /// How the files' bytes are read (corridor/io/encoding.hpp): UTF-8 is validated, and invalid
  /// bytes are an error naming file, line and column with the hint to pass cp1252 or latin1,
  /// which transcode; UTF-16 with a byte-order mark is recognised.
  Encoding encoding = Encoding::utf8;
  /// The CSV field delimiter: ',' (RFC 4180), or ';' or '\t' as some spreadsheets write. A
  /// header that is one column holding another delimiter is an error naming it.
  char delimiter = ',';
  /// Warnings are errors: a case that reads with warnings (a node or edge that fell back to a
  /// default kind or relation, a self-loop, a column one typo away from a standard one) is
  /// refused, every warning listed as an error.
  bool strict = false;
  /// Ids (of nodes, of evidence ends, of seeds) read as normalize_id() (corridor/io/encoding.hpp)
  /// gives them: NFC, without zero-width characters, odd spaces as plain spaces. Off by default,
  /// since ids are the user's own; then two node ids that differ only that way are a warning
  /// naming both places, and an evidence end or seed that only looks like a node id is an error
  /// saying so. On, two such nodes become one id (a duplicate-id error naming both lines).
  bool normalize_ids = false;
  /// Read only this share of edges.csv (nodes, relations and seeds are read whole); empty = all.
  std::optional<EdgeShare> edge_share;
};

/// Reads a case folder.
///
/// Files (header names trimmed and matched case-insensitively, in any order; other columns are
/// kept as string attributes of the node or the evidence):
///   - relations.csv (optional, read first): name, directed (true/false/yes/no/1/0),
///     transmission in [0,1], optional class (organizational|logistic|communication|client|
///     attribute|generic); adds relations or overrides built-in ones (an empty class keeps the
///     built-in class).
///   - nodes.csv: id (unique, non-empty), kind (see valid_node_kinds(), case-insensitive),
///     optional label, role, country.
///   - edges.csv: source, target, relation, optional weight (> 0, default 1), confidence in
///     [0,1], grade (Admiralty, e.g. B2), time (ISO 8601), source_ref.
///   - seeds.csv (optional): id, optional confidence in (0,1] (default 1), note.
/// Ids, kinds, relations, numbers, grades and times are trimmed of surrounding spaces; labels,
/// roles, countries, notes, source_ref and extra columns are kept exactly.
///
/// Every row becomes a node, a piece of evidence or a seed, or produces an error naming file,
/// line (where the record starts) and field, e.g. `edges.csv:1043: target: "P99" is not in
/// nodes.csv`; self-loops are kept and reported as warnings (Case::warnings()).
/// O(bytes + nodes log nodes); the files are read whole into memory.
/// Throws InputError carrying every error found (up to max_problems, then a note that more were
/// cut) followed by the warnings; IoError when the folder or a file cannot be read.
Case read_case(const std::filesystem::path& folder, const ReadOptions& options = {});

/// Checks a case folder as read_case() does and returns every problem (errors first, then
/// warnings) without throwing for data problems; IoError still propagates when the folder
/// cannot be read. An empty result means the case is clean.
std::vector<Diagnostic> validate_case(const std::filesystem::path& folder, const ReadOptions& options = {});

/// Reads a seeds file (id, optional confidence in (0,1], note) against a case; messages name
/// the file by its file name. Throws InputError (unknown or duplicate id, bad confidence) or
/// IoError.
std::vector<Seed> read_seeds(const std::filesystem::path& file, const Case& c,
                             const ReadOptions& options = {});

/// What a seeds-style file lists: seeds (seeds.csv) or cleared persons (cleared.csv: checked and
/// cleared, e.g. a vetted traveller; same columns id, confidence in (0,1] default 1, note).
enum class SeedList { seeds, cleared };

/// read_seeds() for either list; messages say "seed" or "cleared person". `lines`, when given,
/// receives each entry's line in the file (for messages that name a line later).
std::vector<Seed> read_seed_list(const std::filesystem::path& file, const Case& c, SeedList what,
                                 std::vector<std::size_t>* lines = nullptr, const ReadOptions& options = {});

/// Writes the case folder as a whole (a FolderWriter, see io/folder.hpp): nodes.csv and
/// edges.csv with every standard column that carries a value plus all extra attribute columns
/// (numbers in shortest round-trip form, times as Timestamp::to_string), seeds.csv when the case
/// has seeds and relations.csv when its relations differ from the built-in defaults, and the
/// marker. The folder is the new case and nothing else, or, on any failure, what it was before.
/// An existing folder is replaced only when corridor wrote it (its marker) and it holds nothing
/// else: a hand-made case folder, or one with files added, is refused (ParamError) rather than
/// losing its seeds.csv, relations.csv or anything else; write to a new folder instead.
/// read_case() of the result equals `c` (ids with leading or trailing spaces excepted, since ids
/// are trimmed on reading). Throws ParamError or IoError.
void write_case(const Case& c, const std::filesystem::path& folder);

class FolderWriter;
/// The files of write_case() into an open folder writer, for a caller that adds files of its
/// own to the same folder (write_generated_case() adds truth.csv).
void write_case_files(const Case& c, FolderWriter& out);

}  // namespace corridor
