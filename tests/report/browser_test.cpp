// The static report.html (ReportPage::static_drawing, no script) in a real browser: headless
// chromium renders the sample report and dumps its DOM; the drawing and the tables must be there
// with the right number of elements. Skipped (with a warning) only where chromium is not
// installed; CI installs it. The interactive page has its own browser test (web/test/).
#include <catch2/catch.hpp>

#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

#include "corridor/io/formats.hpp"
#include "corridor/report/analyze.hpp"

using namespace corridor;
namespace fs = std::filesystem;

namespace {

std::string slurp(const fs::path& file) {
  std::ifstream in(file, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

std::size_t count(const std::string& text, const std::string& what) {
  std::size_t n = 0;
  for (auto pos = text.find(what); pos != std::string::npos; pos = text.find(what, pos + what.size())) ++n;
  return n;
}

// The part of the DOM from `<tag id="id"` to the closing tag.
std::string element(const std::string& dom, const std::string& tag, const std::string& id) {
  const auto start = dom.find("<" + tag + " id=\"" + id + "\"");
  if (start == std::string::npos) return {};
  const auto end = dom.find("</" + tag + ">", start);
  return dom.substr(start, end == std::string::npos ? std::string::npos : end - start);
}

std::size_t body_rows(const std::string& dom, const std::string& id) {
  const std::string table = element(dom, "table", id);
  const auto body = table.find("<tbody>");
  return body == std::string::npos ? 0 : count(table.substr(body), "<tr");
}

}  // namespace

TEST_CASE("headless chromium renders the static sample report with its drawing and tables") {
  const fs::path chromium = "/usr/bin/chromium";
  if (!fs::exists(chromium)) {
    WARN("chromium is not installed (/usr/bin/chromium): browser test skipped");
    return;
  }
  const fs::path dir = fs::temp_directory_path() / ("corridor-browser-" + std::to_string(::getpid()));
  fs::remove_all(dir);
  fs::create_directories(dir / "profile");
  const Case c = load_case(fs::path(CORRIDOR_SOURCE_DIR) / "examples" / "data" / "sample-case");
  AnalyzeParams p;
  p.page = ReportPage::static_drawing;
  const AnalysisResult r = analyze(c, p);
  write_report(c, r, dir / "report");
  const fs::path html = fs::absolute(dir / "report" / "report.html");
  const fs::path dom_file = dir / "dom.html";
  const std::string cmd = chromium.string() +
                          " --headless --no-sandbox --disable-gpu --disable-background-networking"
                          " --disable-component-update --disable-sync --no-first-run --user-data-dir='" +
                          (dir / "profile").string() + "' --dump-dom 'file://" + html.string() + "' >'" +
                          dom_file.string() + "' 2>/dev/null";
  const int status = std::system(cmd.c_str());
  REQUIRE(WIFEXITED(status));
  REQUIRE(WEXITSTATUS(status) == 0);
  const std::string dom = slurp(dom_file);
  REQUIRE(dom.find("</html>") != std::string::npos);

  // the drawing: one <g class="node"> per drawn node, one line per drawn tie
  const std::string svg = element(dom, "svg", "network");
  REQUIRE_FALSE(svg.empty());
  CHECK(count(svg, "<g class=\"node\"") == r.drawing.nodes.size());
  CHECK(count(svg, "<line class=\"tie\"") == r.drawing.edges.size());
  CHECK(r.drawing.nodes.size() <= r.params.max_drawn);
  CHECK(r.drawing.nodes.size() >= 50);

  // the tables
  const std::size_t rows = r.params.table_rows;
  REQUIRE(r.has_scores);
  CHECK(body_rows(dom, "leads-table") == std::min(rows, r.reached));
  CHECK(body_rows(dom, "communities-table") == std::min(rows, r.community_count));
  std::size_t brokers = 0;
  for (double b : r.betweenness) brokers += std::isfinite(b) && b > 0;
  CHECK(body_rows(dom, "brokers-table") == std::min(rows, brokers));
  std::size_t cuts = 0;
  for (NodeId v : r.articulation_points)
    cuts += std::find(r.key_players.begin(), r.key_players.end(), v) == r.key_players.end();
  CHECK(body_rows(dom, "keyplayers-table") == r.key_players.size() + std::min(rows, cuts));
  CHECK(dom.find("Scores are investigative leads, not findings.") != std::string::npos);
  CHECK(dom.find("Most people in a smuggling case are smuggled persons") != std::string::npos);
  // self-contained: nothing is fetched
  CHECK(count(dom, "<script") == 0);
  CHECK(count(dom, "src=\"http") == 0);
  CHECK(count(dom, "href=\"http") == 0);
  fs::remove_all(dir);
}
