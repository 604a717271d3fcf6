#include "corridor/spec/propagation.hpp"

#include <cstddef>
#include <filesystem>
#include <optional>
#include <unordered_map>

#include "corridor/error.hpp"
#include "corridor/io/case_io.hpp"
#include "src_util.hpp"

namespace corridor {

namespace fs = std::filesystem;

namespace {

// One list (seeds or cleared persons) with where each entry came from, for messages.
struct Listed {
  std::vector<Seed> entries;
  std::vector<std::string> where;  // per entry: "seeds.csv line 3" or "the seed ids"
  std::string from;                // the whole list's source
};

std::string file_line(const fs::path& file, std::size_t line) {
  return file.filename().string() + " line " + std::to_string(line);
}

void add_file(Listed& out, const Case& c, const fs::path& file, SeedList what, const ReadOptions& read) {
  std::vector<std::size_t> lines;
  const std::vector<Seed> list = read_seed_list(file, c, what, &lines, read);
  for (std::size_t i = 0; i < list.size(); ++i) {
    out.entries.push_back(list[i]);
    out.where.push_back(file_line(file, lines[i]));
  }
  out.from = file.filename().string();
}

void add_ids(Listed& out, const Case& c, const std::vector<std::string>& items, const char* what) {
  const std::string place = std::string("the ") + what + " ids";
  for (const std::string& item : items)
    for (const std::string& id : split_ids(item)) {
      const auto v = c.find(id);
      if (!v) throw ParamError(place + ": " + detail::quoted(id) + " is not a node of the case");
      out.entries.push_back(Seed{*v, 1.0, {}});
      out.where.push_back(place);
    }
  out.from = out.from.empty() ? place : out.from + " and " + place;
}

// A node listed twice (in the file and among the ids, or twice among the ids) is a mistake the
// analyst should see, as a duplicate line in one file is.
void check_unique(const Case& c, const Listed& l, const char* noun) {
  std::unordered_map<NodeId, std::size_t> first;
  for (std::size_t i = 0; i < l.entries.size(); ++i)
    if (auto [it, inserted] = first.try_emplace(l.entries[i].node, i); !inserted)
      throw ParamError(detail::quoted(c.node_id(l.entries[i].node)) + " is given twice as a " + noun + " (" +
                       l.where[it->second] + ", " + l.where[i] + "); give it once");
}

// The case's own seeds, with the lines of its seeds.csv when the case came from a folder.
Listed case_seeds(const Case& c) {
  Listed out;
  out.entries = c.seeds();
  out.from = "the case's seeds.csv";
  out.where.assign(out.entries.size(), "seeds.csv");
  std::error_code ec;
  const fs::path file = fs::path(c.origin()) / "seeds.csv";
  if (!c.origin().empty() && fs::is_regular_file(file, ec)) {
    try {
      std::vector<std::size_t> lines;
      const std::vector<Seed> again = read_seed_list(file, c, SeedList::seeds, &lines);
      if (again.size() == out.entries.size())
        for (std::size_t i = 0; i < again.size(); ++i) out.where[i] = file_line(file, lines[i]);
    } catch (const Error&) {
      // The file changed since the case was read: name the file without a line.
    }
  }
  return out;
}

}  // namespace

std::vector<std::string> split_ids(std::string_view list) {
  std::vector<std::string> out;
  std::size_t start = 0;
  while (start <= list.size()) {
    std::size_t end = list.find(',', start);
    if (end == std::string_view::npos) end = list.size();
    const std::string_view id = detail::trim(list.substr(start, end - start));
    if (!id.empty()) out.emplace_back(id);
    start = end + 1;
  }
  return out;
}

PropagationParams propagation_params(const Case& c, const PropagationSpec& s) {
  PropagationParams p;
  p.method = parse_method(s.method);
  if (!(s.restart > 0.0 && s.restart < 1.0))
    throw ParamError("restart must be in (0,1), got " + detail::format_double(s.restart));
  p.restart = s.restart;
  if (!(s.client_factor >= 0.0 && s.client_factor <= 1.0))
    throw ParamError("client factor must be in [0,1], got " + detail::format_double(s.client_factor));
  p.client_factor = s.client_factor;
  p.countries_pass = s.countries_pass;
  p.group_seeds = parse_group_seeds(s.group_seeds);
  if (!(s.half_life_days >= 0.0))
    throw ParamError("half-life must be >= 0 days (0 = no decay), got " + detail::format_double(s.half_life_days));
  p.strength.half_life_days = s.half_life_days;
  if (!s.as_of.empty()) {
    const auto t = parse_time(s.as_of);
    if (!t) throw ParamError("as-of " + detail::quoted(s.as_of) + " is not an ISO 8601 date (e.g. 2021-03-04)");
    p.strength.as_of = *t;
  }
  for (const std::string& item : s.transmission) {
    const auto eq = item.find('=');
    const auto value = eq == std::string::npos ? std::nullopt : detail::parse_double(std::string_view(item).substr(eq + 1));
    if (!value || !(*value >= 0.0 && *value <= 1.0))
      throw ParamError("transmission " + detail::quoted(item) + ": expected relation=x with x in [0,1], e.g. communicated=0.4");
    const std::string name(detail::trim(std::string_view(item).substr(0, eq)));
    c.relations().require(name);  // names the valid relations when unknown
    p.strength.transmission_overrides.emplace_back(name, *value);
  }
  return p;
}

PropagationRequest resolve_propagation(const Case& c, const PropagationSpec& s) {
  PropagationRequest q;
  q.params = propagation_params(c, s);
  if (s.countries_pass && q.params.method != Method::naive)
    q.notes.push_back("countries pass: country and location nodes pass scores on; nationality and transit are not "
                      "evidence of affiliation");

  Listed seeds;
  if (!s.seeds_file.empty()) add_file(seeds, c, s.seeds_file, SeedList::seeds, s.read);
  if (!s.seed_ids.empty()) add_ids(seeds, c, s.seed_ids, "seed");
  if (s.seeds_file.empty() && s.seed_ids.empty()) seeds = case_seeds(c);
  check_unique(c, seeds, "seed");
  if (seeds.entries.empty())
    throw ParamError(s.seeds_file.empty() && s.seed_ids.empty()
                         ? "the case has no seeds.csv: give the seeds by file (columns id, confidence, note) or by ids"
                         : "no seed given: " + seeds.from + " list no node");

  Listed cleared;
  if (!s.cleared_file.empty()) add_file(cleared, c, s.cleared_file, SeedList::cleared, s.read);
  if (!s.cleared_ids.empty()) add_ids(cleared, c, s.cleared_ids, "cleared");
  if (s.cleared_file.empty() && s.cleared_ids.empty() && s.case_cleared && !c.origin().empty()) {
    std::error_code ec;
    const fs::path file = fs::path(c.origin()) / "cleared.csv";
    if (fs::is_directory(c.origin(), ec) && fs::is_regular_file(file, ec)) add_file(cleared, c, file, SeedList::cleared, s.read);
  }
  check_unique(c, cleared, "cleared person");

  std::unordered_map<NodeId, std::size_t> seed_at;
  for (std::size_t i = 0; i < seeds.entries.size(); ++i) seed_at.emplace(seeds.entries[i].node, i);
  for (std::size_t i = 0; i < cleared.entries.size(); ++i)
    if (auto it = seed_at.find(cleared.entries[i].node); it != seed_at.end())
      throw ParamError(detail::quoted(c.node_id(cleared.entries[i].node)) + " is both a seed (" + seeds.where[it->second] +
                       ") and a cleared person (" + cleared.where[i] + "); remove it from one list");

  q.seeds = std::move(seeds.entries);
  q.seeds_from = std::move(seeds.from);
  q.cleared = std::move(cleared.entries);
  q.cleared_from = std::move(cleared.from);
  return q;
}

}  // namespace corridor
