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

#include "corridor/io/case_io.hpp"
#include "corridor/model/case.hpp"

namespace corridor {

enum class Format { case_folder, snapshot, graphml, gexf, dot, json };

/// The format a path names (folder, or by extension); throws ParamError listing the known ones.
Format format_of(const std::filesystem::path& path, bool for_writing);

/// Loads a case folder, snapshot or GraphML file; throws InputError / IoError.
Case load_case(const std::filesystem::path& path, const ReadOptions& options = {});

/// Saves in the format the path names.
void save_case(const Case& c, const std::filesystem::path& path);

/// Writes a file through a temporary in the same folder and a rename; on any failure the
/// temporary is removed, the target is untouched, and IoError names the file.
void write_file_atomically(const std::filesystem::path& path, const std::function<void(std::ostream&)>& write);

}  // namespace corridor
