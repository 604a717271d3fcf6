// Helpers shared by the subcommands: loading the input, the view options every analysis takes,
// and writing CSV output to a file (atomically) or stdout.
#pragma once

#include <CLI/CLI.hpp>

#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "corridor/graph/view.hpp"
#include "corridor/io/case_io.hpp"
#include "corridor/model/case.hpp"
#include "corridor/spec/propagation.hpp"
#include "corridor/spec/table.hpp"

namespace corridor::cli {

/// A case folder, .corridor snapshot or .graphml file, read with input_options().
Case load_input(const std::string& path);

/// How every command reads its input case: --encoding, --delimiter and --strict, global options
/// that may also follow the subcommand (`corridor validate CASE --encoding cp1252`).
ReadOptions& input_options();
/// Registers --encoding, --delimiter and --strict on the app.
void add_input_options(CLI::App& app);

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
  /// The options as the library's ViewSpec.
  ViewSpec spec() const;
  /// Resolves against a case; throws ParamError on unknown kinds/relations or bad dates.
  ViewParams resolve(const Case& c) const;
};

/// The options of a propagation, as the library's PropagationSpec (spec/propagation.hpp), for
/// every command that propagates: --method, --restart, --transmission, --half-life, --as-of,
/// --client-factor, --countries-pass, --group-seeds and, with seeds, --seeds, --seed-ids,
/// --cleared, --cleared-ids.
struct PropagationOptions {
  PropagationSpec spec;
  void add_to(CLI::App* cmd, bool with_seeds = true);
  /// Parameters, seeds and cleared persons by the library's one spec, the files read with the
  /// case's read options (--encoding, --delimiter, --normalize-ids); its notes printed as warnings.
  PropagationRequest resolve(const Case& c) const;
};

/// "-o,--out FILE": where a command writes its table (default: standard output).
void add_out_option(CLI::App* cmd, std::string& out);

/// "name=value" with a finite number after the '='; throws ParamError naming `option`.
std::pair<std::string, double> parse_assignment(const std::string& option, const std::string& item);

/// One CSV line (with trailing '\n') through the library's one CSV escaper (append_csv_field).
std::string csv_line(const std::vector<std::string>& fields);
/// A number as CSV text: shortest round-trip form; "" for NaN.
std::string csv_number(double v);

/// Writes text to `path` atomically, or to stdout when path is empty or "-".
void write_output(const std::string& path, const std::string& text);
/// Writes a table as CSV (corridor::write_csv) to `path` atomically, or to stdout when path is
/// empty or "-".
void write_table(const std::string& path, const Table& table);

}  // namespace corridor::cli
