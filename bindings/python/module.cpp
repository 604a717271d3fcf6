// The compiled part of the Python module corridor (corridor._core).
#include "bindings.hpp"

PYBIND11_MODULE(_core, m) {
  m.doc() = "corridor: link analysis of human-smuggling networks (compiled core).\n"
            "Scores and rankings are investigative leads, never findings.";
  m.attr("__version__") = std::string(corridor::version());
  corridor::py::bind_errors(m);  // first: the other bindings' errors translate through it
  corridor::py::bind_case(m);
  corridor::py::bind_centrality(m);
  corridor::py::bind_community(m);
  corridor::py::bind_algorithms(m);
}
