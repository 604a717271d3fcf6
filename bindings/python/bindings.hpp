// Shared pieces of the Python module: one bind_* function per library module, and helpers
// that turn per-vertex results of a view into numpy arrays aligned with the case's nodes.
#pragma once

#include <pybind11/numpy.h>
#include <pybind11/pybind11.h>
#include <pybind11/stl.h>

#include <cmath>
#include <vector>

#include "corridor/corridor.hpp"

namespace corridor::py {

namespace pyb = pybind11;

void bind_case(pyb::module_& m);
void bind_algorithms(pyb::module_& m);

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

}  // namespace corridor::py
