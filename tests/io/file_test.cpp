// io/file: whole-file reads, atomic writes, the one buffered writer and the one SHA-256.
#include <catch2/catch.hpp>

#include <sys/stat.h>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

#include "corridor/error.hpp"
#include "corridor/io/file.hpp"
#include "support/files.hpp"

using namespace corridor;
using namespace corridor::test;
namespace fs = std::filesystem;

TEST_CASE("SHA-256 matches the published test vectors, in one piece or in many") {
  // FIPS 180-2 appendix B.1, B.2 and B.3
  CHECK(sha256_hex("abc") == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  CHECK(sha256_hex("") == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
  CHECK(sha256_hex("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq") ==
        "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1");
  Sha256 h;
  const std::string block(1000, 'a');
  for (int i = 0; i < 1000; ++i) h.update(block);  // one million 'a'
  CHECK(to_hex(h.finish()) == "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0");
  CHECK_THROWS_AS(h.finish(), InternalError);  // spent
}

TEST_CASE("sha256_file: streams a file; refuses missing files and devices without hanging") {
  TempDir t;
  put(t.path / "abc.txt", "abc");
  CHECK(sha256_file(t.path / "abc.txt") == sha256_hex("abc"));
  std::string big(3 * 65536 + 17, '\0');  // more than one read block
  for (std::size_t i = 0; i < big.size(); ++i) big[i] = static_cast<char>(i * 7919 % 251);
  put(t.path / "big.bin", big);
  CHECK(sha256_file(t.path / "big.bin") == sha256_hex(big));
  CHECK_THROWS_AS(sha256_file(t.path / "missing.txt"), IoError);
  CHECK_THROWS_WITH(sha256_file(t.path), Catch::Contains("not a regular file"));
  if (fs::exists("/dev/zero")) CHECK_THROWS_WITH(sha256_file("/dev/zero"), Catch::Contains("not a regular file"));
}

TEST_CASE("read_file: whole files, and clear errors for what is not a file") {
  TempDir t;
  put(t.path / "a.csv", "id,kind\nS1,smuggler\n");
  CHECK(read_file(t.path / "a.csv") == "id,kind\nS1,smuggler\n");
  put(t.path / "empty.csv", "");
  CHECK(read_file(t.path / "empty.csv").empty());
  CHECK_THROWS_WITH(read_file(t.path / "missing.csv"),
                    Catch::Contains("missing.csv") && Catch::Contains("No such file or directory"));
  CHECK_THROWS_WITH(read_file(t.path), Catch::Contains("not a regular file"));
}

TEST_CASE("BlockWriter: hands the stream whole blocks, and everything by finish()") {
  std::ostringstream out;
  BlockWriter w(out, 100);
  for (int i = 0; i < 30; ++i) {
    w.text() += "0123456789";
    w.maybe_flush();
    // Nothing reaches the stream before a block is full; then all of it does.
    CHECK(out.str().size() == static_cast<std::size_t>(((i + 1) / 10) * 100));
  }
  w.put("tail\n");
  w.finish("test table");
  CHECK(out.str().size() == 305);
  CHECK(out.str().substr(300) == "tail\n");
}

TEST_CASE("BlockWriter: a failed stream is an IoError naming what was written") {
  std::ostringstream out;
  out.setstate(std::ios::badbit);
  BlockWriter w(out);
  w.text() += "x";
  CHECK_THROWS_WITH(w.finish("scores table"), Catch::Contains("writing scores table failed"));
}

TEST_CASE("BlockWriter: the destructor still flushes what finish() was not called for") {
  std::ostringstream out;
  {
    BlockWriter w(out);
    w.text() += "a,b\n";
  }
  CHECK(out.str() == "a,b\n");
}

TEST_CASE("write_file_atomically: replaces the file, or leaves it untouched on failure") {
  TempDir t;
  const fs::path target = t.path / "out.csv";
  write_file_atomically(target, [](std::ostream& out) { out << "first\n"; });
  CHECK(slurp(target) == "first\n");
  write_file_atomically(target, [](std::ostream& out) { out << "second\n"; });
  CHECK(slurp(target) == "second\n");
  CHECK_THROWS_WITH(write_file_atomically(target,
                                          [](std::ostream& out) {
                                            out << std::string(1 << 20, 'x');  // more than the buffer
                                            throw std::runtime_error("writer failed");
                                          }),
                    "writer failed");
  CHECK(slurp(target) == "second\n");
  std::size_t files = 0;
  for (const auto& e : fs::directory_iterator(t.path)) {
    (void)e;
    ++files;
  }
  CHECK(files == 1);  // no temporary left behind
  CHECK_THROWS_AS(write_file_atomically(t.path / "no_such_dir" / "x.csv", [](std::ostream& out) { out << "x"; }),
                  IoError);
  CHECK_THROWS_WITH(write_file_atomically(t.path, [](std::ostream& out) { out << "x"; }),
                    Catch::Contains("it is a folder"));
}

TEST_CASE("write_file_atomically: a full device is an IoError naming the file and the reason") {
  if (!fs::exists("/dev/full")) {
    WARN("skipped: /dev/full is absent");
    return;
  }
  CHECK_THROWS_WITH(write_file_atomically("/dev/full", [](std::ostream& out) { out << std::string(200000, 'x'); }),
                    Catch::Contains("/dev/full") && Catch::Contains("No space left on device"));
  CHECK(fs::is_character_file("/dev/full"));  // still the device, never renamed over
}

TEST_CASE("write_file_atomically: a read-only folder is an IoError") {
  TempDir t;
  const fs::path dir = t.path / "ro";
  fs::create_directories(dir);
  fs::permissions(dir, fs::perms::owner_read | fs::perms::owner_exec, fs::perm_options::replace);
  {
    std::ofstream probe(dir / "probe");
    if (probe) {
      WARN("skipped: this user can write into read-only folders (root)");
      return;
    }
  }
  CHECK_THROWS_WITH(write_file_atomically(dir / "x.csv", [](std::ostream& out) { out << "x"; }),
                    Catch::Contains("x.csv") && Catch::Contains("Permission denied"));
}

TEST_CASE("write_file_atomically: a BlockWriter's failure on a full device still names the OS reason") {
  if (!fs::exists("/dev/full")) {
    WARN("skipped: /dev/full is absent");
    return;
  }
  CHECK_THROWS_WITH(write_file_atomically("/dev/full",
                                          [](std::ostream& out) {
                                            BlockWriter w(out, 1000);
                                            for (int i = 0; i < 1000; ++i) {
                                              w.text() += std::string(100, 'x');
                                              w.maybe_flush();
                                            }
                                            w.finish("the table");
                                          }),
                    Catch::Contains("/dev/full") && Catch::Contains("No space left on device"));
}
