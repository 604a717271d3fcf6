// A snapshot rewritten in place while it loads (a copy or a sync tool writing over it): the
// loader once mapped the file and died with SIGBUS (150 of 1034 runs), no message. Now every load
// either returns one of the two cases whole or throws a corridor::Error naming the file.
#include <catch2/catch.hpp>

#include <fcntl.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <string>
#include <thread>

#include "corridor/corridor.hpp"
#include "support/files.hpp"

using namespace corridor;
using namespace corridor::test;

namespace {

// Rewrites `file` in place (truncate, then write in small pieces), as cp does, not by rename.
void rewrite_in_place(const fs::path& file, const std::string& bytes) {
  const int fd = ::open(file.c_str(), O_WRONLY | O_TRUNC | O_CLOEXEC);
  if (fd < 0) return;
  for (std::size_t at = 0; at < bytes.size();) {
    const auto n = ::write(fd, bytes.data() + at, std::min<std::size_t>(4096, bytes.size() - at));
    if (n <= 0) break;
    at += static_cast<std::size_t>(n);
  }
  ::close(fd);
}

}  // namespace

TEST_CASE("a snapshot rewritten in place while it loads is a clear error or a whole case, never a crash",
          "[safety][snapshot]") {
  TempDir t("corridor-snap-race");
  GenerateParams pa, pb;
  pa.preset = pb.preset = "small";
  pa.seed = 1;
  pb.seed = 2;
  const Case a = generate_case(pa).c, b = generate_case(pb).c;
  const std::string bytes_a = snapshot_bytes(a), bytes_b = snapshot_bytes(b);
  REQUIRE(bytes_a != bytes_b);
  const fs::path file = t.path / "live.corridor";
  put(file, bytes_a);

  std::atomic<bool> stop{false};
  std::thread writer([&] {
    // A pause between rewrites, so that some loads find the file whole and some torn.
    for (unsigned i = 0; !stop.load(); ++i) {
      rewrite_in_place(file, i % 2 ? bytes_b : bytes_a);
      std::this_thread::sleep_for(std::chrono::microseconds(300));
    }
  });
  int whole = 0, refused = 0, other = 0;
  for (int i = 0; i < 150; ++i) {
    try {
      const Case c = load_snapshot(file);
      // A load that passes every check is one of the two cases, never a mixture.
      if (c == a || c == b) ++whole;
      else ++other;
    } catch (const Error& e) {
      const std::string what = e.what();
      if (what.find("live.corridor") != std::string::npos) ++refused;
      else ++other;
    }
  }
  stop = true;
  writer.join();
  INFO("whole " << whole << ", refused " << refused);
  CHECK(other == 0);
  CHECK(whole + refused == 150);
  // Once the writer has stopped the file is whole again and loads.
  rewrite_in_place(file, bytes_b);
  CHECK(load_snapshot(file) == b);
}
