// Fuzzes the case folder readers: the input is split into relations.csv, nodes.csv, edges.csv
// and seeds.csv (parts separated by a line "@@@"; a part "-" leaves that file out). A case that
// reads must survive CSV and snapshot round trips unchanged; validate_case must agree with
// read_case on whether there are errors; read_seeds runs on the seeds part against the case.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "corridor/error.hpp"
#include "corridor/io/case_io.hpp"
#include "corridor/io/snapshot.hpp"
#include "fuzz/fuzz_util.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace corridor;
  namespace fs = std::filesystem;
  const std::string_view input(reinterpret_cast<const char*>(data), size);
  const fs::path dir = fuzz::write_case_folder(input);
  ReadOptions opts;
  opts.max_problems = 5;
  opts.max_record_bytes = 4096;
  opts.max_columns = 64;

  bool read_ok = false;
  try {
    Case c = read_case(dir, opts);
    read_ok = true;
    // Round trips: CSV folder and snapshot give back an equal case.
    const fs::path copy = fuzz::scratch_dir() / "copy";
    write_case(c, copy);
    ReadOptions wide;  // what was written may be longer than the small limits above
    if (!(read_case(copy, wide) == c)) __builtin_trap();
    if (!(snapshot_from_bytes(snapshot_bytes(c)) == c)) __builtin_trap();
    if (fs::exists(dir / "seeds.csv")) {
      try {
        auto seeds = read_seeds(dir / "seeds.csv", c, opts);
        if (seeds.size() != c.seeds().size()) __builtin_trap();
      } catch (const InputError&) {
        __builtin_trap();  // the same file already read as part of the case
      }
    }
  } catch (const InputError& e) {
    if (e.problems().empty()) __builtin_trap();
  } catch (const IoError&) {
  }
  try {
    const auto problems = validate_case(dir, opts);
    bool has_error = false;
    for (const auto& d : problems) has_error |= d.severity == Diagnostic::Severity::error;
    if (has_error == read_ok) __builtin_trap();
  } catch (const IoError&) {
  }
  return 0;
}
