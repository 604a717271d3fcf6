// Helpers shared by the subcommands: loading the input, the view options every analysis takes,
// and writing CSV output to a file (atomically) or stdout.
#pragma once

#include <CLI/CLI.hpp>

#include <string>
#include <string_view>
#include <vector>

#include "corridor/graph/view.hpp"
#include "corridor/model/case.hpp"

namespace corridor::cli {

/// A case folder, .corridor snapshot or .graphml file.
Case load_input(const std::string& path);

/// The options that choose what counts as a tie: --kinds, --relations, --from, --to,
/// --weighted, --directed (and --include-context to keep countries and locations).
struct ViewOptions {
  std::string kinds;
  std::string relations;
  std::string from;
  std::string to;
  bool weighted = false;
  bool directed = false;
  bool include_context = false;

  void add_to(CLI::App* cmd, bool with_directed = true);
  /// Resolves against a case; throws ParamError on unknown kinds/relations or bad dates.
  ViewParams resolve(const Case& c) const;
};

/// One CSV field, quoted per RFC 4180 when it holds a comma, quote, CR or LF.
std::string csv_field(std::string_view s);
/// A CSV line (with trailing '\n') from fields.
std::string csv_line(const std::vector<std::string>& fields);
/// A number as CSV text: shortest round-trip form; "" for NaN.
std::string csv_number(double v);

/// Writes text to `path` atomically, or to stdout when path is empty or "-".
void write_output(const std::string& path, const std::string& text);

}  // namespace corridor::cli
