// Synthetic cases shared by the snapshot and exchange-format tests. Every person is invented.
#pragma once

#include <string>

#include "corridor/model/builder.hpp"
#include "corridor/model/case.hpp"

namespace corridor::test {

/// A small case that touches every column: all node kinds, labels with quotes, commas, CR/LF
/// newlines, tabs and non-ASCII UTF-8, extra node and evidence attributes (one of them first set
/// on a late row), all 36 Admiralty grades plus none, explicit confidences, dated (date and
/// date-time) and undated evidence, weights, source references, a user relation, a changed
/// built-in transmission, a self-loop, and seeds.
inline Case rich_case() {
  RelationRegistry reg;
  reg.define("rented_car_to", true, 0.3, RelationClass::logistic);
  reg.define("met_at", false, 0.15, RelationClass::generic, Volume::ignore);
  reg.set_transmission("communicated", 0.4);
  CaseBuilder b(reg);
  b.add_node({.id = "P001", .kind = NodeKind::smuggler, .label = "Abu \"the driver\", Sr.", .role = "organizer",
              .country = "XA", .attributes = {{"alias", "AD, \"Doc\""}, {"phone", "+000 555 0101"}}});
  b.add_node({.id = "P002", .kind = NodeKind::migrant, .label = "first line\nsecond line\r\nthird", .role = "",
              .country = "XB"});
  b.add_node({.id = "P003", .kind = NodeKind::facilitator, .label = "Ηλίας Ñúñez 李明 \xF0\x9F\x9A\x90",
              .role = "forger\tdocuments", .country = "XC", .attributes = {{"alias", "<b>&amp;</b> 'x'"}}});
  b.add_node({.id = "P004", .kind = NodeKind::person, .label = "  leading and trailing  "});
  b.add_node({.id = "O001", .kind = NodeKind::organization, .label = "Synthetic Armed Group"});
  b.add_node({.id = "C001", .kind = NodeKind::country, .label = "Country X"});
  b.add_node({.id = "L001", .kind = NodeKind::location, .label = "Safe house #1; \"blue door\""});
  b.add_node({.id = "A001", .kind = NodeKind::asset, .label = "phone +000 555 0199",
              .attributes = {{"late column", "only on the last node"}}});

  const char* ids[] = {"P001", "P002", "P003", "P004", "O001", "C001", "L001", "A001"};
  const char* relations[] = {"smuggled", "paid", "communicated", "financed", "recruited", "housed",
                             "transported", "member_of", "affiliated_with", "associated", "rented_car_to", "met_at"};
  const char* times[] = {"", "2021-03-04", "2021-03-04T10:20:30Z", "1999-12-31T23:59:59+02:00", "1960-02-29"};
  int k = 0;
  for (char rel : std::string("ABCDEF"))
    for (int cred = 1; cred <= 6; ++cred, ++k) {
      EvidenceRecord e;
      e.source = ids[k % 8];
      e.target = ids[(k * 3 + 1) % 8];
      if (e.source == e.target) e.target = ids[(k + 1) % 8];
      e.relation = relations[k % 12];
      e.weight = 1.0 + (k % 4) * 0.7;
      e.grade = std::string(1, rel) + std::to_string(cred);
      if (k % 5 == 0) e.confidence = (k % 3) / 2.0;
      e.time = times[k % 5];
      if (k % 3 == 0) e.source_ref = "report " + std::to_string(k / 3) + ", page \"" + std::to_string(k) + "\"";
      if (k % 7 == 0) e.attributes = {{"note", "multi\nline, \"quoted\" <note> #" + std::to_string(k)}};
      if (k == 35) e.attributes.push_back({"analyst", "X"});
      b.add_evidence(e);
    }
  // Ungraded, undated, and a parallel piece of evidence between the same pair.
  b.add_evidence({.source = "P001", .target = "P002", .relation = "smuggled"});
  b.add_evidence({.source = "P001", .target = "P002", .relation = "smuggled", .weight = 0.1, .confidence = 0.3});
  b.add_evidence({.source = "P002", .target = "C001", .relation = "originates_from", .time = "2020-01-01"});
  b.add_evidence({.source = "P001", .target = "A001", .relation = "uses", .source_ref = "intercept 7"});
  b.add_evidence({.source = "P004", .target = "P004", .relation = "associated"});  // self-loop: a warning
  b.add_seed("O001", 1.0, "armed group, \"synthetic\"\nsecond line");
  b.add_seed("P001", 0.6);
  return std::move(b).freeze();
}

}  // namespace corridor::test
