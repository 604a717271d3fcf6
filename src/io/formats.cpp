#include "corridor/io/formats.hpp"

#include <ostream>
#include <string>
#include <system_error>

#include "corridor/error.hpp"
#include "corridor/io/case_io.hpp"
#include "corridor/io/export.hpp"
#include "corridor/io/file.hpp"
#include "corridor/io/folder.hpp"
#include "corridor/io/graphml.hpp"
#include "corridor/io/snapshot.hpp"

namespace corridor {

namespace fs = std::filesystem;

namespace {

constexpr const char* kKnownFormats =
    "a case folder, .corridor (snapshot), .graphml, .gexf, .dot, .json (node-link)";

std::string lower_ext(const fs::path& p) {
  std::string e = p.extension().string();
  for (char& c : e)
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  return e;
}

}  // namespace

Format format_of(const fs::path& path, bool for_writing) {
  std::error_code ec;
  if (fs::is_directory(path, ec)) return Format::case_folder;
  const std::string ext = lower_ext(path);
  if (ext == ".corridor") return Format::snapshot;
  if (ext == ".graphml") return Format::graphml;
  if (for_writing) {
    if (ext == ".gexf") return Format::gexf;
    if (ext == ".dot" || ext == ".gv") return Format::dot;
    if (ext == ".json") return Format::json;
  }
  // A path with no extension that does not exist yet names a folder to create (or to report as
  // missing when reading).
  if (ext.empty() && !fs::exists(path, ec)) return Format::case_folder;
  if (!for_writing && (ext == ".gexf" || ext == ".dot" || ext == ".gv" || ext == ".json"))
    throw ParamError("cannot read " + path.string() + ": " + ext +
                     " is an export format; corridor reads a case folder, .corridor or .graphml");
  throw ParamError("unknown format of " + path.string() + (ext.empty() ? "" : " (" + ext + ")") + "; known: " +
                   kKnownFormats);
}

Case load_case(const fs::path& path, const ReadOptions& options) {
  std::error_code ec;
  if (!fs::exists(path, ec))
    throw IoError("cannot read " + path.string() + ": no such file or folder");
  Case c;
  switch (format_of(path, false)) {
    case Format::case_folder: c = read_case(path, options); break;
    case Format::snapshot: c = load_snapshot(path); break;
    case Format::graphml: c = read_graphml(path, options); break;
    default: throw ParamError("cannot read " + path.string() + "; corridor reads a case folder, .corridor or .graphml");
  }
  if (c.origin().empty()) c.set_origin(path.string());
  return c;
}

std::vector<Diagnostic> validate_input(const fs::path& path, const ReadOptions& options, Case* loaded) {
  try {
    Case c = load_case(path, options);
    std::vector<Diagnostic> warnings = c.warnings();
    if (loaded) *loaded = std::move(c);
    return warnings;
  } catch (const InputError& e) {
    return e.problems();
  }
}

void save_case(const Case& c, const fs::path& path) {
  // A case read from a path is never written over that path (its origin).
  if (!c.origin().empty()) check_output_is_not_input(path, c.origin());
  // Never write a case that a reader would refuse (a case built in code skipped the readers).
  c.validate(path.string());
  switch (format_of(path, true)) {
    case Format::case_folder: write_case(c, path); return;
    case Format::snapshot: save_snapshot(c, path); return;
    case Format::graphml:
    case Format::gexf:
    case Format::dot:
    case Format::json: export_case(c, format_of(path, true), path); return;
  }
}

}  // namespace corridor
