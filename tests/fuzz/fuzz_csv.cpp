// Fuzzes the CSV record reader and parse_csv with small limits, so the size and column limit
// paths are reached by short inputs too; checks that fields stay inside the buffer and that
// escaping round-trips what was read.
#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "corridor/error.hpp"
#include "corridor/io/csv.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace corridor;
  const std::string text(reinterpret_cast<const char*>(data), size);
  const CsvLimits limits{.max_record_bytes = 64 + (size % 3) * 512, .max_columns = 8 + (size % 5) * 16};
  {
    CsvReader r(text, limits);
    CsvRecord rec;
    std::size_t records = 0, last_line = 0;
    while (true) {
      const auto st = r.next(rec);
      if (st == CsvStatus::end) break;
      if (++records > size + 2) __builtin_trap();  // each call consumes input: no endless loop
      if (st == CsvStatus::error) {
        if (r.error().line == 0 || r.error().message.empty()) __builtin_trap();
        continue;
      }
      if (rec.line < last_line || rec.fields.empty() || rec.fields.size() > limits.max_columns) __builtin_trap();
      last_line = rec.line;
      const std::string_view all = r.text();
      // A blank first line (skipped by the reader) keeps a field that starts with a BOM from
      // being taken for the text's own BOM.
      std::string line = "\n";
      for (auto f : rec.fields) {
        if (!f.empty() && (f.data() < all.data() || f.data() + f.size() > all.data() + all.size())) __builtin_trap();
        append_csv_field(line, f);
        line += ',';
      }
      line.back() = '\n';
      // What was read, written back as CSV, reads back the same. (A record of one empty field
      // written back is a blank line, which readers skip: not comparable.)
      if (rec.fields.size() == 1 && rec.fields[0].empty()) continue;
      CsvReader again(line, CsvLimits{.max_record_bytes = line.size() + 1, .max_columns = rec.fields.size()});
      CsvRecord back;
      if (again.next(back) != CsvStatus::record || back.fields != rec.fields) __builtin_trap();
    }
  }
  try {
    auto rows = parse_csv(text, "fuzz.csv", limits);
    (void)rows;
  } catch (const InputError& e) {
    if (e.problems().empty()) __builtin_trap();
  }
  return 0;
}
