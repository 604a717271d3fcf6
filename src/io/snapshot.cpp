// Placeholder until the snapshot format lands; keeps the io module linkable.
#include "corridor/io/snapshot.hpp"

#include "corridor/error.hpp"

namespace corridor {
void save_snapshot(const Case&, const std::filesystem::path&) { throw Error("snapshots are not implemented yet"); }
Case load_snapshot(const std::filesystem::path&) { throw Error("snapshots are not implemented yet"); }
std::string snapshot_bytes(const Case&) { throw Error("snapshots are not implemented yet"); }
Case snapshot_from_bytes(std::string_view, const std::string&) { throw Error("snapshots are not implemented yet"); }
}  // namespace corridor
