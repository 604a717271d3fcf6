#include "corridor/generate/generate.hpp"

#include <algorithm>
#include <array>
#include <cstring>
#include <ostream>
#include <span>
#include <string_view>

#include "corridor/io/case_io.hpp"
#include "corridor/io/folder.hpp"
#include "corridor/io/formats.hpp"
#include "corridor/model/builder.hpp"
#include "random.hpp"

namespace corridor {

namespace {

// ---- randomness: our own generator and draws, so every platform makes the same case ----------

using detail::Rng;

// ---- presets -------------------------------------------------------------------------------

struct Spec {
  const char* name;
  int rings, ring_min, ring_max;
  int migrants, ring0_migrants;
  int origins, transits;
  int persons, facilitators;  // innocent bystanders outside the rings
  int core, outside, hidden;  // the affiliates
  int rumours, fronts;
};

constexpr Spec kSpecs[] = {
    {"tiny", 3, 7, 9, 45, 20, 4, 2, 8, 2, 5, 3, 4, 5, 1},
    {"small", 8, 10, 18, 650, 400, 12, 6, 70, 10, 10, 5, 10, 20, 2},
    {"medium", 1700, 9, 19, 170000, 400, 24, 12, 20000, 2500, 10, 6, 14, 150, 40},
    {"large", 8500, 9, 19, 850000, 400, 24, 12, 100000, 12000, 11, 8, 20, 400, 200},
};

// ---- the shape of a varied case ---------------------------------------------------------------

// Structure drawn per seed when GenerateParams::varied (see generate.hpp). The classic shape is
// the default-constructed one, and drawing it consumes no randomness, so classic cases do not
// change.
enum class GroupNode : std::uint8_t { seed, present, absent };

struct Shape {
  GroupNode group = GroupNode::seed;
  bool volumes = false;         // weights: calls as counts (1-300), payments and financing as amounts
  double handoff = 0.25;        // chance a migrant is handed to a partner ring for a second leg
  int busy_contacts = 0;        // extra high-volume business calls per pair of partner rings
  int seed_callers = 0;         // innocent smugglers of other rings who phone a seed often
  int travellers = 0;           // migrants with a direct C3 affiliated_with tie to the group
  bool rumours_to_f = false;    // rumours graded D to F (else E5/D4)
  int affiliated_seeds = 5;     // known seeds besides the group
};

// ---- the cast ------------------------------------------------------------------------------

enum class Role : std::uint8_t {
  organizer, transporter, forger, safe_house_keeper, driver, financier, recruiter,
  relative, contact, money_changer, landlord, shopkeeper,
  migrant, armed_group, front_company, country,
};

constexpr std::string_view kRoleNames[] = {
    "organizer", "transporter", "forger",        "safe_house_keeper", "driver",    "financier",
    "recruiter", "relative",    "contact",       "money_changer",     "landlord",  "shopkeeper",
    "",          "armed_group", "front_company", ""};

NodeKind kind_of(Role r) {
  switch (r) {
    case Role::organizer: case Role::transporter: case Role::recruiter: return NodeKind::smuggler;
    case Role::forger: case Role::safe_house_keeper: case Role::driver: case Role::financier:
    case Role::money_changer: return NodeKind::facilitator;
    case Role::migrant: return NodeKind::migrant;
    case Role::armed_group: case Role::front_company: return NodeKind::organization;
    case Role::country: return NodeKind::country;
    default: return NodeKind::person;
  }
}

struct Ent {
  Role role;
  std::uint16_t country;  // index into the country table
};

struct Ring {
  std::vector<std::uint32_t> members, clique, periphery, movers, payees, organizers;
  std::vector<std::uint16_t> origins;  // origins[0] is home
  std::vector<std::uint16_t> route;    // transit countries
  std::vector<int> partners;
};

// Report sources; the prefix of source_ref.
enum class Src : std::uint8_t { tap, fin, wit, doc, bor, hum };
constexpr std::string_view kSrcPrefix[] = {"TAP", "FIN", "WIT", "DOC", "BOR", "HUM"};

constexpr int kFirstYear = 2019, kYears = 5;

// Grades by kind of report: phone intercepts and documents are reliable, witnesses less so,
// human sources on the armed group vary, rumours are weak.
struct Grades {
  std::vector<Grade> doc, bor, wit, fin, tap, tap_business, core, outside, hidden, medium, rumour;
};

std::vector<Grade> grades(std::initializer_list<const char*> codes) {
  std::vector<Grade> out;
  for (const char* c : codes) out.push_back(*parse_grade(c));
  return out;
}

Grades make_grades() {
  Grades g;
  g.doc = grades({"A1", "B1", "B2"});
  g.bor = grades({"B2", "C2", "C3"});
  g.wit = grades({"A2", "B2", "B2", "B3", "C2"});
  g.fin = grades({"A1", "B2", "B3", "C3"});
  g.tap = grades({"A1", "B1", "B2", "B2", "C2"});
  g.tap_business = grades({"B2", "B3", "C3"});
  g.core = grades({"A1", "A2", "B1", "B2", "B2", "B3", "C2", "C3", "D3"});
  g.outside = grades({"B2", "B3", "C2", "C3"});
  g.hidden = grades({"A2", "B2", "B2", "B3", "C2"});
  g.medium = grades({"C3", "C4", "D3"});
  g.rumour = grades({"E5", "E5", "E5", "D4", "D4"});
  return g;
}

std::string padded(char prefix, std::size_t n, int width) {
  std::string digits = std::to_string(n);
  std::string out(1, prefix);
  if (static_cast<int>(digits.size()) < width) out.append(width - digits.size(), '0');
  return out + digits;
}

const Spec& find_spec(const std::string& name) {
  for (const auto& s : kSpecs)
    if (name == s.name) return s;
  std::string valid;
  for (const auto& s : kSpecs) valid += (valid.empty() ? "" : ", ") + std::string(s.name);
  throw ParamError("unknown generator preset \"" + name + "\"; valid presets: " + valid);
}

// The country table: ISO 3166 user-assigned codes (XA-XZ, QM-QZ), which no real country has.
std::vector<std::string> country_codes() {
  std::vector<std::string> out;
  for (char c = 'A'; c <= 'Z'; ++c) out.push_back(std::string("X") + c);
  for (char c = 'M'; c <= 'Z'; ++c) out.push_back(std::string("Q") + c);
  return out;
}

class Generator {
 public:
  Generator(const Spec& spec, const GenerateParams& p) : s_(spec), p_(p), rng_(p.seed ^ 0x636F727269646F72ull) {
    shape_.affiliated_seeds = p.affiliated_seeds.value_or(5);
    if (p.varied) draw_shape();
    if (p.rings) s_.rings = *p.rings;
    if (p.migrants) s_.migrants = *p.migrants;
    if (p.rumours) s_.rumours = *p.rumours;
    s_.ring0_migrants = std::min(s_.ring0_migrants, s_.migrants);
    if (s_.rings == 0) s_.rings = 2;
    g_ = make_grades();
    if (shape_.rumours_to_f) g_.rumour = grades({"D4", "D5", "E5", "E5", "F5", "F6"});
    day0_ = days_from_civil(kFirstYear, 1, 1);
    for (int y = 0; y <= kYears; ++y) year_start_[y] = days_from_civil(kFirstYear + y, 1, 1);
    span_ = static_cast<int>(year_start_[kYears] - day0_);
  }

