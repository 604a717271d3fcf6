#include "corridor/spec/table.hpp"

#include <cctype>
#include <charconv>
#include <cmath>
#include <ostream>
#include <sstream>

#include "corridor/error.hpp"
#include "corridor/io/csv.hpp"
#include "corridor/io/file.hpp"
#include "src_util.hpp"

namespace corridor {

// ---- columns ---------------------------------------------------------------------------------

std::size_t TableColumn::size() const noexcept {
  switch (type) {
    case CellType::text: return text.size();
    case CellType::integer: return integer.size();
    case CellType::real: return real.size();
    case CellType::boolean: return boolean.size();
  }
  return 0;
}

bool TableColumn::empty_at(std::size_t row) const {
  switch (type) {
    case CellType::text: return text[row].empty();
    case CellType::integer: return integer[row] == kNoInteger;
    case CellType::real: return !std::isfinite(real[row]);
    case CellType::boolean: return boolean[row] > 1;
  }
  return true;
}

std::string TableColumn::cell(std::size_t row) const {
  if (empty_at(row)) return {};
  switch (type) {
    case CellType::text: return std::string(text[row]);
    case CellType::integer: return std::to_string(integer[row]);
    case CellType::real: return detail::format_double(real[row]);
    case CellType::boolean: return boolean[row] ? "true" : "false";
  }
  return {};
}

// ---- tables ----------------------------------------------------------------------------------

int Table::find(std::string_view name) const noexcept {
  for (std::size_t i = 0; i < columns_.size(); ++i)
    if (columns_[i].name == name) return static_cast<int>(i);
  return -1;
}

const TableColumn& Table::column(std::string_view name) const {
  const int i = find(name);
  if (i < 0) {
    std::string names;
    for (const auto& c : columns_) names += (names.empty() ? "" : ", ") + c.name;
    throw ParamError("the table has no column " + detail::quoted(name) + "; its columns: " + names);
  }
  return columns_[static_cast<std::size_t>(i)];
}

std::vector<std::string> Table::header() const {
  std::vector<std::string> out;
  for (const auto& c : columns_) out.push_back(c.name);
  return out;
}

Table& Table::add(TableColumn col) {
  CORRIDOR_ASSERT(find(col.name) < 0);
  CORRIDOR_ASSERT(columns_.empty() || col.size() == rows_);
  rows_ = col.size();
  columns_.push_back(std::move(col));
  return *this;
}

Table& Table::add_text(std::string name, StringColumn values) {
  TableColumn c;
  c.name = std::move(name);
  c.type = CellType::text;
  c.text = std::move(values);
  return add(std::move(c));
}

Table& Table::add_text(std::string name, const std::vector<std::string>& values) {
  return add_text(std::move(name), StringColumn(values));
}

Table& Table::add_integer(std::string name, std::vector<std::int64_t> values) {
  TableColumn c;
  c.name = std::move(name);
  c.type = CellType::integer;
  c.integer = std::move(values);
  return add(std::move(c));
}

Table& Table::add_real(std::string name, std::vector<double> values) {
  TableColumn c;
  c.name = std::move(name);
  c.type = CellType::real;
  c.real = std::move(values);
  return add(std::move(c));
}

Table& Table::add_boolean(std::string name, std::vector<std::uint8_t> values) {
  TableColumn c;
  c.name = std::move(name);
  c.type = CellType::boolean;
  c.boolean = std::move(values);
  return add(std::move(c));
}

// ---- node columns ----------------------------------------------------------------------------

Table node_table(const Case& c, std::span<const NodeId> nodes, const NodeNamer& names) {
  StringColumn ids, kinds, labels;
  ids.reserve(nodes.size(), nodes.size() * 8);
  kinds.reserve(nodes.size(), nodes.size() * 8);
  for (NodeId v : nodes) {
    if (names.id) ids.push_back(names.id(v));
    else ids.push_back(c.node_id(v));
    kinds.push_back(to_string(c.kind(v)));
    if (names.label) labels.push_back(names.label(v));
    else labels.push_back(c.label(v));
  }
  Table t;
  t.add_text(std::string(column::id), std::move(ids));
  t.add_text(std::string(column::kind), std::move(kinds));
  t.add_text(std::string(column::label), std::move(labels));
  return t;
}

Table node_table(const Case& c, const NodeNamer& names) {
  std::vector<NodeId> all(c.num_nodes());
  for (NodeId v = 0; v < all.size(); ++v) all[v] = v;
  return node_table(c, all, names);
}

std::vector<double> per_node(const View& view, std::span<const double> per_vertex) {
  CORRIDOR_ASSERT(per_vertex.size() == view.node_of.size());
  std::vector<double> out(view.vertex_of.size(), std::nan(""));
  for (std::size_t x = 0; x < per_vertex.size(); ++x) out[view.node_of[x]] = per_vertex[x];
  return out;
}

std::vector<std::int64_t> per_node(const View& view, std::span<const std::int64_t> per_vertex) {
  CORRIDOR_ASSERT(per_vertex.size() == view.node_of.size());
  std::vector<std::int64_t> out(view.vertex_of.size(), kNoInteger);
  for (std::size_t x = 0; x < per_vertex.size(); ++x) out[view.node_of[x]] = per_vertex[x];
  return out;
}

// ---- CSV -------------------------------------------------------------------------------------

namespace {

// A plain decimal number, as a spreadsheet would read it: optional sign, digits, optional
// fraction and exponent. Such a cell is data, never a formula.
bool plain_number(std::string_view s) {
  if (s.empty()) return false;
  std::string_view body = s;
  if (body.front() == '-' || body.front() == '+') body.remove_prefix(1);
  if (body.empty() || !(std::isdigit(static_cast<unsigned char>(body.front())) || body.front() == '.')) return false;
  double v = 0;
  const auto [p, ec] = std::from_chars(body.data(), body.data() + body.size(), v, std::chars_format::general);
  return ec == std::errc() && p == body.data() + body.size();
}

void append_cell(std::string& out, const TableColumn& col, std::size_t row) {
  if (col.empty_at(row)) return;
  switch (col.type) {
    case CellType::text: {
      const std::string_view s = col.text[row];
      const char first = s.front();
      if (first == '=' || first == '+' || first == '-' || first == '@' || first == '\t' || first == '\r')
        append_csv_field(out, neutralize_formula(s));
      else
        append_csv_field(out, s);
      return;
    }
    case CellType::integer: out += std::to_string(col.integer[row]); return;
    case CellType::real: out += detail::format_double(col.real[row]); return;
    case CellType::boolean: out += col.boolean[row] ? "true" : "false"; return;
  }
}

}  // namespace

std::string neutralize_formula(std::string_view text) {
  if (text.empty()) return {};
  const char first = text.front();
  const bool risky = first == '=' || first == '+' || first == '-' || first == '@' || first == '\t' || first == '\r';
  if (!risky || plain_number(text)) return std::string(text);
  std::string out = "'";
  out += text;
  return out;
}

void write_csv(const Table& t, std::ostream& out) {
  BlockWriter w(out);
  std::string& b = w.text();
  const auto& cols = t.columns();
  for (std::size_t j = 0; j < cols.size(); ++j) {
    if (j) b += ',';
    append_csv_field(b, neutralize_formula(cols[j].name));
  }
  b += '\n';
  for (std::size_t i = 0; i < t.num_rows(); ++i) {
    for (std::size_t j = 0; j < cols.size(); ++j) {
      if (j) b += ',';
      append_cell(b, cols[j], i);
    }
    b += '\n';
    w.maybe_flush();
  }
  w.finish("a CSV table");
}

std::string to_csv(const Table& t) {
  std::ostringstream out;
  write_csv(t, out);
  return std::move(out).str();
}

void write_csv(const Table& t, const std::filesystem::path& file) {
  write_file_atomically(file, [&](std::ostream& out) { write_csv(t, out); });
}

}  // namespace corridor
