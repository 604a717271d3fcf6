#include "cli/common.hpp"

#include <cmath>
#include <cstdio>
#include <iostream>

#include "corridor/error.hpp"
#include "corridor/io/formats.hpp"
#include "src_util.hpp"

namespace corridor::cli {

Case load_input(const std::string& path) { return load_case(path); }

void ViewOptions::add_to(CLI::App* cmd, bool with_directed) {
  cmd->add_option("--kinds", kinds, "node kinds kept, comma-separated (default: all but country, location)");
  cmd->add_option("--relations", relations, "relations kept, comma-separated (default: all)");
  cmd->add_option("--from", from, "keep evidence dated on or after this ISO 8601 date");
  cmd->add_option("--to", to, "keep evidence dated on or before this ISO 8601 date");
  cmd->add_flag("--weighted", weighted, "weigh ties by evidence strength (weight x confidence)");
  if (with_directed) cmd->add_flag("--directed", directed, "follow relation direction");
  cmd->add_flag("--include-context", include_context, "keep country and location nodes");
}

ViewParams ViewOptions::resolve(const Case& c) const {
  return resolve_view(c, ViewSpec{kinds, relations, from, to, weighted, directed, include_context});
}

std::string csv_field(std::string_view s) {
  if (s.find_first_of(",\"\r\n") == std::string_view::npos) return std::string(s);
  std::string out = "\"";
  for (char c : s) {
    if (c == '"') out += '"';
    out += c;
  }
  return out + '"';
}

std::string csv_line(const std::vector<std::string>& fields) {
  std::string line;
  for (std::size_t i = 0; i < fields.size(); ++i) {
    if (i) line += ',';
    line += csv_field(fields[i]);
  }
  line += '\n';
  return line;
}

std::string csv_number(double v) { return std::isnan(v) ? std::string() : detail::format_double(v); }

void write_output(const std::string& path, const std::string& text) {
  if (path.empty() || path == "-") {
    std::fwrite(text.data(), 1, text.size(), stdout);
    std::fflush(stdout);
    if (std::ferror(stdout)) throw IoError("cannot write to standard output");
    return;
  }
  write_file_atomically(path, [&](std::ostream& out) { out << text; });
}

}  // namespace corridor::cli
