// Fuzzes GraphML import from memory with small limits; a case that reads must survive a
// snapshot round trip, and GraphML export then import must give an equal case.
#include <cstddef>
#include <cstdint>
#include <sstream>
#include <string_view>

#include "corridor/error.hpp"
#include "corridor/io/graphml.hpp"
#include "corridor/io/snapshot.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace corridor;
  const std::string_view xml(reinterpret_cast<const char*>(data), size);
  ReadOptions opts;
  opts.max_problems = 5;
  opts.max_record_bytes = 2048;
  opts.max_columns = 32;
  try {
    Case c = read_graphml_string(xml, "fuzz.graphml", opts);
    if (!(snapshot_from_bytes(snapshot_bytes(c)) == c)) __builtin_trap();
    std::ostringstream out;
    write_graphml(c, out);
    Case back = read_graphml_string(out.str(), "roundtrip.graphml");
    if (!(back == c)) __builtin_trap();
  } catch (const InputError& e) {
    if (e.problems().empty()) __builtin_trap();
  }
  return 0;
}
