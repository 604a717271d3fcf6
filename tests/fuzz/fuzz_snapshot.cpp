// Fuzzes snapshot loading. The first byte picks the mode: even = the input is a whole file
// (header checks), odd = the rest is a payload that gets a valid header and checksum, so the
// fuzzer reaches the archive and the invariant checks as a deliberate forger would.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "corridor/error.hpp"
#include "corridor/io/snapshot.hpp"
#include "io/snapshot_impl.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace corridor;
  if (size == 0) return 0;
  const std::string_view rest(reinterpret_cast<const char*>(data) + 1, size - 1);
  const std::string bytes = (data[0] & 1) ? detail::seal_snapshot(rest) : std::string(rest);
  try {
    Case c = snapshot_from_bytes(bytes, "fuzz.corridor");
    // Whatever loads is a consistent case: walking it stays in range, saving it is stable.
    std::size_t sum = 0;
    for (NodeId v = 0; v < c.num_nodes(); ++v) {
      if (c.find(c.node_id(v)) != v) __builtin_trap();
      for (EvidenceId e : c.out_evidence(v))
        if (c.source(e) != v) __builtin_trap();
      sum += c.label(v).size();
    }
    for (EvidenceId e = 0; e < c.num_evidence(); ++e) {
      if (c.source(e) >= c.num_nodes() || c.target(e) >= c.num_nodes()) __builtin_trap();
      sum += c.relation_name(e).size() + c.source_ref(e).size();
    }
    for (const auto& s : c.seeds())
      if (s.node >= c.num_nodes()) __builtin_trap();
    if (!(snapshot_from_bytes(snapshot_bytes(c)) == c)) __builtin_trap();
    (void)sum;
  } catch (const InputError& e) {
    if (e.problems().empty()) __builtin_trap();
  }
  return 0;
}
