// The report's names: ids, labels, places, roles and paths, plain or pseudonymized.
#include <algorithm>
#include <filesystem>
#include <fmt/core.h>

#include "corridor/error.hpp"
#include "report/report_impl.hpp"
#include "src_util.hpp"

namespace corridor::detail {

namespace {

constexpr std::size_t kNameSize = 2 + kPseudonymBits / 4;  // "M-" + hex digits

[[noreturn]] void collision(const PseudonymCollision& c, std::string_view what) {
  throw ParamError(fmt::format("two different {} ({} and {}) have the same pseudonym {} under this key; a shared "
                               "report would merge them into one: choose another key",
                               what, detail::quoted(c.first), detail::quoted(c.second), c.pseudonym));
}

}  // namespace

Namer::Namer(const Case& c, std::string key) : c_(c), key_(std::move(key)) {
  if (key_.empty()) return;
  const std::size_t n = c.num_nodes();
  node_names_.reserve(n * kNameSize);
  for (NodeId v = 0; v < n; ++v) {
    const std::string p = pseudonym(key_, c.node_id(v), c.kind(v));
    CORRIDOR_ASSERT(p.size() == kNameSize);
    node_names_ += p;
  }
  // Node ids and the country codes that name no node share one name space (place()).
  std::vector<std::string_view> originals, names;
  std::vector<std::string> extra;
  originals.reserve(n);
  names.reserve(n);
  for (NodeId v = 0; v < n; ++v) {
    originals.push_back(c.node_id(v));
    names.emplace_back(node_names_.data() + v * kNameSize, kNameSize);
  }
  std::vector<std::string_view> codes, roles;
  for (NodeId v = 0; v < n; ++v) {
    if (!c.country(v).empty() && !c.find(c.country(v))) codes.push_back(c.country(v));
    if (!c.role(v).empty()) roles.push_back(c.role(v));
  }
  for (auto* list : {&codes, &roles}) {
    std::sort(list->begin(), list->end());
    list->erase(std::unique(list->begin(), list->end()), list->end());
  }
  extra.reserve(codes.size() + roles.size());
  for (std::string_view code : codes) extra.push_back(pseudonym(key_, code, NodeKind::country));
  for (std::size_t i = 0; i < codes.size(); ++i) originals.push_back(codes[i]), names.push_back(extra[i]);
  if (auto clash = pseudonym_collisions(originals, names)) collision(*clash, "ids or country codes");
  std::vector<std::string_view> role_names;
  for (std::string_view r : roles) extra.push_back(role(r));
  for (std::size_t i = 0; i < roles.size(); ++i) role_names.push_back(extra[codes.size() + i]);
  if (auto clash = pseudonym_collisions(roles, role_names)) collision(*clash, "roles");
}

std::string Namer::id(NodeId v) const {
  if (key_.empty()) return std::string(c_.node_id(v));
  return node_names_.substr(static_cast<std::size_t>(v) * kNameSize, kNameSize);
}

std::string Namer::place(std::string_view code) const {
  if (key_.empty() || code.empty()) return std::string(code);
  if (const auto v = c_.find(code)) return id(*v);
  return pseudonym(key_, code, NodeKind::country);
}

std::string Namer::role(std::string_view text) const {
  if (key_.empty() || text.empty()) return std::string(text);
  return text_pseudonym(key_, "role", "Role", text);
}

std::string Namer::source_ref(std::string_view ref) const {
  if (key_.empty() || ref.empty()) return std::string(ref);
  return text_pseudonym(key_, "source_ref", "R", ref);
}

std::string Namer::file(std::string_view path) const {
  if (key_.empty() || path.empty()) return printable_utf8(path);
  namespace fs = std::filesystem;
  const fs::path p{std::string(path)};
  const std::string name = p.filename().string();
  for (const char* standard : {"nodes.csv", "edges.csv", "seeds.csv", "relations.csv"})
    if (name == standard) return text_pseudonym(key_, "path", "F", p.parent_path().string()) + "/" + name;
  std::string ext = p.extension().string();
  const bool plain = ext.size() <= 9 && std::all_of(ext.begin() + (ext.empty() ? 0 : 1), ext.end(), [](char ch) {
                       return (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') || (ch >= '0' && ch <= '9');
                     });
  return text_pseudonym(key_, "path", "F", path) + (plain ? ext : std::string());
}

std::string Namer::path(const EvidencePath& p) const {
  return path_text(c_, p, [this](NodeId v) { return id(v); });
}

}  // namespace corridor::detail
