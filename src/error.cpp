#include "corridor/error.hpp"

#include <fmt/core.h>

namespace corridor {

std::string Diagnostic::to_string() const {
  std::string where;
  if (!file.empty())
    where = line > 0 ? fmt::format("{}:{}: ", file, line) : fmt::format("{}: ", file);
  else if (line > 0)
    where = fmt::format("line {}: ", line);
  return fmt::format("{}{}{}{}{}", severity == Severity::warning ? "warning: " : "", where, field,
                     field.empty() ? "" : ": ", message);
}

namespace {
std::string summarize(const std::vector<Diagnostic>& problems) {
  if (problems.empty()) return "invalid input";
  std::string s = problems.front().to_string();
  std::size_t errors = 0;
  for (const auto& d : problems) errors += d.severity == Diagnostic::Severity::error;
  if (errors > 1) s += " (and " + std::to_string(errors - 1) + " more problems)";
  return s;
}
}  // namespace

InputError::InputError(std::vector<Diagnostic> problems)
    : Error(summarize(problems)), problems_(std::move(problems)) {}

InputError::InputError(std::string file, std::size_t line, std::string field, std::string message)
    : InputError(std::vector<Diagnostic>{
          Diagnostic{Diagnostic::Severity::error, std::move(file), line, std::move(field), std::move(message)}}) {}

}  // namespace corridor
