// corridor/propagation/propagate.hpp: affiliation propagation from seeds, role-aware.
//
// Given a few actors known to be tied to an armed group (seeds), rank every node of a case by
// potential affiliation. A score is an investigative lead, never a finding.
//
// What makes this different from a generic personalized PageRank (kept as Method::naive, the
// baseline the product has to beat):
//  - A pair's tie is the evidence rule of graph/view.hpp: each relation's confidence (grade x
//    decay) raised by its volume with diminishing returns, bounded by the relation's
//    transmission, distinct relations combined by noisy-OR. Ten weak reports do not outweigh
//    one strong one, and calls never make a contact as strong as a membership.
//  - Country and location nodes never pass a score on: nationality and transit are not evidence.
//    PropagationParams::countries_pass turns this off (the command prints a warning).
//  - Evidence between a migrant and whoever moved them (smuggled, paid, whatever the other
//    end's kind; and transported, housed, calls, any non-organizational relation with a smuggler
//    or facilitator) is a client tie: the pair's client evidence combined passes at most
//    client_factor (1% by default), however much of it there is, and a node's client ties
//    together weigh at most client_factor, so a smuggler's hundreds of clients neither inherit
//    its score nor dilute what it passes along its other ties. Being moved by a suspect is not
//    evidence of affiliation. A migrant's organizational ties count in full, so a migrant can
//    still rank high through ties of their own.
//  - A node passes on at most what its ties carry: the walk leaves u along tie (u,v) with
//    probability w_uv / max(s_u, 1), s_u the sum of u's tie strengths. A node held only by weak
//    ties (a migrant's one client tie) does not hand its whole score back, as a textbook
//    random walk would; the mass it does not pass is lost (it would go back to the seeds in
//    proportion, which changes no ranking).
//
//   corridor::Case c = corridor::read_case("examples/data/sample-case");
//   corridor::PropagationResult r = corridor::propagate(c, c.seeds());
//   for (std::uint32_t i = 0; i < 10; ++i)
//     std::cout << c.node_id(r.order[i]) << ' ' << r.scores[r.order[i]] << '\n';
#pragma once

#include <cstdint>
#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "corridor/graph/view.hpp"
#include "corridor/model/case.hpp"

