// Shared pieces of the Python module: one bind_* function per library module, the view
// keywords every analysis takes, and helpers that turn per-vertex results of a view into numpy
// arrays aligned with the case's nodes. The bindings translate Python arguments into the
// library's specs (corridor/spec) and results into arrays; they decide nothing themselves.
#pragma once

#include <pybind11/numpy.h>
#include <pybind11/pybind11.h>
#include <pybind11/stl.h>

#include <cmath>
#include <optional>
#include <string>
#include <vector>

#include "corridor/corridor.hpp"

namespace corridor::py {

namespace pyb = pybind11;

void bind_errors(pyb::module_& m);      // errors.cpp: corridor.Error, Problem, validate
void bind_case(pyb::module_& m);        // case.cpp: Case, CaseBuilder, load
void bind_centrality(pyb::module_& m);  // centrality.cpp
void bind_community(pyb::module_& m);   // community.cpp
void bind_algorithms(pyb::module_& m);  // algorithms.cpp: propagation, evaluation, generation

/// The view keywords of every analysis (kinds, relations, time_from, time_to, weighted,
/// directed, include_context), as the library's ViewSpec.
struct ViewArgs {
  std::optional<std::vector<std::string>> kinds, relations;
  std::string time_from, time_to;
  bool weighted = false, directed = false, include_context = false;

  ViewSpec spec() const {
    auto join = [](const std::optional<std::vector<std::string>>& items) {
      std::string s;
      if (items)
        for (const auto& i : *items) s += (s.empty() ? "" : ",") + i;
      return s;
    };
    return ViewSpec{join(kinds), join(relations), time_from, time_to, weighted, directed, include_context};
  }
  View make(const Case& c) const { return make_view(c, resolve_view(c, spec())); }
};

/// The pybind11 arguments of ViewArgs, in order, with their defaults.
#define CORRIDOR_VIEW_ARGS                                                                     \
  pyb::arg("kinds") = pyb::none(), pyb::arg("relations") = pyb::none(), pyb::arg("time_from") = "", \
  pyb::arg("time_to") = "", pyb::arg("weighted") = false, pyb::arg("directed") = false,             \
  pyb::arg("include_context") = false

/// Appended to the docstring of every function that takes the view keywords.
inline constexpr const char* kViewDoc =
    "\n\nView keywords: kinds (list of node kinds; default all but country and location), relations "
    "(list; default all), time_from / time_to (ISO 8601 dates), weighted (ties weigh weight x confidence), "
    "directed (follow relation direction), include_context (keep countries and locations).";

/// Per-vertex values of a view -> float array over all case nodes (NaN where left out).
inline pyb::array_t<double> to_case_array(const Case& c, const View& v, const std::vector<double>& values) {
  pyb::array_t<double> out(static_cast<pyb::ssize_t>(c.num_nodes()));
  auto a = out.mutable_unchecked<1>();
  for (NodeId i = 0; i < c.num_nodes(); ++i) a(i) = std::nan("");
  for (vertex_t x = 0; x < v.node_of.size(); ++x) a(v.node_of[x]) = values[x];
  return out;
}

/// Per-vertex labels of a view -> int64 array over all case nodes (-1 where left out).
inline pyb::array_t<std::int64_t> to_case_labels(const Case& c, const View& v, const std::vector<std::int64_t>& values) {
  pyb::array_t<std::int64_t> out(static_cast<pyb::ssize_t>(c.num_nodes()));
  auto a = out.mutable_unchecked<1>();
  for (NodeId i = 0; i < c.num_nodes(); ++i) a(i) = -1;
  for (vertex_t x = 0; x < v.node_of.size(); ++x) a(v.node_of[x]) = values[x];
  return out;
}

/// The ids of case nodes.
inline std::vector<std::string> ids_of(const Case& c, const std::vector<NodeId>& nodes) {
  std::vector<std::string> out;
  out.reserve(nodes.size());
  for (NodeId v : nodes) out.emplace_back(c.node_id(v));
  return out;
}

/// A table's columns as a dict: text -> list of str, real -> float array (NaN = empty), integer ->
/// int64 array (-1 = empty), boolean -> bool array (False = empty).
inline pyb::dict table_columns(const Table& t) {
  pyb::dict d;
  const auto n = static_cast<pyb::ssize_t>(t.num_rows());
  for (const auto& col : t.columns()) {
    switch (col.type) {
      case CellType::text: {
        std::vector<std::string> values;
        for (std::size_t i = 0; i < col.text.size(); ++i) values.emplace_back(col.text[i]);
        d[pyb::str(col.name)] = values;
        break;
      }
      case CellType::real: d[pyb::str(col.name)] = pyb::array_t<double>(n, col.real.data()); break;
      case CellType::integer: {
        pyb::array_t<std::int64_t> a(n);
        auto w = a.mutable_unchecked<1>();
        for (pyb::ssize_t i = 0; i < n; ++i) w(i) = col.integer[i] == kNoInteger ? -1 : col.integer[i];
        d[pyb::str(col.name)] = a;
        break;
      }
      case CellType::boolean: {
        pyb::array_t<bool> a(n);
        auto w = a.mutable_unchecked<1>();
        for (pyb::ssize_t i = 0; i < n; ++i) w(i) = col.boolean[i] == 1;
        d[pyb::str(col.name)] = a;
        break;
      }
    }
  }
  return d;
}

/// Issues each note as a Python UserWarning (what the command prints on stderr).
inline void warn_notes(const std::vector<std::string>& notes) {
  if (notes.empty()) return;
  auto warn = pyb::module_::import("warnings").attr("warn");
  for (const auto& n : notes) warn(n);
}

}  // namespace corridor::py
