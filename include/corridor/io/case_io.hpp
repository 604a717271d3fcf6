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
#include <filesystem>
#include <vector>

#include "corridor/error.hpp"
#include "corridor/model/case.hpp"

namespace corridor {

struct ReadOptions {
  std::size_t max_problems = 100;        ///< stop collecting after this many errors
  std::size_t max_record_bytes = 1 << 20;  ///< a record (line) longer than this is an error
  std::size_t max_columns = 4096;        ///< a header with more columns is an error
  bool read_seeds = true;                ///< read CASE/seeds.csv when present
};

/// Reads a case folder; throws InputError carrying every problem found, IoError when a file
/// cannot be read.
Case read_case(const std::filesystem::path& folder, const ReadOptions& options = {});

/// Checks a case folder and returns every problem (errors and warnings) without throwing for
/// data problems; IoError still propagates when the folder cannot be read.
std::vector<Diagnostic> validate_case(const std::filesystem::path& folder, const ReadOptions& options = {});

/// Reads a seeds file (id, optional confidence, note) against a case; throws InputError.
std::vector<Seed> read_seeds(const std::filesystem::path& file, const Case& c,
                             const ReadOptions& options = {});

/// Writes nodes.csv and edges.csv (plus seeds.csv when the case has seeds and relations.csv when
/// it defines or changes relations), each atomically. Creates the folder if needed.
void write_case(const Case& c, const std::filesystem::path& folder);

}  // namespace corridor
