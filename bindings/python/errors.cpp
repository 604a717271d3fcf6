// corridor.Error and its problems, and corridor.validate(): the Python face of the library's
// error contract. Every corridor::Error arrives as corridor.Error with the same message; an
// InputError also carries its problems (file, line, field, message), all of them, not just the
// few the message names.
#include <string>

#include "bindings.hpp"
#include "corridor/io/formats.hpp"

namespace corridor::py {

namespace {

pyb::list problem_list(const std::vector<Diagnostic>& problems) {
  pyb::list out;
  for (const auto& d : problems) out.append(pyb::cast(d));
  return out;
}

}  // namespace

void bind_errors(pyb::module_& m) {
  pyb::class_<Diagnostic>(m, "Problem",
                          "One problem found in input data: file, line (1-based; 0 when not applicable), field "
                          "(column or key; '' for the whole record), message, and severity ('error' or 'warning'). "
                          "Unpacks as (file, line, field, message).")
      .def_readonly("file", &Diagnostic::file)
      .def_readonly("line", &Diagnostic::line)
      .def_readonly("field", &Diagnostic::field)
      .def_readonly("message", &Diagnostic::message)
      .def_property_readonly("severity", [](const Diagnostic& d) {
        return d.severity == Diagnostic::Severity::error ? "error" : "warning";
      })
      .def("__iter__", [](const Diagnostic& d) {
        return pyb::iter(pyb::make_tuple(d.file, d.line, d.field, d.message));
      })
      .def("__str__", &Diagnostic::to_string)
      .def("__repr__", [](const Diagnostic& d) { return "<corridor.Problem " + d.to_string() + ">"; });

  // corridor.Error: a plain Exception subclass whose instances carry `problems` (a list of
  // Problem; empty for errors that are not about input data).
  static pyb::exception<Error> error_type(m, "Error");
  error_type.attr("problems") = pyb::list();
  error_type.attr("__doc__") =
      "Every error corridor raises. str(e) is the first problem and a count of the others; e.problems lists "
      "every problem found (corridor.Problem: file, line, field, message) for bad input data.";
  pyb::register_exception_translator([](std::exception_ptr p) {
    try {
      if (p) std::rethrow_exception(p);
    } catch (const InputError& e) {
      pyb::object instance = pyb::reinterpret_borrow<pyb::object>(error_type.ptr())(e.what());
      instance.attr("problems") = problem_list(e.problems());
      PyErr_SetObject(error_type.ptr(), instance.ptr());
    } catch (const Error& e) {
      pyb::object instance = pyb::reinterpret_borrow<pyb::object>(error_type.ptr())(e.what());
      instance.attr("problems") = pyb::list();
      PyErr_SetObject(error_type.ptr(), instance.ptr());
    }
  });

  m.def("validate",
        [](const std::string& path, std::size_t max_problems, bool normalize_ids) {
          ReadOptions options;
          options.max_problems = max_problems;
          options.normalize_ids = normalize_ids;
          std::vector<Diagnostic> problems;
          {
            pyb::gil_scoped_release release;
            problems = validate_input(path, options);
          }
          return problem_list(problems);
        },
        pyb::arg("path"), pyb::arg("max_problems") = ReadOptions{}.max_problems, pyb::arg("normalize_ids") = false,
        "Check a case (folder, .corridor or .graphml) as `corridor validate` does and return every problem as a "
        "list of corridor.Problem, errors first, then warnings; an empty list means the case is clean. Raises "
        "corridor.Error only when the path cannot be read at all.");
}

}  // namespace corridor::py