  GeneratedCase run();

 private:
  // Its own generator, so the shape does not shift the classic draws that follow.
  void draw_shape() {
    Rng r(p_.seed ^ 0x7368617065ull);
    const double u = r.uniform();
    shape_.group = u < 0.6 ? GroupNode::present : (u < 0.85 ? GroupNode::absent : GroupNode::seed);
    shape_.volumes = r.chance(0.8);
    shape_.handoff = 0.1 + 0.4 * r.uniform();
    shape_.busy_contacts = r.range(0, 3);
    shape_.seed_callers = r.range(0, 12);
    shape_.travellers = r.range(0, 4);
    shape_.rumours_to_f = r.chance(0.7);
    if (!p_.affiliated_seeds) shape_.affiliated_seeds = r.range(1, 8);
  }
  // The group's end of an organizational tie: the organization, or when the case has no
  // organization node, the affiliate who leads (a's tie goes to them; theirs to another).
  std::uint32_t group_end(std::uint32_t a) {
    if (shape_.group != GroupNode::absent) return group_;
    return a == core_[0] ? core_[1] : core_[0];
  }
  std::vector<std::uint32_t> choose_seeds();
  std::uint32_t add(Role r, std::uint16_t country) {
    ents_.push_back({r, country});
    return static_cast<std::uint32_t>(ents_.size() - 1);
  }
  void cast();
  void cast_countries();
  void cast_ring(int r, bool tiny);
  void pair_rings();
  void pick_core();
  Role outsider_role(bool facilitator);
  void cast_outsiders();
  void number_nodes(CaseBuilder& b);
  void evidence(CaseBuilder& b);
  void ring_ties(int r);
  void migrant_ties(std::uint32_t m, int r);
  void group_ties();
  void org_tie(std::uint32_t a, const std::vector<Grade>& gs);
  void affiliate_ties();
  void trap_ties();
  void everyday(std::uint32_t a, int r);
  void everyday_ties();
  void front_ties();
  void rumours();
  void ev(std::uint32_t a, std::uint32_t t, Relation rel, Grade g, int day, Src src);
  void ev_n(std::uint32_t a, std::uint32_t t, Relation rel, const std::vector<Grade>& gs, int day,
            Src src, int lo, int hi, int spread);
  int day() { return static_cast<int>(rng_.below(static_cast<std::uint64_t>(span_))); }
  // A nationality on record. Every draw that feeds a call is made in its own statement: the
  // order in which function arguments are evaluated is unspecified (g++ and clang differ), and
  // a seed must give the same case whatever the compiler. The order kept is the one g++ used,
  // so the shipped sample case did not change.
  void nationality(std::uint32_t a) {
    const int d = day();
    const Grade g = rng_.pick(g_.doc);
    ev(a, country_ent_[ents_[a].country], Relation::originates_from, g, d, Src::doc);
  }
  int clamp_day(int d) const { return std::clamp(d, 0, span_ - 1); }
  std::uint16_t origin_of(const Ring& r) {
    return rng_.chance(0.7) ? r.origins[0] : r.origins[rng_.below(r.origins.size())];
  }

  Spec s_;
  Shape shape_;
  const GenerateParams& p_;
  Rng rng_;
  Grades g_;
  std::int64_t day0_;
  std::int64_t year_start_[kYears + 1];
  int span_;

