#include "cli/common.hpp"

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
