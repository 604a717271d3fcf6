#include "cli/common.hpp"

#include <fmt/core.h>

#include <cmath>
#include <cstdio>
#include <iostream>

#include "corridor/error.hpp"
#include "corridor/io/csv.hpp"
#include "corridor/io/encoding.hpp"
#include "corridor/io/file.hpp"
#include "corridor/io/formats.hpp"
#include "src_util.hpp"

namespace corridor::cli {

Case load_input(const std::string& path) { return load_case(path, input_options()); }

ReadOptions& input_options() {
  static ReadOptions options;
  return options;
}

void add_input_options(CLI::App& app) {
  app.add_option_function<std::string>(
      "--encoding", [](const std::string& e) { input_options().encoding = parse_encoding(e); },
      "encoding of the case files: utf-8 (default; checked), cp1252 (Excel on Windows in Western Europe) or "
      "latin-1, which are converted to UTF-8 as they are read");
  app.add_option_function<std::string>(
      "--delimiter",
      [](const std::string& d) {
        if (d == "tab" || d == "\\t" || d == "\t") input_options().delimiter = '\t';
        else if (d == "semicolon") input_options().delimiter = ';';
        else if (d == "comma") input_options().delimiter = ',';
        else if (d.size() == 1 && d != "\"" && d != "\n" && d != "\r") input_options().delimiter = d[0];
        else
          throw ParamError("--delimiter must be one character such as ';' or '|', or tab; got " + detail::quoted(d));
      },
      "field delimiter of the CSV files: , (default), ';' (spreadsheets in European locales), tab, or another "
      "character");
  app.add_flag_callback(
      "--normalize-ids", [] { input_options().normalize_ids = true; },
      "read ids in Unicode NFC, without zero-width characters (U+200B..U+200D, U+2060, U+FEFF) and with odd spaces "
      "(no-break and the like) as plain spaces, so ids that only look alike are one id (otherwise: a warning)");
  app.add_flag_callback(
      "--strict", [] { input_options().strict = true; },
      "treat warnings as errors (a node or edge that fell back to a default kind or relation, a self-loop, ...)");
}

PropagationRequest PropagationOptions::resolve(const Case& c) const {
  PropagationSpec with_input = spec;
  with_input.read = input_options();
  PropagationRequest q = resolve_propagation(c, with_input);
  for (const std::string& n : q.notes) fmt::print(stderr, "corridor: warning: {}\n", n);
  return q;
}

void PropagationOptions::add_to(CLI::App* cmd, bool with_seeds) {
  PropagationSpec& s = spec;
  if (with_seeds) {
    cmd->add_option("--seeds", s.seeds_file, "seeds file (id[,confidence][,note]); default: the case's seeds.csv");
    cmd->add_option("--seed-ids", s.seed_ids, "seeds by id, confidence 1 (comma-separated or repeated; with --seeds too)");
    cmd->add_option("--cleared", s.cleared_file,
                    "persons checked and cleared (id[,confidence][,note]): they pass no suspicion on and lower their "
                    "neighbours' scores; default: the case's cleared.csv if any");
    cmd->add_option("--cleared-ids", s.cleared_ids, "cleared persons by id, confidence 1 (comma-separated or repeated)");
  }
  cmd->add_option("--method", s.method,
                  "ppr_degree (default: walk score per unit of the node's own ties), ppr, spread, or naive (the "
                  "untyped baseline)");
  cmd->add_option("--transmission", s.transmission, "override a relation's transmission, e.g. communicated=0.4 (repeatable)");
  cmd->add_option("--as-of", s.as_of, "reference date of the half-life decay (default: latest evidence date)");
  cmd->add_option("--half-life", s.half_life_days, "evidence loses half its strength every DAYS days before --as-of (0 = no decay)");
  cmd->add_option("--restart", s.restart, "restart probability of the walk, in (0,1)")->capture_default_str();
  cmd->add_option("--client-factor", s.client_factor, "cap on the strength of a migrant's client tie to whoever moved them, in [0,1]")
      ->capture_default_str();
  cmd->add_flag("--countries-pass", s.countries_pass,
                "let country and location nodes pass scores on (nationality as evidence; not recommended)");
  cmd->add_option("--group-seeds", s.group_seeds,
                  "implicit (default: the seeds' group and direct organizational ties seed too), group, or off (the given seeds only)");
}

void ViewOptions::add_to(CLI::App* cmd, bool with_directed) {
  cmd->add_option("--kinds", kinds, "node kinds kept, comma-separated (default: all but country, location)");
  cmd->add_option("--relations", relations, "relations kept, comma-separated (default: all)");
  cmd->add_option("--from", from, "keep evidence dated on or after this ISO 8601 date");
  cmd->add_option("--to", to, "keep evidence dated on or before this ISO 8601 date");
  cmd->add_flag("--weighted", weighted, "weigh ties by evidence strength (weight x confidence)");
  if (with_directed) cmd->add_flag("--directed", directed, "follow relation direction");
  cmd->add_flag("--include-context", include_context, "keep country and location nodes");
}

ViewSpec ViewOptions::spec() const { return ViewSpec{kinds, relations, from, to, weighted, directed, include_context}; }

ViewParams ViewOptions::resolve(const Case& c) const { return resolve_view(c, spec()); }

void add_out_option(CLI::App* cmd, std::string& out) {
  cmd->add_option("-o,--out", out, "output CSV file, written atomically (default: standard output)");
}

std::pair<std::string, double> parse_assignment(const std::string& option, const std::string& item) {
  const auto eq = item.find('=');
  const auto value = eq == std::string::npos ? std::nullopt : detail::parse_double(std::string_view(item).substr(eq + 1));
  const std::string name(detail::trim(std::string_view(item).substr(0, eq == std::string::npos ? item.size() : eq)));
  if (!value || name.empty())
    throw ParamError(option + " " + detail::quoted(item) + ": expected name=number, e.g. P00172=1");
  return {name, *value};
}

std::string csv_line(const std::vector<std::string>& fields) {
  std::vector<std::string_view> views(fields.begin(), fields.end());
  std::string line;
  append_csv_record(line, views);
  return line;
}

std::string csv_number(double v) { return std::isnan(v) ? std::string() : detail::format_double(v); }

void write_output(const std::string& path, const std::string& text) {
  if (path.empty() || path == "-") {
    write_standard_output([&](std::ostream& out) { out << text; });
    return;
  }
  write_file_atomically(path, [&](std::ostream& out) { out << text; });
}

void write_table(const std::string& path, const Table& table) {
  if (path.empty() || path == "-") {
    write_output(path, to_csv(table));
    return;
  }
  write_csv(table, std::filesystem::path(path));
}

}  // namespace corridor::cli
