// corridor/error.hpp: the one exception hierarchy of corridor.
//
// Every error the library throws derives from corridor::Error, so a caller (the command, the
// Python module) can catch one type and print one line. The subclasses exist only where a caller
// may want to react differently: bad case data, a bad parameter, an algorithm that did not
// converge, a failing file system.
//
//   try { auto c = corridor::read_case("cases/sample"); }
//   catch (const corridor::InputError& e) { for (auto& d : e.problems()) std::cerr << d.to_string() << '\n'; }
//   catch (const corridor::Error& e) { std::cerr << e.what() << '\n'; }
#pragma once

#include <cstddef>
#include <stdexcept>
#include <string>
#include <vector>

namespace corridor {

/// Base of every exception corridor throws. what() is a complete sentence that tells the user
/// what to fix.
class Error : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

/// One problem found in input data: where it is and what is wrong.
struct Diagnostic {
  enum class Severity { error, warning };
  Severity severity = Severity::error;
  std::string file;      ///< file name as given by the user (may be empty for in-memory data)
  std::size_t line = 0;  ///< 1-based physical line of the record's start; 0 when not applicable
  std::string field;     ///< column or field name; empty when the problem is the whole record
  std::string message;   ///< what is wrong and what to do

  /// "edges.csv:1043: target: \"P99\" is not in nodes.csv" (warnings prefixed "warning: ").
  std::string to_string() const;
};

/// Bad input data (case files, GraphML, snapshots, seed lists). Carries every problem found, up
/// to the reader's cap; what() is the first problem plus a count of the others.
class InputError : public Error {
 public:
  explicit InputError(std::vector<Diagnostic> problems);
  InputError(std::string file, std::size_t line, std::string field, std::string message);
  const std::vector<Diagnostic>& problems() const noexcept { return problems_; }

 private:
  std::vector<Diagnostic> problems_;
};

/// A parameter outside its valid range, or an option that does not apply. The message names the
/// parameter and its valid range.
class ParamError : public Error {
 public:
  using Error::Error;
};

/// An iterative method that did not converge within its limits. corridor's own algorithms do not
/// throw it: they return their last iterate with converged = false (see
/// corridor/centrality/result.hpp). It is here for callers that treat non-convergence as an
/// error: `if (!r.converged) throw corridor::ConvergenceError("...")`.
class ConvergenceError : public Error {
 public:
  using Error::Error;
};

/// The file system refused: a file that cannot be opened, read or written, a full disk.
class IoError : public Error {
 public:
  using Error::Error;
};

/// Thrown for "cannot happen" conditions; reaching one is a bug in corridor.
class InternalError : public Error {
 public:
  using Error::Error;
};

}  // namespace corridor

/// Checks an internal invariant in every build type; throws corridor::InternalError when broken.
#define CORRIDOR_ASSERT(cond)                                                                  \
  do {                                                                                         \
    if (!(cond))                                                                               \
      throw ::corridor::InternalError(std::string("internal error: ") + #cond + " failed at " + \
                                      __FILE__ + ":" + std::to_string(__LINE__));              \
  } while (0)
