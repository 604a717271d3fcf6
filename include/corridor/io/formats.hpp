// corridor/io/formats.hpp: one entry point to load or save a case in any supported format.
//
// The format follows from the path: a folder is a CSV case; `.corridor` a binary snapshot;
// `.graphml` GraphML; on save also `.gexf`, `.dot`, `.json` (node-link). Saving always writes a
// temporary file beside the target and renames it, so an existing file is never half-written.
//
//   corridor::Case c = corridor::load_case("cases/sample");      // or x.corridor, x.graphml
//   corridor::save_case(c, "/tmp/sample.graphml");
#pragma once

#include <filesystem>
#include <functional>
#include <iosfwd>
#include <string>
#include <vector>

#include "corridor/io/case_io.hpp"
#include "corridor/io/file.hpp"  // write_file_atomically, which save_case uses
#include "corridor/model/case.hpp"

namespace corridor {

enum class Format { case_folder, snapshot, graphml, gexf, dot, json };

/// The format a path names: an existing folder, or a path without extension that does not exist
/// yet, is a case folder; otherwise the extension decides (case-insensitive): .corridor,
/// .graphml, and for writing only .gexf, .dot (.gv), .json. Throws ParamError listing the known
/// formats (or saying that an export format cannot be read).
Format format_of(const std::filesystem::path& path, bool for_writing);

/// Loads a case folder (read_case), snapshot (load_snapshot) or GraphML file (read_graphml) and
/// sets its origin to `path` when the reader did not. Throws IoError when the path does not
/// exist, InputError on bad data, ParamError on an unreadable format.
Case load_case(const std::filesystem::path& path, const ReadOptions& options = {});

/// Reads a case in any format load_case() reads and returns every problem found (errors first,
/// then warnings) instead of throwing for bad data; when there is no error and `loaded` is given,
/// the case is moved into it. What `corridor validate` and Python's corridor.validate() report.
/// IoError still propagates when the path cannot be read; ParamError on an unreadable format.
std::vector<Diagnostic> validate_input(const std::filesystem::path& path, const ReadOptions& options = {},
                                       Case* loaded = nullptr);

/// Saves in the format the path names (write_case, save_snapshot, or an export written through
/// write_file_atomically). Throws ParamError on an unknown format, IoError on a failing write.
void save_case(const Case& c, const std::filesystem::path& path);

}  // namespace corridor
