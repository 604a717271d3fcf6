// Pseudonyms that hold: 128 bits of the HMAC, a collision check that fails loudly, and no
// identifying string (id, label, role, country code, note, source reference, free-text
// attribute, case path, seeds path, file name, output path, key) anywhere in any byte of any
// file a pseudonymized `corridor analyze` writes, however the page embeds its data.
#include <catch2/catch.hpp>

#include <algorithm>
#include <cctype>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "corridor/corridor.hpp"
#include "report/report_impl.hpp"
#include "support/cli.hpp"

using namespace corridor;
using namespace corridor::test;

namespace {

std::string lower(std::string s) {
  for (char& ch : s) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
  return s;
}

// Every run of 24 or more base64 characters decoded (data a page might embed as base64), so a
// search also sees what such a run holds.
std::string base64_runs_decoded(const std::string& text) {
  auto value = [](char ch) -> int {
    if (ch >= 'A' && ch <= 'Z') return ch - 'A';
    if (ch >= 'a' && ch <= 'z') return ch - 'a' + 26;
    if (ch >= '0' && ch <= '9') return ch - '0' + 52;
    if (ch == '+' || ch == '-') return 62;
    if (ch == '/' || ch == '_') return 63;
    return -1;
  };
  std::string out;
  std::size_t i = 0;
  while (i < text.size()) {
    std::size_t j = i;
    while (j < text.size() && value(text[j]) >= 0) ++j;
    if (j - i >= 24) {
      // decode from each of the 4 alignments: a run may start mid-quantum
      for (std::size_t shift = 0; shift < 4; ++shift) {
        unsigned acc = 0;
        int bits = 0;
        for (std::size_t k = i + shift; k < j; ++k) {
          acc = (acc << 6) | static_cast<unsigned>(value(text[k]));
          bits += 6;
          if (bits >= 8) {
            bits -= 8;
            out += static_cast<char>((acc >> bits) & 0xFF);
          }
        }
        out += '\n';
      }
    }
    i = j + 1;
  }
  return out;
}

// A synthetic case whose every identifying string is distinctive: ZZ<what><n>QX.
struct LeakCase {
  fs::path folder, seeds, out, snapshot;
  std::vector<std::string> secrets;  // every string that must not appear in a pseudonymized output
};

LeakCase make_leak_case(const fs::path& root) {
  LeakCase lc;
  lc.folder = root / "ZZCASEDIRQX";
  lc.seeds = root / "ZZSEEDDIRQX" / "ZZSEEDFILEQX.csv";
  lc.out = root / "ZZOUTDIRQX";
  lc.snapshot = root / "ZZSNAPDIRQX" / "ZZSNAPFILEQX.corridor";
  fs::create_directories(lc.folder);
  fs::create_directories(lc.seeds.parent_path());
  fs::create_directories(lc.snapshot.parent_path());
  lc.secrets = {"ZZCASEDIRQX", "ZZSEEDDIRQX", "ZZSEEDFILEQX", "ZZOUTDIRQX", "ZZSNAPDIRQX", "ZZSNAPFILEQX"};
  auto secret = [&](const std::string& what, int i) {
    const std::string s = "ZZ" + what + std::to_string(i) + "QX";
    lc.secrets.push_back(s);
    return s;
  };
  // 2 countries (nodes), 2 country codes that are no node, 1 organization, 6 smugglers, 2
  // persons, 12 migrants.
  std::string nodes = "id,kind,label,role,country,phone\n", edges = "source,target,relation,grade,time,source_ref,memo\n";
  std::vector<std::string> country, code, smuggler, person, migrant;
  for (int i = 0; i < 2; ++i) country.push_back(secret("CTRY", i)), code.push_back(secret("CODE", i));
  for (int i = 0; i < 2; ++i) nodes += country[i] + ",country," + secret("CTRYLABEL", i) + ",,,\n";
  const std::string org = secret("ORG", 0);
  nodes += org + ",organization," + secret("ORGLABEL", 0) + " Wombat," + secret("ROLE", 99) + ",,\n";
  int n = 0;
  for (int i = 0; i < 6; ++i) {
    smuggler.push_back(secret("ID", n++));
    nodes += smuggler.back() + ",smuggler," + secret("LABEL", i) + " Quokka," + secret("ROLE", i % 3) + "," +
             country[i % 2] + "," + secret("PHONE", i) + "\n";
  }
  for (int i = 0; i < 2; ++i) {
    person.push_back(secret("ID", n++));
    nodes += person.back() + ",person," + secret("PLABEL", i) + ",,," + secret("PPHONE", i) + "\n";
  }
  for (int i = 0; i < 12; ++i) {
    migrant.push_back(secret("ID", n++));
    nodes += migrant.back() + ",migrant," + secret("MLABEL", i) + ",," + (i % 3 ? code[i % 2] : country[i % 2]) + ",\n";
  }
  int e = 0;
  auto edge = [&](const std::string& a, const std::string& b, const std::string& rel) {
    edges += a + "," + b + "," + rel + ",B2,2021-03-0" + std::to_string(1 + e % 9) + "," + secret("SRC", e) + "," +
             secret("MEMO", e) + "\n";
    ++e;
  };
  for (int i = 0; i < 6; ++i) edge(smuggler[i], org, i < 3 ? "member_of" : "communicated");
  for (int i = 0; i + 1 < 6; ++i) edge(smuggler[i], smuggler[i + 1], "communicated");
  edge(person[0], org, "financed");
  edge(person[1], smuggler[4], "communicated");
  edge(person[0], person[1], "associated");
  for (int i = 0; i < 12; ++i) {
    edge(smuggler[i % 6], migrant[i], "smuggled");
    edge(migrant[i], smuggler[(i + 1) % 6], "paid");
    edge(migrant[i], country[i % 2], "originates_from");
    edge(migrant[i], country[(i + 1) % 2], "transited");
  }
  put(lc.folder / "nodes.csv", nodes);
  put(lc.folder / "edges.csv", edges);
  put(lc.folder / "seeds.csv", "id,confidence,note\n" + org + ",1," + secret("NOTE", 0) + "\n" + smuggler[0] +
                                   ",0.9," + secret("NOTE", 1) + "\n");
  put(lc.seeds, "id,confidence,note\n" + org + ",1," + secret("NOTE", 2) + "\n" + person[0] + ",0.8," +
                    secret("NOTE", 3) + "\n");
  return lc;
}

// Every file under dir (recursively), as (relative path, bytes).
std::vector<std::pair<std::string, std::string>> all_files(const fs::path& dir) {
  std::vector<std::pair<std::string, std::string>> out;
  for (const auto& entry : fs::recursive_directory_iterator(dir))
    if (entry.is_regular_file()) out.emplace_back(fs::relative(entry.path(), dir).string(), slurp(entry.path()));
  return out;
}

void check_no_leak(const fs::path& out_dir, const std::vector<std::string>& secrets) {
  const auto files = all_files(out_dir);
  REQUIRE(files.size() >= 6);
  for (const auto& [name, bytes] : files) {
    // file names are outputs too
    const std::string haystack = lower(name + "\n" + bytes + "\n" + base64_runs_decoded(bytes));
    for (const auto& s : secrets) {
      INFO(name << " holds " << s);
      CHECK(haystack.find(lower(s)) == std::string::npos);
    }
  }
}

}  // namespace