  std::vector<std::string> codes_;
  std::vector<Ent> ents_;
  std::vector<std::uint32_t> country_ent_;  // country index -> entity
  int n_origins_ = 0, n_transits_ = 0;
  std::vector<Ring> rings_;
  std::vector<std::uint32_t> migrants_, persons_, facilitators_, fronts_;
  std::vector<int> person_ring_, facilitator_ring_, migrant_ring_;
  std::uint32_t group_ = 0;
  std::vector<std::uint32_t> core_, outside_, hidden_, travellers_;
  std::vector<std::uint32_t> seeds_;  // the known affiliates given as seeds (the group apart)
  std::vector<std::uint8_t> affiliated_flag_;
  std::vector<NodeId> node_of_;
  std::vector<std::uint32_t> ref_count_;
  CaseBuilder* b_ = nullptr;
  char ref_buf_[32];
};

void Generator::cast() {
  cast_countries();
  group_ = add(Role::armed_group, 0);
  for (int i = 0; i < s_.fronts; ++i) fronts_.push_back(add(Role::front_company, 0));

  // Rings. Ring 0 has a fixed make-up so that its core can always be formed.
  rings_.resize(static_cast<std::size_t>(s_.rings));
  const bool tiny = std::string_view(s_.name) == "tiny";
  for (int r = 0; r < s_.rings; ++r) cast_ring(r, tiny);
  pair_rings();
  pick_core();
  cast_outsiders();
}

void Generator::cast_countries() {
  // Countries: origins first, then transit countries, in a seeded order.
  codes_ = country_codes();
  rng_.shuffle(codes_);
  n_origins_ = s_.origins;
  n_transits_ = s_.transits;
  codes_.resize(static_cast<std::size_t>(n_origins_ + n_transits_));
  for (std::size_t i = 0; i < codes_.size(); ++i) country_ent_.push_back(add(Role::country, static_cast<std::uint16_t>(i)));
}

// Ring r's countries and members, by role.
void Generator::cast_ring(int r, bool tiny) {
  Ring& ring = rings_[r];
  const int n_orig = std::min(n_origins_, rng_.range(2, 4));
  ring.origins.push_back(static_cast<std::uint16_t>(rng_.below(n_origins_)));
  while (static_cast<int>(ring.origins.size()) < n_orig) {
    auto c = static_cast<std::uint16_t>(rng_.below(n_origins_));
    if (std::find(ring.origins.begin(), ring.origins.end(), c) == ring.origins.end()) ring.origins.push_back(c);
  }
  const int n_route = std::min(n_transits_, rng_.range(1, 3));
  while (static_cast<int>(ring.route.size()) < n_route) {
    auto c = static_cast<std::uint16_t>(n_origins_ + rng_.below(n_transits_));
    if (std::find(ring.route.begin(), ring.route.end(), c) == ring.route.end()) ring.route.push_back(c);
  }
  std::vector<Role> roles;
  if (r == 0) {
    const int big = tiny ? 1 : 0;
    auto put = [&](Role x, int n) { roles.insert(roles.end(), static_cast<std::size_t>(n), x); };
    put(Role::organizer, 2);
    put(Role::transporter, tiny ? 2 : 4);
    put(Role::driver, tiny ? 2 : 3);
    put(Role::forger, 2 - big);
    put(Role::safe_house_keeper, 2 - big);
    put(Role::financier, 2 - big);
    put(Role::recruiter, 2 - big);
  } else {
    const int size = rng_.range(s_.ring_min, s_.ring_max);
    roles.insert(roles.end(), static_cast<std::size_t>(rng_.range(1, 2)), Role::organizer);
    for (Role x : {Role::transporter, Role::transporter, Role::driver, Role::forger, Role::safe_house_keeper})
      roles.push_back(x);
    static constexpr std::array<Role, 11> kFill = {
        Role::transporter, Role::transporter, Role::transporter, Role::driver, Role::driver, Role::driver,
        Role::forger, Role::safe_house_keeper, Role::safe_house_keeper, Role::financier, Role::recruiter};
    while (static_cast<int>(roles.size()) < size) roles.push_back(rng_.pick(kFill));
  }
  int transporters_in_clique = 0;
  for (Role x : roles) {
    const auto home = rng_.chance(0.8) ? ring.origins[0] : ring.origins[rng_.below(ring.origins.size())];
    std::uint32_t e = add(x, home);
    ring.members.push_back(e);
    const bool leader = x == Role::organizer || x == Role::financier || x == Role::recruiter ||
                        (x == Role::transporter && transporters_in_clique < 2);
    if (x == Role::transporter && leader) ++transporters_in_clique;
    (leader ? ring.clique : ring.periphery).push_back(e);
    if (x == Role::transporter || x == Role::driver) ring.movers.push_back(e);
    if (x == Role::organizer || x == Role::financier || x == Role::recruiter) ring.payees.push_back(e);
    if (x == Role::organizer) ring.organizers.push_back(e);
  }
}

void Generator::pair_rings() {
  // Business partners: each ring hands migrants over to one or two others, both ways.
  for (int r = 0; r < s_.rings; ++r) {
    const int k = rng_.range(1, 2);
    for (int i = 0; i < k; ++i) {
      int q = static_cast<int>(rng_.below(static_cast<std::uint64_t>(s_.rings - 1)));
      if (q >= r) ++q;
      if (std::find(rings_[r].partners.begin(), rings_[r].partners.end(), q) != rings_[r].partners.end()) continue;
      rings_[r].partners.push_back(q);
      rings_[q].partners.push_back(r);
    }
  }
}

void Generator::pick_core() {
  // The affiliated core of ring 0: leaders first, then a forger and a driver.
  const Ring& r0 = rings_[0];
  static constexpr Role kOrder[] = {Role::organizer, Role::organizer, Role::transporter, Role::transporter,
                                    Role::recruiter, Role::recruiter, Role::financier, Role::forger,
                                    Role::driver, Role::financier, Role::transporter, Role::safe_house_keeper};
  std::vector<std::uint8_t> used(r0.members.size(), 0);
  for (Role want : kOrder) {
    if (static_cast<int>(core_.size()) >= s_.core) break;
    for (std::size_t i = 0; i < r0.members.size(); ++i)
      if (!used[i] && ents_[r0.members[i]].role == want) {
        used[i] = 1;
        core_.push_back(r0.members[i]);
        break;
      }
  }
}

Role Generator::outsider_role(bool facilitator) {
  static constexpr std::array<Role, 2> kFac = {Role::forger, Role::money_changer};
  static constexpr std::array<Role, 5> kPer = {Role::relative, Role::relative, Role::contact, Role::landlord,
                                               Role::shopkeeper};
  return facilitator ? rng_.pick(kFac) : rng_.pick(kPer);
}

// Everyone outside the rings: affiliates outside ring 0, bystanders, migrants.
void Generator::cast_outsiders() {
  auto any_origin = [&] { return static_cast<std::uint16_t>(rng_.below(n_origins_)); };

  // Affiliates outside ring 0 and innocent bystanders share kinds, roles and countries: only
  // their ties tell them apart.
  // Each draw in its own statement, in the order g++ evaluated the arguments (last first).
  for (int i = 0; i < s_.outside; ++i) {
    const auto origin = any_origin();
    const auto role = outsider_role(rng_.chance(0.4));
    outside_.push_back(add(role, origin));
  }
  for (int i = 0; i < s_.hidden; ++i) {
    const auto origin = any_origin();
    const auto role = outsider_role(rng_.chance(0.3));
    hidden_.push_back(add(role, origin));
  }
  for (int i = 0; i < s_.persons; ++i) {
    const int r = static_cast<int>(rng_.below(s_.rings));
    const auto origin = origin_of(rings_[r]);
    const auto role = outsider_role(false);
    persons_.push_back(add(role, origin));
    person_ring_.push_back(r);
  }
  for (int i = 0; i < s_.facilitators; ++i) {
    const int r = static_cast<int>(rng_.below(s_.rings));
    const auto origin = origin_of(rings_[r]);
    const auto role = outsider_role(true);
    facilitators_.push_back(add(role, origin));
    facilitator_ring_.push_back(r);
  }
  // The first ring0_migrants migrants are ring 0's clients; the others are spread over the rest.
  migrants_.reserve(static_cast<std::size_t>(s_.migrants));
  migrant_ring_.reserve(static_cast<std::size_t>(s_.migrants));
  for (int i = 0; i < s_.migrants; ++i) {
    const int r = i < s_.ring0_migrants ? 0 : 1 + static_cast<int>(rng_.below(static_cast<std::uint64_t>(s_.rings - 1)));
    migrants_.push_back(add(Role::migrant, origin_of(rings_[r])));
    migrant_ring_.push_back(r);
  }
  for (int i = 0; i < shape_.travellers && !migrants_.empty(); ++i) {
    const std::uint32_t m = rng_.pick(migrants_);
    if (std::find(travellers_.begin(), travellers_.end(), m) == travellers_.end()) travellers_.push_back(m);
  }
}

void Generator::number_nodes(CaseBuilder& b) {
  // Numbers are a seeded permutation within each kind, and nodes enter the case in id order, so
  // neither an id nor a node's position says whether it is an affiliate.
  std::array<std::vector<std::uint32_t>, kNodeKindCount> by_kind;
  for (std::uint32_t e = 0; e < ents_.size(); ++e) by_kind[static_cast<unsigned>(kind_of(ents_[e].role))].push_back(e);
  node_of_.assign(ents_.size(), kNoNode);

  // Organizations keep their order: O-1 is the armed group, then the front companies.
  for (std::uint32_t e : by_kind[static_cast<unsigned>(NodeKind::organization)]) {
    if (e == group_ && shape_.group == GroupNode::absent) continue;  // not in the data
    const std::size_t number = e == group_ ? 1 : 2 + static_cast<std::size_t>(std::find(fronts_.begin(), fronts_.end(), e) - fronts_.begin());
    const std::string label = e == group_ ? "Armed group 1" : "Front company " + std::to_string(number);
    node_of_[e] = b.add_node("O-" + std::to_string(number), NodeKind::organization, label,
                             kRoleNames[static_cast<unsigned>(ents_[e].role)]);
  }
  for (std::uint32_t e : by_kind[static_cast<unsigned>(NodeKind::country)]) {
    const std::string& code = codes_[ents_[e].country];
    node_of_[e] = b.add_node(code, NodeKind::country, "Country " + code, {}, code);
  }
  struct KindName { NodeKind kind; char prefix; const char* label; };
  static constexpr KindName kPeople[] = {{NodeKind::smuggler, 'S', "Smuggler "},
                                         {NodeKind::facilitator, 'F', "Facilitator "},
                                         {NodeKind::person, 'P', "Person "},
                                         {NodeKind::migrant, 'M', "Migrant "}};
  for (const auto& kn : kPeople) {
    auto list = by_kind[static_cast<unsigned>(kn.kind)];
    rng_.shuffle(list);
    const int width = std::max<int>(5, static_cast<int>(std::to_string(list.size()).size()));
    for (std::size_t i = 0; i < list.size(); ++i) {
      const Ent& x = ents_[list[i]];
      node_of_[list[i]] = b.add_node(padded(kn.prefix, i + 1, width), kn.kind, kn.label + std::to_string(i + 1),
                                     kRoleNames[static_cast<unsigned>(x.role)], codes_[x.country]);
    }
  }
}

void Generator::ev(std::uint32_t a, std::uint32_t t, Relation rel, Grade g, int d, Src src) {
  d = clamp_day(d);
  // source_ref names a report: kind, year, number.
  int year = 0;
  while (year + 1 < kYears && day0_ + d >= year_start_[year + 1]) ++year;
  const auto cat = static_cast<unsigned>(src);
  const std::uint32_t number = 1 + static_cast<std::uint32_t>(rng_.below(ref_count_[cat]));
  char* p = ref_buf_;
  std::memcpy(p, kSrcPrefix[cat].data(), 3);
  p[3] = '-';
  const int yy = kFirstYear + year;
  p[4] = static_cast<char>('0' + yy / 1000);
  p[5] = static_cast<char>('0' + yy / 100 % 10);
  p[6] = static_cast<char>('0' + yy / 10 % 10);
  p[7] = static_cast<char>('0' + yy % 10);
  p[8] = '-';
  std::uint32_t n = number;
  for (int i = 14; i >= 9; --i) {
    p[i] = static_cast<char>('0' + n % 10);
    n /= 10;
  }
  EvidenceValues v;
  if (shape_.volumes) {
    // Volumes are skewed as in real records: most pairs talk a few times, some hundreds.
    if (rel == Relation::communicated) v.weight = std::floor(std::exp(rng_.uniform() * std::log(300.0))) ;
    else if (rel == Relation::paid || rel == Relation::financed) v.weight = std::round(200.0 * std::exp(rng_.uniform() * std::log(100.0)));
  }
  v.grade = g;
  v.time = Timestamp{(day0_ + d) * 86400, true};
  v.source_ref = std::string_view(ref_buf_, 15);
  b_->add_evidence(node_of_[a], node_of_[t], static_cast<RelationId>(rel), v);
}

void Generator::ev_n(std::uint32_t a, std::uint32_t t, Relation rel, const std::vector<Grade>& gs, int d,
                     Src src, int lo, int hi, int spread) {
  const int n = rng_.range(lo, hi);
  for (int i = 0; i < n; ++i) {
    const int offset = static_cast<int>(rng_.below(spread + 1));
    const Grade g = rng_.pick(gs);
    ev(a, t, rel, g, d + offset, src);
  }
}

void Generator::ring_ties(int r) {
  const Ring& ring = rings_[r];
  const int base = day();
  for (std::uint32_t m : ring.members) {
    nationality(m);
    if (rng_.chance(0.5)) {
      const int d = day();
      const Grade g = rng_.pick(g_.bor);
      ev(m, country_ent_[rng_.pick(ring.route)], Relation::transited, g, d, Src::bor);
    }
  }
  // Leaders call each other often; the others call one or two handlers.
  for (std::size_t i = 0; i < ring.clique.size(); ++i)
    for (std::size_t j = i + 1; j < ring.clique.size(); ++j)
      if (rng_.chance(0.7)) ev_n(ring.clique[i], ring.clique[j], Relation::communicated, g_.tap, base, Src::tap, 1, 3, 400);
  for (std::size_t i = 0; i < ring.periphery.size(); ++i) {
    const std::uint32_t m = ring.periphery[i];
    const int handlers = rng_.chance(0.2) ? 2 : 1;
    for (int h = 0; h < handlers; ++h) ev_n(m, rng_.pick(ring.clique), Relation::communicated, g_.tap_business, base, Src::tap, 1, 2, 400);
    if (ring.periphery.size() > 1 && rng_.chance(0.3)) {
      std::uint32_t o = rng_.pick(ring.periphery);
      if (o != m) ev_n(m, o, Relation::communicated, g_.tap, base, Src::tap, 1, 2, 400);
    }
    // Work ties go mostly to other workers: a periphery member knows one or two leaders.
    switch (ents_[m].role) {
      case Role::forger: ev_n(m, rng_.pick(ring.movers), Relation::supplied_documents, g_.wit, base, Src::doc, 1, 2, 400); break;
      case Role::safe_house_keeper: ev_n(m, rng_.pick(ring.movers), Relation::housed, g_.wit, base, Src::wit, 1, 2, 400); break;
      case Role::driver: {
        const std::uint32_t passenger = rng_.pick(ring.members);
        if (passenger != m) ev(m, passenger, Relation::transported, rng_.pick(g_.wit), base, Src::wit);
        break;
      }
      default: break;
    }
    if (rng_.chance(0.5)) ev_n(rng_.pick(ring.payees), m, Relation::paid, g_.fin, base, Src::fin, 1, 2, 400);
  }
  for (std::uint32_t m : ring.clique)
    if (ents_[m].role == Role::financier) ev_n(m, rng_.pick(ring.organizers), Relation::paid, g_.fin, base, Src::fin, 1, 2, 400);
  // Business with partner rings: the organizers talk, and settle hand-offs.
  for (int q : ring.partners) {
    if (q < r) continue;
    const Ring& other = rings_[q];
    {
      const std::uint32_t b = rng_.pick(other.organizers);
      ev_n(rng_.pick(ring.organizers), b, Relation::communicated, g_.tap_business, base, Src::tap, 1, 3, 600);
    }
    if (rng_.chance(0.5)) {
      const std::uint32_t b = rng_.pick(other.payees);
      ev_n(rng_.pick(ring.payees), b, Relation::paid, g_.fin, base, Src::fin, 1, 2, 600);
    }
    if (rng_.chance(0.3)) {
      const Grade g = rng_.pick(g_.tap_business);
      const std::uint32_t b = rng_.pick(other.members);
      ev(rng_.pick(ring.members), b, Relation::communicated, g, base + 100, Src::tap);
    }
    for (int i = 0; i < shape_.busy_contacts; ++i) {
      const std::uint32_t b = rng_.pick(other.clique);
      ev_n(rng_.pick(ring.clique), b, Relation::communicated, g_.tap_business, base, Src::tap, 1, 3, 600);
    }
  }
}

void Generator::migrant_ties(std::uint32_t m, int r) {
  const Ring& ring = rings_[r];
  const std::uint16_t origin = ents_[m].country;
  const int d0 = day();
  // Nationality and route are on record several times (identity checks, border records).
  ev_n(m, country_ent_[origin], Relation::originates_from, g_.doc, d0 + 30, Src::doc, 1, 2, 60);
  for (std::uint16_t c : ring.route) ev_n(m, country_ent_[c], Relation::transited, g_.bor, d0 + 10, Src::bor, 1, 2, 50);
  const std::uint32_t mover = rng_.pick(ring.movers);
  ev_n(mover, m, Relation::smuggled, g_.wit, d0, Src::wit, 1, 2, 40);
  ev_n(m, rng_.pick(ring.payees), Relation::paid, g_.fin, d0 - 30, Src::fin, 1, 2, 30);
  if (rng_.chance(0.6)) ev_n(m, mover, Relation::communicated, g_.tap, d0 - 20, Src::tap, 1, 4, 40);
  // A hand-off: a partner ring takes over the second leg.
  if (!ring.partners.empty() && rng_.chance(shape_.handoff)) {
    const Ring& other = rings_[rng_.pick(ring.partners)];
    const std::uint32_t mover2 = rng_.pick(other.movers);
    ev_n(mover2, m, Relation::smuggled, g_.wit, d0 + 40, Src::wit, 1, 2, 40);
    if (rng_.chance(0.3)) ev(m, mover2, Relation::communicated, rng_.pick(g_.tap), d0 + 40, Src::tap);
    for (std::uint16_t c : other.route)
      if (rng_.chance(0.5)) {
        const int d = d0 + rng_.range(60, 100);
        ev(m, country_ent_[c], Relation::transited, rng_.pick(g_.bor), d, Src::bor);
      }
  }
}

void Generator::group_ties() {
  affiliate_ties();
  trap_ties();
  everyday_ties();
  front_ties();
  rumours();
}

// One organizational tie to the group, its relation chosen by role.
void Generator::org_tie(std::uint32_t a, const std::vector<Grade>& gs) {
  const std::uint32_t O = group_;
  const bool absent = shape_.group == GroupNode::absent;
  const int d = day();
  if (absent) {
    // No organization node: the tie goes to the affiliate who leads, as a person-to-person
    // organizational relation.
    const std::uint32_t L = group_end(a);
    const Grade g = rng_.pick(gs);
    switch (ents_[a].role) {
      case Role::organizer: ev(a, L, Relation::coordinated, g, d, Src::hum); break;
      case Role::financier: case Role::money_changer: ev(a, L, Relation::financed, g, d, Src::fin); break;
      case Role::recruiter: ev(L, a, Relation::recruited, g, d, Src::hum); break;
      default: ev(a, L, Relation::affiliated_with, g, d, Src::hum);
    }
    return;
  }
  switch (ents_[a].role) {
    case Role::organizer:
      if (rng_.chance(0.5)) ev(a, O, Relation::coordinated, rng_.pick(gs), d, Src::hum);
      else ev(a, O, Relation::member_of, rng_.pick(gs), d, Src::hum);
      break;
    case Role::financier: case Role::money_changer: ev(a, O, Relation::financed, rng_.pick(gs), d, Src::fin); break;
    case Role::recruiter:
      if (rng_.chance(0.5)) ev(O, a, Relation::recruited, rng_.pick(gs), d, Src::hum);
      else ev(a, O, Relation::member_of, rng_.pick(gs), d, Src::hum);
      break;
    default:
      const Grade g = rng_.pick(gs);
      ev(a, O, rng_.chance(0.5) ? Relation::affiliated_with : Relation::member_of, g, d, Src::hum);
  }
}

// The affiliates' ties: to the group, and the hidden ones' to other affiliates.
void Generator::affiliate_ties() {
  for (std::uint32_t a : core_) {
    const int n = rng_.range(1, 3);
    for (int i = 0; i < n; ++i) org_tie(a, g_.core);
  }
  for (std::uint32_t a : outside_) {
    const int n = rng_.range(1, 2);
    for (int i = 0; i < n; ++i) org_tie(a, g_.outside);
    const int d = day();
    ev_n(a, rng_.pick(core_), Relation::communicated, g_.tap, d, Src::tap, 1, 3, 200);
  }
  // Hidden affiliates hang on other affiliates, some on an earlier hidden one, some only by
  // medium grades.
  std::vector<std::uint32_t> anchors = core_;
  anchors.insert(anchors.end(), outside_.begin(), outside_.end());
  for (std::size_t i = 0; i < hidden_.size(); ++i) {
    const std::uint32_t h = hidden_[i];
    const std::uint32_t anchor = (i > 0 && rng_.chance(0.15)) ? hidden_[rng_.below(i)] : rng_.pick(anchors);
    const auto& gs = rng_.chance(0.25) ? g_.medium : g_.hidden;
    const double type = rng_.uniform();
    const int d = day();
    if (type < 0.4) {
      ev_n(anchor, h, Relation::recruited, gs, d, Src::hum, 1, 3, 200);
      if (rng_.chance(0.5)) ev_n(h, anchor, Relation::communicated, gs, d, Src::tap, 1, 2, 200);
    } else if (type < 0.65) {
      ev_n(h, anchor, Relation::financed, gs, d, Src::fin, 1, 3, 200);
    } else {
      ev_n(h, anchor, Relation::communicated, gs, d, Src::tap, 2, 4, 200);
    }
    // Members of a group know more than one other member.
    if (rng_.chance(0.7)) {
      const std::uint32_t second = rng_.pick(anchors);
      if (second != anchor) ev_n(h, second, Relation::communicated, gs, d, Src::tap, 1, 3, 200);
    }
  }
}

void Generator::trap_ties() {
  // Affiliated travellers: migrants with a direct, medium-graded affiliation to the group.
  for (std::uint32_t t : travellers_) {
    const int d = day();
    ev(t, group_end(t), Relation::affiliated_with, *parse_grade("C3"), d, Src::hum);
  }
  // Smugglers of other rings who phone a known seed often, and have no other link to the group:
  // the trap of a propagation that counts calls like membership.
  for (int i = 0; i < shape_.seed_callers && !seeds_.empty() && s_.rings > 1; ++i) {
    const Ring& ring = rings_[1 + rng_.below(static_cast<std::uint64_t>(s_.rings - 1))];
    const std::uint32_t caller = rng_.pick(ring.members);
    const int d = day();
    ev_n(caller, rng_.pick(seeds_), Relation::communicated, g_.tap_business, d, Src::tap, 1, 4, 300);
  }
}

// A nationality and the everyday contacts of someone outside the rings, with ring r.
void Generator::everyday(std::uint32_t a, int r) {
  nationality(a);
  const Ring& ring = rings_[r];
  const int d = day();
  switch (ents_[a].role) {
    case Role::relative:
      ev_n(a, rng_.pick(ring.payees), Relation::paid, g_.fin, d, Src::fin, 1, 2, 60);
      ev_n(a, rng_.pick(ring.members), Relation::communicated, g_.tap, d, Src::tap, 1, 2, 60);
      break;
    case Role::landlord: {
      const Grade g = rng_.pick(g_.wit);
      ev(a, rng_.pick(ring.members), Relation::housed, g, d, Src::wit);
      break;
    }
    case Role::forger: ev_n(a, rng_.pick(ring.organizers), Relation::supplied_documents, g_.wit, d, Src::doc, 1, 2, 200); break;
    case Role::money_changer: ev_n(rng_.pick(ring.payees), a, Relation::paid, g_.fin, d, Src::fin, 1, 3, 200); break;
    default: ev_n(a, rng_.pick(ring.members), Relation::communicated, g_.tap, d, Src::tap, 1, 3, 200);
  }
}

// Everyone outside the rings has a nationality and everyday contacts.
void Generator::everyday_ties() {
  for (std::size_t i = 0; i < persons_.size(); ++i) everyday(persons_[i], person_ring_[i]);
  for (std::size_t i = 0; i < facilitators_.size(); ++i) {
    everyday(facilitators_[i], facilitator_ring_[i]);
    if (rng_.chance(0.5)) everyday(facilitators_[i], static_cast<int>(rng_.below(s_.rings)));
  }
  // Affiliates outside the ring live ordinary lives too (and are no easier to spot for it).
  for (std::uint32_t a : outside_) everyday(a, static_cast<int>(rng_.below(s_.rings)));
  for (std::uint32_t a : hidden_) {
    if (rng_.chance(0.5)) everyday(a, static_cast<int>(rng_.below(s_.rings)));
    else nationality(a);
  }
}

void Generator::front_ties() {
  // Front companies: member_of from drivers and organizers of a few rings; ring 0's front
  // employs members outside the core.
  for (std::size_t f = 0; f < fronts_.size(); ++f) {
    const int k = rng_.range(1, 3);
    for (int i = 0; i < k; ++i) {
      const Ring& ring = rings_[f == 0 ? 0 : static_cast<std::size_t>(rng_.below(s_.rings))];
      std::uint32_t a = rng_.pick(ring.periphery.empty() ? ring.members : ring.periphery);
      if (affiliated_flag_[a]) continue;
      {
        const int d = day();
        ev(a, fronts_[f], Relation::member_of, rng_.pick(g_.doc), d, Src::doc);
      }
      const int d = day();
      const Grade g = rng_.pick(g_.fin);
      ev(rng_.pick(ring.organizers), fronts_[f], Relation::paid, g, d, Src::fin);
    }
  }
}

void Generator::rumours() {
  const std::uint32_t O = group_;
  const bool absent = shape_.group == GroupNode::absent;
  // Rumours: weak reports tying someone to the group or to an affiliate. One in five is about a
  // true affiliate; the rest are false, and many are about migrants.
  std::vector<std::uint32_t> affiliates = core_;
  affiliates.insert(affiliates.end(), outside_.begin(), outside_.end());
  affiliates.insert(affiliates.end(), hidden_.begin(), hidden_.end());
  for (int i = 0; i < s_.rumours; ++i) {
    std::uint32_t subject;
    const double u = rng_.uniform();
    if (u < 0.2) subject = rng_.pick(affiliates);
    else if (u < 0.52 && !migrants_.empty()) {
      // half of the migrants rumoured about were moved by ring 0
      const bool r0 = rng_.chance(0.5) && s_.ring0_migrants > 0;
      subject = r0 ? migrants_[rng_.below(static_cast<std::uint64_t>(s_.ring0_migrants))] : rng_.pick(migrants_);
    } else if (u < 0.76 && !persons_.empty()) subject = rng_.pick(persons_);
    else {
      const Ring& ring = rings_[rng_.chance(0.5) ? 0 : rng_.below(s_.rings)];
      subject = rng_.pick(ring.members);
      if (affiliated_flag_[subject]) subject = rng_.pick(ring.periphery.empty() ? ring.members : ring.periphery);
    }
    std::uint32_t target = rng_.chance(0.5) ? O : rng_.pick(affiliates);
    if (target == subject) target = O;
    if (absent && target == O) target = group_end(subject);
    if (target == subject) continue;
    const Relation rel = (ents_[target].role == Role::armed_group || rng_.chance(0.6)) ? Relation::associated
                                                                                       : Relation::communicated;
    const int back = static_cast<int>(rng_.below(700));
    ev(subject, target, rel, rng_.pick(g_.rumour), span_ - 1 - back, Src::hum);
  }
}

void Generator::evidence(CaseBuilder& b) {
  b_ = &b;
  for (int r = 0; r < s_.rings; ++r) ring_ties(r);
  for (std::size_t i = 0; i < migrants_.size(); ++i) migrant_ties(migrants_[i], migrant_ring_[i]);
  group_ties();
}

std::vector<std::uint32_t> Generator::choose_seeds() {
  std::vector<std::uint32_t> seed_list;
  const int want = shape_.affiliated_seeds;
  if (p_.varied) {
    // Known affiliates from earlier cases: any of ring 0's core or of the outside contacts.
    std::vector<std::uint32_t> pool = core_;
    pool.insert(pool.end(), outside_.begin(), outside_.end());
    rng_.shuffle(pool);
    for (std::uint32_t a : pool)
      if (static_cast<int>(seed_list.size()) < want) seed_list.push_back(a);
    for (std::uint32_t a : hidden_)
      if (static_cast<int>(seed_list.size()) < want) seed_list.push_back(a);
    return seed_list;
  }
  // The group (added by run), then movers and organizers of ring 0's core (who moved hundreds
  // of migrants), and one outside contact.
  const int n_core_seeds = std::min<int>(want - 1, static_cast<int>(core_.size()) - 1);
  static constexpr Role kSeedOrder[] = {Role::transporter, Role::organizer, Role::transporter, Role::recruiter,
                                        Role::organizer,   Role::financier, Role::recruiter,   Role::forger,
                                        Role::driver,      Role::financier, Role::transporter, Role::safe_house_keeper};
  std::vector<std::uint8_t> taken(core_.size(), 0);
  for (Role r : kSeedOrder)
    for (std::size_t i = 0; i < core_.size(); ++i)
      if (static_cast<int>(seed_list.size()) < n_core_seeds && !taken[i] && ents_[core_[i]].role == r) {
        taken[i] = 1;
        seed_list.push_back(core_[i]);
        break;
      }
  for (std::uint32_t a : outside_)
    if (static_cast<int>(seed_list.size()) < want) seed_list.push_back(a);
  for (std::uint32_t a : hidden_)
    if (static_cast<int>(seed_list.size()) < want) seed_list.push_back(a);
  return seed_list;
}

GeneratedCase Generator::run() {
  cast();
  affiliated_flag_.assign(ents_.size(), 0);
  for (auto* list : {&core_, &outside_, &hidden_, &travellers_})
    for (std::uint32_t a : *list) affiliated_flag_[a] = 1;

  // About 200 pieces of evidence per report (an intercept or bank file covers many contacts);
  // the estimate only sizes the report numbers and the reservation.
  const double est = 10.5 * s_.migrants + 110.0 * s_.rings + 4.0 * (s_.persons + s_.facilitators) + 200;
  ref_count_.assign(6, std::max<std::uint32_t>(20, static_cast<std::uint32_t>(est / 6 / 200 / kYears)));

  CaseBuilder b;
  b.reserve(ents_.size(), static_cast<std::size_t>(est * 1.1));
  number_nodes(b);
  if (p_.varied) seeds_ = choose_seeds();
  evidence(b);

  // Seeds: classic cases choose them after the evidence (the draws of the shipped sample case);
  // varied cases before, because innocent callers of the seeds are part of their evidence.
  if (!p_.varied) seeds_ = choose_seeds();
  if (shape_.group == GroupNode::seed) b.add_seed(Seed{node_of_[group_], 1.0, "the armed group under investigation"});
  static constexpr double kSeedConfidence[] = {1.0, 0.9, 0.8};
  for (std::uint32_t a : seeds_)
    b.add_seed(Seed{node_of_[a], kSeedConfidence[rng_.below(3)], "known affiliate from an earlier case"});

  GeneratedCase out;
  for (std::uint32_t e = 0; e < ents_.size(); ++e)
    if (affiliated_flag_[e]) out.affiliated.push_back(node_of_[e]);
  std::sort(out.affiliated.begin(), out.affiliated.end());
  out.c = std::move(b).freeze();
  out.c.set_origin("generated: preset " + std::string(s_.name) + ", seed " + std::to_string(p_.seed));
  out.preset = s_.name;
  out.seed = p_.seed;
  return out;
}

void check(const GenerateParams& p, const Spec& s) {
  if (p.rings && *p.rings < 2) throw ParamError("rings must be >= 2, got " + std::to_string(*p.rings));
  if (p.migrants && *p.migrants < 0) throw ParamError("migrants must be >= 0, got " + std::to_string(*p.migrants));
  if (p.rumours && *p.rumours < 0) throw ParamError("rumours must be >= 0, got " + std::to_string(*p.rumours));
  const int affiliated = s.core + s.outside + s.hidden;
  if (p.affiliated_seeds && (*p.affiliated_seeds < 1 || *p.affiliated_seeds > affiliated - 1))
    throw ParamError("affiliated_seeds must be in [1, " + std::to_string(affiliated - 1) + "] for preset " +
                     s.name + ", got " + std::to_string(*p.affiliated_seeds));
}

}  // namespace

std::vector<std::string> generator_presets() {
  std::vector<std::string> out;
  for (const auto& s : kSpecs) out.emplace_back(s.name);
  return out;
}

GeneratedCase generate_case(const GenerateParams& p) {
  const Spec& spec = find_spec(p.preset);
  check(p, spec);
  Generator gen(spec, p);
  return gen.run();
}

void write_generated_case(const GeneratedCase& g, const std::filesystem::path& folder) {
  FolderWriter out(folder, FolderKind::case_folder);
  write_case_files(g.c, out);
  out.write("truth.csv", [&](std::ostream& os) {
    os << "id\n";
    // Generated ids never need CSV quoting (letters, digits and '-').
    for (NodeId v : g.affiliated) os << g.c.node_id(v) << '\n';
  });
  out.commit();
}

}  // namespace corridor
