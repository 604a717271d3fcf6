// The compiled part of the Python module corridor (corridor._core).
#include "bindings.hpp"

PYBIND11_MODULE(_core, m) {
  m.doc() = "corridor: link analysis of human-smuggling networks (compiled core).\n"
            "Scores and rankings are investigative leads, never findings.";
  // Every corridor::Error (and subclass) arrives in Python as corridor.Error with the same message.
  pybind11::register_exception<corridor::Error>(m, "Error");
  m.attr("__version__") = std::string(corridor::version());
  corridor::py::bind_case(m);
  corridor::py::bind_algorithms(m);
}