TEST_CASE("a pseudonym keeps 128 bits of the HMAC behind the kind letter") {
  const std::string p = pseudonym("secret-key", "P00172", NodeKind::person);
  CHECK(kPseudonymBits >= 128);
  CHECK(p.size() == 2 + 32);
  CHECK(p.substr(2) == hmac_sha256_hex("secret-key", "P00172").substr(0, 32));
  // the two ids that shared a 40-bit pseudonym in the issue stay apart
  CHECK(pseudonym("k", "M0032377", NodeKind::migrant) != pseudonym("k", "M0393315", NodeKind::migrant));
  // text pseudonyms: own domain, own prefix
  const std::string r = text_pseudonym("secret-key", "role", "R", "P00172");
  CHECK(r.size() == 34);
  CHECK(r.substr(0, 2) == "R-");
  CHECK(r.substr(2) != p.substr(2));
  CHECK(text_pseudonym("secret-key", "path", "F", "P00172").substr(2) != r.substr(2));
  CHECK_THROWS_AS(text_pseudonym("", "role", "R", "x"), ParamError);
}

TEST_CASE("a pseudonym collision is found and named") {
  const std::vector<std::string_view> originals{"A", "B", "C", "A"};
  std::vector<std::string_view> names{"x1", "x2", "x3", "x1"};
  CHECK_FALSE(pseudonym_collisions(originals, names));  // the same original twice is no collision
  names[2] = "x1";
  const auto clash = pseudonym_collisions(originals, names);
  REQUIRE(clash);
  CHECK(clash->pseudonym == "x1");
  CHECK(((clash->first == "A" && clash->second == "C") || (clash->first == "C" && clash->second == "A")));
  // random 128-bit pseudonyms of 200,000 ids do not collide (and a truncation to 4 hex digits
  // of the same ids does: the check is what would catch it)
  std::vector<std::string> ids, full, cut;
  for (int i = 0; i < 200000; ++i) {
    ids.push_back("M" + std::to_string(i));
    full.push_back(pseudonym("a long enough key", ids.back(), NodeKind::migrant));
    cut.push_back(full.back().substr(0, 6));
  }
  std::vector<std::string_view> vi(ids.begin(), ids.end()), vf(full.begin(), full.end()), vc(cut.begin(), cut.end());
  CHECK_FALSE(pseudonym_collisions(vi, vf));
  CHECK(pseudonym_collisions(vi, vc));
}

