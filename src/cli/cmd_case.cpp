// corridor validate | info | convert: checking, summarising and converting a case.
#include <fmt/core.h>

#include <algorithm>
#include <array>
#include <filesystem>
#include <numeric>
#include <optional>
#include <string>
#include <vector>

#include "cli/commands.hpp"
#include "cli/common.hpp"
#include "corridor/error.hpp"
#include "corridor/io/folder.hpp"
#include "corridor/io/formats.hpp"
#include "corridor/model/case.hpp"

namespace corridor::cli {

namespace {

std::size_t count_errors(const std::vector<Diagnostic>& ds) {
  return static_cast<std::size_t>(std::count_if(
      ds.begin(), ds.end(), [](const Diagnostic& d) { return d.severity == Diagnostic::Severity::error; }));
}

std::string plural(std::size_t n, const char* one, const char* many) {
  return fmt::format("{} {}", n, n == 1 ? one : many);
}

// Connected components over all nodes, ignoring direction (union-find with path halving).
std::pair<std::size_t, std::size_t> components(const Case& c) {
  const std::size_t n = c.num_nodes();
  std::vector<NodeId> parent(n);
  std::iota(parent.begin(), parent.end(), NodeId{0});
  auto find = [&](NodeId v) {
    while (parent[v] != v) {
      parent[v] = parent[parent[v]];
      v = parent[v];
    }
    return v;
  };
  for (EvidenceId e = 0; e < c.num_evidence(); ++e) {
    NodeId a = find(c.source(e)), b = find(c.target(e));
    if (a != b) parent[std::max(a, b)] = std::min(a, b);
  }
  std::vector<std::size_t> size(n, 0);
  std::size_t count = 0, largest = 0;
  for (NodeId v = 0; v < n; ++v) {
    const NodeId r = find(v);
    if (size[r]++ == 0) ++count;
    largest = std::max(largest, size[r]);
  }
  return {count, largest};
}

void print_info(const Case& c, const std::string& path) {
  fmt::print("case: {}\n", path);
  std::array<std::size_t, kNodeKindCount> kinds{};
  for (NodeId v = 0; v < c.num_nodes(); ++v) ++kinds[static_cast<std::size_t>(c.kind(v))];
  std::string by_kind;
  for (NodeKind k : kAllNodeKinds)
    if (auto n = kinds[static_cast<std::size_t>(k)])
      by_kind += fmt::format("{}{} {}", by_kind.empty() ? "" : ", ", to_string(k), n);
  fmt::print("nodes: {}{}\n", c.num_nodes(), by_kind.empty() ? "" : " (" + by_kind + ")");

  std::vector<std::size_t> rels(c.relations().size(), 0);
  std::array<std::size_t, 7> grades{};  // A..F, none
  std::size_t dated = 0;
  Timestamp first, last;
  for (EvidenceId e = 0; e < c.num_evidence(); ++e) {
    ++rels[c.relation(e)];
    const Grade g = c.grade(e);
    ++grades[g.empty() ? 6 : static_cast<std::size_t>(g.reliability() - 'A')];
    const Timestamp t = c.time(e);
    if (!t.empty()) {
      if (dated++ == 0 || t < first) first = t;
      if (dated == 1 || t > last) last = t;
    }
  }
  std::string by_rel;
  for (std::size_t r = 0; r < rels.size(); ++r)
    if (rels[r])
      by_rel += fmt::format("{}{} {}", by_rel.empty() ? "" : ", ", c.relations().info(static_cast<RelationId>(r)).name,
                            rels[r]);
  fmt::print("evidence: {}{}\n", c.num_evidence(), by_rel.empty() ? "" : " (" + by_rel + ")");
  const auto [ncomp, largest] = components(c);
  fmt::print("components: {} (largest {}; direction ignored, all nodes)\n", ncomp, plural(largest, "node", "nodes"));
  fmt::print("grades: A {}, B {}, C {}, D {}, E {}, F {}, none {}\n", grades[0], grades[1], grades[2], grades[3],
             grades[4], grades[5], grades[6]);
  if (dated)
    fmt::print("dated: {} of {} ({} to {})\n", dated, c.num_evidence(), first.to_string(), last.to_string());
  else
    fmt::print("dated: 0 of {}\n", c.num_evidence());
  fmt::print("seeds: {}\n", c.seeds().size());
  fmt::print("warnings: {}\n", c.warning_count());
}

}  // namespace

void add_case_commands(CLI::App& app, Globals& g) {
  // validate
  {
    auto* cmd = app.add_subcommand("validate", "Check a case and list every problem as file:line: field: message");
    auto path = std::make_shared<std::string>();
    auto max_problems = std::make_shared<std::size_t>(ReadOptions{}.max_problems);
    cmd->add_option("CASE", *path, "case folder, .corridor snapshot or .graphml file")->required();
    cmd->add_option("--max-problems", *max_problems, "stop after this many errors")
        ->capture_default_str()
        ->check(CLI::PositiveNumber);
    cmd->callback([path, max_problems, &g] {
      ReadOptions opts = input_options();
      opts.max_problems = *max_problems;
      Case c;
      const std::vector<Diagnostic> diags = validate_input(*path, opts, &c);
      const std::size_t nodes = c.num_nodes(), evidence = c.num_evidence(), seeds = c.seeds().size();
      // Listed or not: a case lists only its first warnings.
      const std::optional<std::uint64_t> found_warnings = c.warning_count();
      const std::size_t errors = count_errors(diags), warnings = diags.size() - errors;
      for (const auto& d : diags)
        if (d.severity == Diagnostic::Severity::error || !g.quiet) fmt::print(stderr, "corridor: {}\n", d.to_string());
      if (errors) {
        fmt::print(stderr, "corridor: {} is not valid: {}, {}\n", *path, plural(errors, "error", "errors"),
                   plural(warnings, "warning", "warnings"));
        throw CLI::RuntimeError(2);
      }
      fmt::print("OK: {}: {}, {}, {}, {}\n", *path, plural(nodes, "node", "nodes"),
                 plural(evidence, "piece of evidence", "pieces of evidence"), plural(seeds, "seed", "seeds"),
                 plural(found_warnings.value_or(warnings), "warning", "warnings"));
    });
  }
  // info
  {
    auto* cmd = app.add_subcommand("info", "Summarise a case: kinds, relations, components, grades, dates, seeds");
    auto path = std::make_shared<std::string>();
    cmd->add_option("CASE", *path, "case folder, .corridor snapshot or .graphml file")->required();
    cmd->callback([path] {
      Case c = load_input(*path);
      print_info(c, *path);
    });
  }
  // convert
  {
    auto* cmd = app.add_subcommand(
        "convert", "Convert a case between formats; the format follows from the path (folder, .corridor, .graphml, "
                   ".gexf, .dot, .json)");
    auto in = std::make_shared<std::string>();
    auto out = std::make_shared<std::string>();
    cmd->add_option("IN", *in, "case folder, .corridor snapshot or .graphml file")->required();
    cmd->add_option("OUT", *out, "case folder, .corridor, .graphml, .gexf, .dot or .json")->required();
    cmd->callback([in, out, &g] {
      // A bad output name, the input itself as output, or a folder corridor may not replace fail
      // before the input is read.
      const bool folder = format_of(*out, true) == Format::case_folder;
      if (folder) check_output_folder(*out, FolderKind::case_folder);
      check_output_is_not_input(*out, *in);
      std::error_code ec;
      const bool replacing = folder && std::filesystem::exists(*out, ec) && !std::filesystem::is_empty(*out, ec);
      Case c = load_input(*in);
      // What the reader mapped or fell back on changes the data the new file holds: say so here,
      // not only in `validate` (the first ten; validate lists them all).
      if (!g.quiet && c.warning_count() > 0) {
        std::size_t shown = 0;
        for (const Diagnostic& d : c.warnings())
          if (shown++ < 10) fmt::print(stderr, "corridor: {}\n", d.to_string());
        if (c.warning_count() > 10)
          fmt::print(stderr, "corridor: warning: {} more; `corridor validate {}` lists them\n", c.warning_count() - 10,
                     *in);
      }
      save_case(c, *out);
      if (!g.quiet)
        fmt::print(stderr, "corridor: wrote {} ({}, {}){}\n", *out, plural(c.num_nodes(), "node", "nodes"),
                   plural(c.num_evidence(), "piece of evidence", "pieces of evidence"),
                   replacing ? "; it replaced the case corridor had written there, whole" : "");
    });
  }
}

}  // namespace corridor::cli
