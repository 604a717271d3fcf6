// corridor/spec/table.hpp: result tables with one schema type and one CSV writer.
//
// Every table corridor writes for people to read in a spreadsheet (centrality, communities,
// key players, brokers, scores) is a Table: named, typed columns of equal length. The command,
// the report and Python build the same tables with the same functions (corridor/spec/
// centrality.hpp, community.hpp) and write them with write_csv(), so a column is named, ordered
// and formatted in one place:
//  - numbers in the shortest text that reads back to the same double ("0.1", not
//    "0.10000000000000001"); an empty cell for NaN or a missing value;
//  - booleans as true/false, integers in decimal;
//  - text quoted per RFC 4180 by the one escaper of corridor/io/csv.hpp (append_csv_field);
//  - text that a spreadsheet would run as a formula (starting with =, +, -, @, a tab or a carriage
//    return, per OWASP's CSV-injection guidance) prefixed with a single quote, so an id such as
//    "=HYPERLINK(...)" in a case file is shown, not executed. Numbers stay numbers: a number
//    column is never prefixed, and a text cell that is a plain number ("-3") is left alone.
// Case files (nodes.csv, edges.csv) are data, not reports: their writer keeps every value as it
// is, so a case reads back equal.
//
//   corridor::Table t = corridor::node_table(c);             // id, kind, label per case node
//   t.add_real("pagerank", corridor::per_node(view, pr.scores));
//   corridor::write_csv(t, std::cout);
#pragma once

#include <cstdint>
#include <filesystem>
#include <functional>
#include <iosfwd>
#include <limits>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "corridor/graph/view.hpp"
#include "corridor/model/case.hpp"
#include "corridor/model/string_column.hpp"

namespace corridor {

/// The standard column names of result tables, defined once. Measure columns are named by
/// to_string(Measure), brokerage role columns by to_string(BrokerageRole), hierarchy levels of a
/// community table "level_0", "level_1", ...
namespace column {
inline constexpr std::string_view id = "id";
inline constexpr std::string_view kind = "kind";
inline constexpr std::string_view label = "label";
inline constexpr std::string_view community = "community";
inline constexpr std::string_view rank = "rank";
inline constexpr std::string_view score = "score";
inline constexpr std::string_view top_seed = "top_seed";
inline constexpr std::string_view path = "path";
inline constexpr std::string_view marginal = "marginal";
inline constexpr std::string_view key_player = "key_player";
inline constexpr std::string_view articulation_point = "articulation_point";
inline constexpr std::string_view group = "group";
inline constexpr std::string_view constraint = "constraint";
inline constexpr std::string_view effective_size = "effective_size";
inline constexpr std::string_view source = "source";
inline constexpr std::string_view target = "target";
inline constexpr std::string_view bridge = "bridge";
}  // namespace column

/// The type of a column's cells; it decides how a cell is written (and that number cells are
/// never treated as formulas).
enum class CellType { text, integer, real, boolean };

/// An integer cell with no value.
inline constexpr std::int64_t kNoInteger = std::numeric_limits<std::int64_t>::min();
/// A boolean cell with no value (booleans are stored as 0, 1 or this).
inline constexpr std::uint8_t kNoBoolean = 2;

/// One named, typed column. Exactly one of the value vectors is used, by `type`.
struct TableColumn {
  std::string name;
  CellType type = CellType::text;
  StringColumn text;                  ///< CellType::text ("" = empty cell)
  std::vector<std::int64_t> integer;  ///< CellType::integer (kNoInteger = empty)
  std::vector<double> real;           ///< CellType::real (NaN or infinity = empty)
  std::vector<std::uint8_t> boolean;  ///< CellType::boolean (0, 1, kNoBoolean = empty)

  std::size_t size() const noexcept;
  bool empty_at(std::size_t row) const;
  /// The cell as written before CSV quoting: "0.25", "3", "true", the text; "" when empty.
  std::string cell(std::size_t row) const;
};

/// A result table: columns of equal length with distinct names.
class Table {
 public:
  Table() = default;

  std::size_t num_rows() const noexcept { return rows_; }
  std::size_t num_columns() const noexcept { return columns_.size(); }
  const std::vector<TableColumn>& columns() const noexcept { return columns_; }
  const TableColumn& column(std::size_t i) const { return columns_.at(i); }
  /// The column with this name; throws ParamError naming the table's columns when absent.
  const TableColumn& column(std::string_view name) const;
  /// Index of the column with this name, or -1.
  int find(std::string_view name) const noexcept;
  /// The column names, in order.
  std::vector<std::string> header() const;

  // Adding columns: the first column sets the number of rows; every later one must match it,
  // and names must be distinct (both throw InternalError otherwise: a table is built by code).
  Table& add_text(std::string name, StringColumn values);
  Table& add_text(std::string name, const std::vector<std::string>& values);
  Table& add_integer(std::string name, std::vector<std::int64_t> values);
  Table& add_real(std::string name, std::vector<double> values);
  Table& add_boolean(std::string name, std::vector<std::uint8_t> values);

 private:
  Table& add(TableColumn col);
  std::vector<TableColumn> columns_;
  std::size_t rows_ = 0;
};

/// How a table names nodes: by their ids and labels (the default), or through other names,
/// as a pseudonymised report does. An empty function means the case's own id or label.
struct NodeNamer {
  std::function<std::string(NodeId)> id;
  std::function<std::string(NodeId)> label;
};

/// A table with the columns id, kind and label, one row per case node in case order.
Table node_table(const Case& c, const NodeNamer& names = {});

/// A table with the columns id, kind and label for the listed nodes, in the order given.
Table node_table(const Case& c, std::span<const NodeId> nodes, const NodeNamer& names = {});

/// Per-vertex values of a view spread over all case nodes: NaN for nodes the view leaves out.
std::vector<double> per_node(const View& view, std::span<const double> per_vertex);
/// Per-vertex integers of a view spread over all case nodes: kNoInteger where left out.
std::vector<std::int64_t> per_node(const View& view, std::span<const std::int64_t> per_vertex);

/// `text` as a spreadsheet will show it and not run it: prefixed with a single quote when it
/// starts with =, +, -, @, a tab or a carriage return, unless the whole text is a plain decimal
/// number (which a spreadsheet reads as a number, not a formula). Otherwise unchanged.
std::string neutralize_formula(std::string_view text);

/// Writes the table as CSV: a header line, then one line per row, "\n" line ends, every cell
/// as TableColumn::cell(), text cells through neutralize_formula() and every field through
/// append_csv_field(). Throws IoError when the stream fails.
void write_csv(const Table& t, std::ostream& out);
/// The table as CSV text (see write_csv).
std::string to_csv(const Table& t);
/// Writes the table as CSV to a file, atomically (write_file_atomically). Throws IoError.
void write_csv(const Table& t, const std::filesystem::path& file);

}  // namespace corridor