TEST_CASE("the report's names: pseudonyms for ids, places, roles and paths; valid UTF-8 without a key") {
  TempDir t;
  const LeakCase lc = make_leak_case(t.path);
  const Case c = read_case(lc.folder);
  const detail::Namer plain(c, "");
  CHECK(plain.file("/tmp/a\xff" "b/nodes.csv") == "/tmp/a\\xFFb/nodes.csv");
  const detail::Namer names(c, "a long enough key");
  const NodeId v = c.require("ZZID0QX");
  CHECK(names.id(v) == pseudonym("a long enough key", "ZZID0QX", NodeKind::smuggler));
  CHECK(names.label(v) == names.id(v));
  CHECK(names.place("ZZCTRY0QX") == names.id(c.require("ZZCTRY0QX")));
  CHECK(names.place("ZZCODE0QX") == pseudonym("a long enough key", "ZZCODE0QX", NodeKind::country));
  CHECK(names.role("ZZROLE1QX").rfind("Role-", 0) == 0);
  CHECK(names.source_ref("ZZSRC1QX").rfind("R-", 0) == 0);
  CHECK(names.source_ref("ZZSRC1QX").size() == 34);
  CHECK(names.role("ZZROLE1QX").find("ZZ") == std::string::npos);
  const std::string f = names.file((lc.folder / "nodes.csv").string());
  CHECK(f.rfind("F-", 0) == 0);
  CHECK(f.substr(f.size() - 10) == "/nodes.csv");
  const std::string g = names.file(lc.snapshot.string());
  CHECK(g.substr(g.size() - 9) == ".corridor");
  CHECK(g.find("ZZ") == std::string::npos);
}

TEST_CASE("no byte of a pseudonymized analyze names a person, a place, a role, a note or a path") {
  TempDir t;
  const LeakCase lc = make_leak_case(t.path);
  const std::string key = "ZZKEYQX-not-a-real-secret";
  std::vector<std::string> secrets = lc.secrets;
  secrets.push_back(key);
  // the case's own seeds, then a seeds file given on the command line, then a snapshot input
  for (int round = 0; round < 3; ++round) {
    INFO("round " << round);
    std::string input = lc.folder.string(), extra;
    if (round == 1) extra = " --seeds '" + lc.seeds.string() + "'";
    if (round == 2) {
      REQUIRE(run(t, "convert '" + lc.folder.string() + "' '" + lc.snapshot.string() + "'").code == 0);
      input = lc.snapshot.string();
    }
    const Run r = run(t, "analyze '" + input + "'" + extra + " --pseudonymize " + key + " -q --out '" +
                             lc.out.string() + "'");
    INFO(r.err);
    REQUIRE(r.code == 0);
    check_no_leak(lc.out, secrets);
    const auto m = nlohmann::json::parse(slurp(lc.out / "manifest.json"));
    CHECK(m["pseudonymized"] == true);
    CHECK(m["inputs"].size() >= (round == 2 ? 1u : 2u));
    // the pseudonyms are there: the organization's, in the page and the tables
    const std::string org = pseudonym(key, "ZZORG0QX", NodeKind::organization);
    CHECK(slurp(lc.out / "report.html").find(org) != std::string::npos);
    CHECK(slurp(lc.out / "scores.csv").find(org) != std::string::npos);
  }
  // the test can fail: without a key the same outputs name everyone
  REQUIRE(run(t, "analyze '" + lc.folder.string() + "' -q --out '" + lc.out.string() + "'").code == 0);
  const std::string html = slurp(lc.out / "report.html");
  CHECK(html.find("ZZID0QX") != std::string::npos);
  CHECK(html.find("ZZROLE0QX") != std::string::npos);
  CHECK(html.find("ZZCASEDIRQX") != std::string::npos);
}

TEST_CASE("a case path that is not UTF-8 is shown escaped, never a JSON error after the analysis") {
  TempDir t;
  const LeakCase lc = make_leak_case(t.path);
  const fs::path odd = t.path / "case-\xff\xfe-latin1-\xe9t\xe9";
  fs::rename(lc.folder, odd);
  const Run r = run(t, "analyze '" + odd.string() + "' -q --out '" + (t.path / "rep").string() + "'");
  INFO(r.err);
  REQUIRE(r.code == 0);
  const auto m = nlohmann::json::parse(slurp(t.path / "rep" / "manifest.json"));
  CHECK(m["case"].get<std::string>().find("case-\\xFF\\xFE-latin1-\\xE9t\\xE9") != std::string::npos);
  for (const auto& in : m["inputs"]) CHECK(in["path"].get<std::string>().find("\\xFF") != std::string::npos);
}