namespace corridor {

/// How scores spread from the seeds.
enum class Method {
  /// Personalized PageRank (random walk with restart) on the role-aware strength graph:
  /// x = restart * y + (1 - restart) * W N^-1 x, N = diag(max(s_u, 1)). A walk settles on nodes
  /// in proportion to their strength, so a busy smuggler who phones a seed collects more than a
  /// traveller with one direct affiliation: ppr ranks contact volume as much as evidence.
  ppr,
  /// Label spreading (Zhou et al. 2004, "Learning with local and global consistency"):
  /// f = restart * (I - alpha S)^-1 y, S = N^-1/2 W N^-1/2 with N = diag(max(s_u, 1)) as in
  /// ppr, alpha = 1 - restart, solved by conjugate gradient. Symmetric normalisation damps hubs
  /// more than ppr does. (Zhou's D = diag(s_u) would lift a migrant held by one weak client tie
  /// to sqrt of its strength; the floor at 1 keeps weak ties weak.)
  spread,
  /// ppr divided by max(organizational strength, 1): a node's score per unit of its own
  /// non-client ties. The default. On an undirected graph, ppr at v divided by N_v is
  /// r [(N - (1 - r) W)^-1 y]_v, a symmetric kernel: what a walk started at v (leaving along
  /// each tie in proportion to its strength) brings back to the seeds, each seed per unit of its
  /// own strength. So the score says how much of v's own evidence leads to the group, not how
  /// much evidence v has: the degree normalisation of SybilRank (Cao et al. 2012), and the
  /// answer to Gillis & Pavlidis 2012 (guilt by association on a walk mostly measures degree).
  /// Client ties (at most client_factor in all) stay out of the divisor and the divisor is at
  /// least 1, so a migrant held by one weak client tie is not lifted to the score of the
  /// smuggler it knows (a plain degree normalisation would push migrants up).
  ppr_degree,
  /// The baseline to beat: textbook personalized PageRank over every node (countries included)
  /// and every relation, unit weights, dangling mass back to the seeds.
  naive,
};

/// "ppr", "spread", "ppr_degree", "naive".
std::string_view to_string(Method m) noexcept;
/// Parses a method name ('-' accepted for '_'); throws ParamError listing the valid names.
Method parse_method(std::string_view name);

/// Whether the group the seeds belong to, and the people directly tied to it or to a seed by
/// organizational evidence, count as seeds of their own (ignored by Method::naive).
enum class GroupSeeds {
  /// The group and the direct organizational ties. (1) An organization node that seeds are
  /// organizationally tied to (member_of, affiliated_with, financed, recruited, coordinated) is
  /// the group itself: an implicit seed of weight 1 - prod_s (1 - confidence_s x tie_s), tie_s
  /// the organizational part of seed s's tie to it by the evidence rule (two members graded B2
  /// make it 0.82). (2) A person with a direct organizational tie to a seed or to the group gets
  /// seed weight 1 - prod_a (1 - weight_a x tie_a) over those anchors: the tie is evidence about
  /// that person (a linearised belief propagation prior, Koutra et al. 2011), worth the same
  /// whether the group has five members or five hundred. A walk alone would divide what the
  /// group passes by its size, so that a traveller with a direct C3 affiliation to the group
  /// ranked below a dozen smugglers whose only link was phoning a seed. The default.
  implicit,
  /// Only (1), the group.
  group,
  /// Only the given seeds.
  off,
};

struct PropagationParams {
  /// ppr_degree: on cases of varied shapes its mean average precision is 0.87 (ppr 0.78), and
  /// 0.79 (ppr 0.68) on cases generated independently (benchmarks/RESULTS.md, AP table); it
  /// keeps every ordering of tests/propagation/ordering_test.cpp. Every front end takes this
  /// default through the propagation spec.
  Method method = Method::ppr_degree;
  /// Restart probability of the walk, in (0,1). For spread, alpha = 1 - restart. Higher keeps
  /// scores closer to the seeds.
  double restart = 0.15;
  /// Cap on the combined strength of a pair's client evidence (see is_client_tie), and on the
  /// client ties of one node together, in [0,1]. 0.01 keeps a seed smuggler's clients below 5%
  /// of an affiliate tied to it by a C3-graded recruitment (0.7 x 0.36 = 0.25), the motivating
  /// case of the product.
  double client_factor = 0.01;
  /// Explicit opt-out of the rule that country and location nodes pass nothing on. Their ties
  /// then carry their relation's transmission (originates_from and transited default to 0, so
  /// raise those too to make nationality count). Ignored by Method::naive, which always passes.
  bool countries_pass = false;
  /// Implicit seeds: the seeds' group and its direct organizational ties (ignored by naive).
  GroupSeeds group_seeds = GroupSeeds::implicit;
  /// Transmission overrides, half-life decay and its reference date (see graph/view.hpp).
  StrengthParams strength;
  /// Stop when the L1 change of an iteration (ppr, naive) or the relative CG residual (spread)
  /// falls below this; in (0, 1).
  double tolerance = 1e-10;
  /// Iteration cap, >= 1. Reaching it is reported in PropagationResult::converged.
  int max_iterations = 1000;
  bool operator==(const PropagationParams&) const = default;
};

/// A node made a seed by the seeds' organizational ties (GroupSeeds).
struct ImplicitSeed {
  NodeId node = kNoNode;
  double weight = 0.0;        ///< its seed weight, in (0,1]
  std::vector<NodeId> via;    ///< the seeds (or, for organizational_tie, seeds and groups) behind it, ascending
  enum class Kind {
    group,               ///< an organization the seeds are tied to: the group itself
    organizational_tie,  ///< a person with a direct organizational tie to a seed or the group
  } kind = Kind::group;
};

namespace detail {
struct PropagationOperator;
}

struct PropagationResult {
  /// One score per CASE node (index = NodeId), >= 0; 0 where nothing reaches:
  /// max(0, suspicion - clearance), and 0 at cleared persons. Country and location nodes score
  /// 0 unless countries_pass (or Method::naive). Scale: for ppr the suspicion sums to at most 1
  /// (seed vector normalised to sum 1).
  std::vector<double> scores;
  /// The seeds' part of each score (>= 0): walks from the seeds (implicit ones included) that
  /// never pass a cleared person.
  std::vector<double> suspicion;
  /// The cleared persons' part (>= 0), subtracted: walks from the cleared persons, on the same
  /// scale as the seeds. Empty when there is no cleared person (or for Method::naive).
  std::vector<double> clearance;
  /// Every node, best first: by score, ties by NodeId. Seeds are included.
  std::vector<NodeId> order;
  /// Per node, its place in `order`, 1 = best.
  std::vector<std::uint32_t> position;
  /// Per node, the seed its strongest evidence path starts from; kNoNode where the score is 0.
  /// A seed's own top seed is itself, except a person made a seed by a direct organizational tie
  /// (ImplicitSeed::Kind::organizational_tie): its top seed is where that tie leads.
  std::vector<NodeId> top_seed;
  /// The seed vector used: seed confidences per node (duplicates summed, implicit seeds added),
  /// before normalisation.
  std::vector<double> seed_weight;
  /// The cleared persons' confidences per node (0 elsewhere).
  std::vector<double> cleared_weight;
  /// The implicit seeds added (GroupSeeds), by NodeId.
  std::vector<ImplicitSeed> implicit_seeds;
  int iterations = 0;
  double residual = 0.0;
  bool converged = true;
  std::size_t ties = 0;  ///< tie pairs (undirected) of the graph the method walked on
  PropagationParams params;
  /// The walk behind these scores (cleared persons not cut out), kept so that
  /// build_explain_index() on the same case does not build it again: shared, not copied, by
  /// copies of the result, O(n + m) while one holds it. Empty for a result put together by hand
  /// (then the index builds the walk from the case and `params`).
  std::shared_ptr<const detail::PropagationOperator> walk;
};

/// Ranks every node of `c` by potential affiliation with the seeds (weighted by confidence).
/// Cleared persons (checked and cleared: a vetted traveller, an informant, an alibi; node and
/// confidence in (0,1] as in a Seed) are a negative prior (Koutra et al. 2011, FaBP): a cleared
/// person passes no suspicion on (walks from the seeds that reach one stop there), scores 0,
/// and its own negative mass -confidence (the seeds' scale) spreads by the same walk over the
/// whole graph; the score is max(0, suspicion - clearance). So adding a cleared person never
/// raises any score. Method::naive ignores cleared persons and implicit seeds (it is the
/// textbook baseline). Throws ParamError when there is no seed, a seed or cleared person is not
/// a node of the case or has confidence outside (0,1], a node is both a seed and cleared,
/// restart is outside (0,1), client_factor outside [0,1], tolerance outside (0,1),
/// max_iterations < 1, or an override names an unknown relation. Complexity:
/// O(evidence log d + iterations * ties) for ppr/naive/ppr_degree (twice with cleared
/// persons); spread is CG on the same sparse system. Parallel (OpenMP) and deterministic for any
/// thread count.
PropagationResult propagate(const Case& c, std::span<const Seed> seeds, const PropagationParams& p = {},
                            std::span<const Seed> cleared = {});


/// What a score of p.method adds up, in one sentence for people (restart filled in), e.g. for
/// ppr: "the walks from the seeds to it (each seed weighs its confidence / their sum), each step
/// losing 15% and divided by the strength of the node it leaves (at least 1)". Explanations
/// print it, so the number is what the text says for every method.
std::string score_meaning(const PropagationParams& p);

/// "implicit", "group", "off".
std::string_view to_string(GroupSeeds g) noexcept;
/// Parses a GroupSeeds name; throws ParamError listing the valid names.
GroupSeeds parse_group_seeds(std::string_view name);

/// The implicit seeds of `seeds` (see GroupSeeds); empty for GroupSeeds::off or Method::naive.
/// Seeds and cleared persons are never implicit seeds. O(e log e) for the e pieces of evidence
/// of the seeds and of the groups found.
std::vector<ImplicitSeed> implicit_seeds(const Case& c, std::span<const Seed> seeds, std::span<const Seed> cleared,
                                         const PropagationParams& p);

/// The view a method walks on: for ppr, spread and ppr_degree, the transmission weighting of
/// graph/view.hpp (the evidence rule) over every case node (vertex = NodeId), country and
/// location evidence left out unless countries_pass, client evidence capped at client_factor per
/// pair and per node; for naive, unit weights over everything.
ViewParams propagation_view(const PropagationParams& p);

/// The graph a method walks on, make_view(c, propagation_view(p)).graph: undirected, one arc
/// per pair, vertex = NodeId, weight = the pair's tie in (0,1] (1 for naive), tag = the
/// strongest EvidenceId behind it. Exposed for explanations, tests and reports.
Graph propagation_graph(const Case& c, const PropagationParams& p = {});

}  // namespace corridor
