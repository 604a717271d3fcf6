// corridor/graph/boost_graph.hpp: corridor::Graph as a Boost.Graph graph, with no copy.
//
// Include this header and a corridor Graph (from make_view, propagation_graph or
// Graph::from_edges) can be handed to Boost.Graph's algorithms as it is. It models
// VertexListGraph, EdgeListGraph, IncidenceGraph, AdjacencyGraph and BidirectionalGraph, and
// offers the property maps those algorithms ask for:
//   - get(boost::vertex_index, g): vertex -> vertex (vertices already are 0..n-1);
//   - get(boost::edge_index, g):   arc -> its position in the out-CSR, in [0, g.num_arcs());
//   - get(boost::edge_weight, g):  arc -> its weight (tie strength, > 0);
//   - get(corridor::bgl::edge_evidence, g): arc -> its tag (for views: the EvidenceId of the
//     strongest piece of evidence behind the tie).
//
// What a Boost user must know: Boost sees the graph as it is stored, arc by arc. A directed
// Graph is a directed graph. An undirected Graph stores each tie as two arcs, u->v and v->u, and
// Boost sees that symmetric directed graph (directed_category is bidirectional_tag, as for
// Boost's own compressed_sparse_row_graph, which cannot be undirected either): num_edges(g) is
// g.num_arcs() (twice g.num_edges()), degree(v, g) is in- plus out-degree, and
// brandes_betweenness_centrality counts every pair in both directions. Where an algorithm needs
// undirected semantics (edges() listing each tie once, betweenness halved, connected_components
// with named parameters, undirected_dfs), wrap the graph in bgl::undirected(g): the same arrays,
// seen as an undirected graph (only for a Graph with directed() == false).
//
//   #include <boost/graph/dijkstra_shortest_paths.hpp>
//   #include "corridor/graph/boost_graph.hpp"
//   corridor::View view = corridor::make_view(c, {.weighting = corridor::Weighting::strength});
//   const corridor::Graph& g = view.graph;
//   std::vector<double> dist(g.num_vertices());
//   boost::dijkstra_shortest_paths(g, 0, boost::distance_map(dist.data()));   // edge_weight by default
//
// Cost: every traversal function is O(1) per step, reading the CSR arrays in place, except
// in_edges(): an in-arc is found in the out-CSR by binary search (O(log d) per step), so that
// the same tie has one descriptor, one index and one weight whichever way it is reached.
// Descriptors and maps hold pointers into the Graph: they are valid while the Graph lives.
#pragma once

#include <boost/graph/graph_traits.hpp>
#include <boost/graph/properties.hpp>
#include <boost/iterator/counting_iterator.hpp>
#include <boost/iterator/iterator_facade.hpp>
#include <boost/property_map/property_map.hpp>

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <type_traits>
#include <utility>

#include "corridor/error.hpp"
#include "corridor/graph/graph.hpp"

namespace corridor::bgl {

/// Index of an arc in the out-CSR (whatever integer type Graph uses for its offsets).
using arc_index_t = std::remove_cv_t<typename decltype(std::declval<const Graph&>().out_offsets())::element_type>;
/// Weight type of the arcs (whatever floating type Graph stores).
using weight_t = std::remove_cv_t<typename decltype(std::declval<const Graph&>().arc_weights())::element_type>;
/// Tag type of the arcs.
using tag_t = std::remove_cv_t<typename decltype(std::declval<const Graph&>().arc_tags())::element_type>;

/// Edge descriptor: one arc source -> target, stored at `index` of the out-CSR. Two descriptors
/// are equal when they name the same arc.
struct arc {
  vertex_t source = kNoVertex;
  vertex_t target = kNoVertex;
  arc_index_t index = 0;

  friend bool operator==(const arc& a, const arc& b) noexcept { return a.index == b.index && a.source == b.source; }
  friend bool operator!=(const arc& a, const arc& b) noexcept { return !(a == b); }
  friend bool operator<(const arc& a, const arc& b) noexcept { return a.index < b.index; }
  friend std::size_t hash_value(const arc& a) noexcept { return std::hash<arc_index_t>{}(a.index); }
};

/// Out-arcs of one vertex, in target order.
class out_arc_iterator
    : public boost::iterator_facade<out_arc_iterator, arc, boost::random_access_traversal_tag, arc, std::ptrdiff_t> {
 public:
  out_arc_iterator() = default;
  out_arc_iterator(vertex_t source, const vertex_t* targets, arc_index_t index)
      : source_(source), targets_(targets), index_(index) {}

 private:
  friend class boost::iterator_core_access;
  arc dereference() const { return {source_, targets_[index_], index_}; }
  bool equal(const out_arc_iterator& o) const { return index_ == o.index_; }
  void increment() { ++index_; }
  void decrement() { --index_; }
  void advance(std::ptrdiff_t k) { index_ = static_cast<arc_index_t>(static_cast<std::ptrdiff_t>(index_) + k); }
  std::ptrdiff_t distance_to(const out_arc_iterator& o) const {
    return static_cast<std::ptrdiff_t>(o.index_) - static_cast<std::ptrdiff_t>(index_);
  }
  vertex_t source_ = kNoVertex;
  const vertex_t* targets_ = nullptr;
  arc_index_t index_ = 0;
};

/// In-arcs of one vertex, in source order; each dereference finds the arc in the out-CSR.
class in_arc_iterator
    : public boost::iterator_facade<in_arc_iterator, arc, boost::random_access_traversal_tag, arc, std::ptrdiff_t> {
 public:
  in_arc_iterator() = default;
  in_arc_iterator(const Graph* g, vertex_t target, arc_index_t position) : g_(g), target_(target), pos_(position) {}

 private:
  friend class boost::iterator_core_access;
  arc dereference() const {
    const vertex_t s = g_->in_sources()[pos_];
    return {s, target_, static_cast<arc_index_t>(g_->find_arc(s, target_))};
  }
  bool equal(const in_arc_iterator& o) const { return pos_ == o.pos_; }
  void increment() { ++pos_; }
  void decrement() { --pos_; }
  void advance(std::ptrdiff_t k) { pos_ = static_cast<arc_index_t>(static_cast<std::ptrdiff_t>(pos_) + k); }
  std::ptrdiff_t distance_to(const in_arc_iterator& o) const {
    return static_cast<std::ptrdiff_t>(o.pos_) - static_cast<std::ptrdiff_t>(pos_);
  }
  const Graph* g_ = nullptr;
  vertex_t target_ = kNoVertex;
  arc_index_t pos_ = 0;
};

/// Every arc of the graph, by source then target. With `forward_only`, only the arcs u -> v
/// with u < v (each tie of an undirected graph once).
class all_arc_iterator : public boost::iterator_facade<all_arc_iterator, arc, boost::forward_traversal_tag, arc> {
 public:
  all_arc_iterator() = default;
  all_arc_iterator(const Graph* g, bool forward_only, bool at_end) : g_(g), forward_only_(forward_only) {
    const auto off = g->out_offsets();
    source_ = at_end ? g->num_vertices() : 0;
    index_ = at_end ? static_cast<arc_index_t>(g->num_arcs()) : 0;
    if (!at_end) settle(off);
  }

 private:
  friend class boost::iterator_core_access;
  arc dereference() const { return {source_, g_->out_targets()[index_], index_}; }
  bool equal(const all_arc_iterator& o) const { return index_ == o.index_; }
  void increment() {
    ++index_;
    settle(g_->out_offsets());
  }
  // Moves to the first arc at or after index_ that is listed (skipping vertices without arcs and,
  // when forward_only, arcs to lower vertices).
  template <class Offsets>
  void settle(const Offsets& off) {
    const vertex_t n = g_->num_vertices();
    const auto m = static_cast<arc_index_t>(g_->num_arcs());
    const auto targets = g_->out_targets();
    for (;;) {
      while (source_ < n && index_ >= off[source_ + 1]) ++source_;
      if (index_ >= m || !forward_only_ || targets[index_] > source_) return;
      ++index_;
    }
  }
  const Graph* g_ = nullptr;
  bool forward_only_ = false;
  vertex_t source_ = 0;
  arc_index_t index_ = 0;
};

/// Traversal category of corridor::Graph (as Boost's compressed_sparse_row_graph declares it).
struct graph_traversal_category : public virtual boost::bidirectional_graph_tag,
                                  public virtual boost::adjacency_graph_tag,
                                  public virtual boost::vertex_list_graph_tag,
                                  public virtual boost::edge_list_graph_tag {};

/// vertex_index: the identity (vertices are 0..n-1).
using vertex_index_map = boost::typed_identity_property_map<vertex_t>;

/// edge_index: the arc's position in the out-CSR, in [0, num_arcs). Size per-edge arrays by
/// g.num_arcs().
struct arc_index_map : public boost::put_get_helper<arc_index_t, arc_index_map> {
  using key_type = arc;
  using value_type = arc_index_t;
  using reference = arc_index_t;
  using category = boost::readable_property_map_tag;
  arc_index_t operator[](const arc& a) const noexcept { return a.index; }
};

/// edge_weight: the arc's weight, read in place.
struct arc_weight_map : public boost::put_get_helper<weight_t, arc_weight_map> {
  using key_type = arc;
  using value_type = weight_t;
  using reference = weight_t;
  using category = boost::readable_property_map_tag;
  const weight_t* weights = nullptr;
  weight_t operator[](const arc& a) const noexcept { return weights[a.index]; }
};

/// Tag of an arc, for views the EvidenceId of the strongest piece of evidence behind it.
struct edge_evidence_t {
  using kind = boost::edge_property_tag;
};
inline constexpr edge_evidence_t edge_evidence{};

/// edge_evidence: the arc's tag, read in place.
struct arc_tag_map : public boost::put_get_helper<tag_t, arc_tag_map> {
  using key_type = arc;
  using value_type = tag_t;
  using reference = tag_t;
  using category = boost::readable_property_map_tag;
  const tag_t* tags = nullptr;
  tag_t operator[](const arc& a) const noexcept { return tags[a.index]; }
};

}  // namespace corridor::bgl

namespace boost {

template <>
struct graph_traits<corridor::Graph> {
  using vertex_descriptor = corridor::vertex_t;
  using edge_descriptor = corridor::bgl::arc;
  using directed_category = bidirectional_tag;
  using edge_parallel_category = disallow_parallel_edge_tag;
  using traversal_category = corridor::bgl::graph_traversal_category;
  using vertex_iterator = counting_iterator<corridor::vertex_t>;
  using out_edge_iterator = corridor::bgl::out_arc_iterator;
  using in_edge_iterator = corridor::bgl::in_arc_iterator;
  using adjacency_iterator = const corridor::vertex_t*;
  using edge_iterator = corridor::bgl::all_arc_iterator;
  using vertices_size_type = corridor::vertex_t;
  using edges_size_type = corridor::bgl::arc_index_t;
  using degree_size_type = corridor::bgl::arc_index_t;
  static vertex_descriptor null_vertex() noexcept { return corridor::kNoVertex; }
};
template <>
struct graph_traits<const corridor::Graph> : graph_traits<corridor::Graph> {};

template <>
struct property_map<corridor::Graph, vertex_index_t> {
  using type = corridor::bgl::vertex_index_map;
  using const_type = type;
};
template <>
struct property_map<corridor::Graph, edge_index_t> {
  using type = corridor::bgl::arc_index_map;
  using const_type = type;
};
template <>
struct property_map<corridor::Graph, edge_weight_t> {
  using type = corridor::bgl::arc_weight_map;
  using const_type = type;
};
template <>
struct property_map<corridor::Graph, corridor::bgl::edge_evidence_t> {
  using type = corridor::bgl::arc_tag_map;
  using const_type = type;
};
template <class Tag>
struct property_map<const corridor::Graph, Tag> : property_map<corridor::Graph, Tag> {};

}  // namespace boost

namespace corridor {

// The free functions Boost.Graph calls, found by argument-dependent lookup on corridor::Graph.

// ---- VertexListGraph
inline std::pair<boost::counting_iterator<vertex_t>, boost::counting_iterator<vertex_t>> vertices(const Graph& g) {
  return {boost::counting_iterator<vertex_t>(0), boost::counting_iterator<vertex_t>(g.num_vertices())};
}
inline vertex_t num_vertices(const Graph& g) noexcept { return g.num_vertices(); }
/// The i-th vertex (vertices are their own indices).
inline vertex_t vertex(vertex_t i, const Graph&) noexcept { return i; }

// ---- IncidenceGraph
inline std::pair<bgl::out_arc_iterator, bgl::out_arc_iterator> out_edges(vertex_t v, const Graph& g) {
  const auto off = g.out_offsets();
  const vertex_t* targets = g.out_targets().data();
  return {bgl::out_arc_iterator(v, targets, off[v]), bgl::out_arc_iterator(v, targets, off[v + 1])};
}
inline bgl::arc_index_t out_degree(vertex_t v, const Graph& g) { return static_cast<bgl::arc_index_t>(g.out_degree(v)); }
inline vertex_t source(const bgl::arc& e, const Graph&) noexcept { return e.source; }
inline vertex_t target(const bgl::arc& e, const Graph&) noexcept { return e.target; }

// ---- BidirectionalGraph (an undirected Graph's in-arcs are its out-arcs reversed)
inline std::pair<bgl::in_arc_iterator, bgl::in_arc_iterator> in_edges(vertex_t v, const Graph& g) {
  const auto off = g.in_offsets();
  return {bgl::in_arc_iterator(&g, v, off[v]), bgl::in_arc_iterator(&g, v, off[v + 1])};
}
inline bgl::arc_index_t in_degree(vertex_t v, const Graph& g) { return static_cast<bgl::arc_index_t>(g.in_degree(v)); }
/// In- plus out-degree (Boost's rule for directed graphs; 2 x the tie count when undirected).
inline bgl::arc_index_t degree(vertex_t v, const Graph& g) { return in_degree(v, g) + out_degree(v, g); }

// ---- AdjacencyGraph
inline std::pair<const vertex_t*, const vertex_t*> adjacent_vertices(vertex_t v, const Graph& g) {
  const auto nb = g.out_neighbors(v);
  return {nb.data(), nb.data() + nb.size()};
}

// ---- EdgeListGraph (every arc)
inline std::pair<bgl::all_arc_iterator, bgl::all_arc_iterator> edges(const Graph& g) {
  return {bgl::all_arc_iterator(&g, false, false), bgl::all_arc_iterator(&g, false, true)};
}
inline bgl::arc_index_t num_edges(const Graph& g) noexcept { return static_cast<bgl::arc_index_t>(g.num_arcs()); }

/// The arc u -> v and true, or a default arc and false (binary search, O(log d)).
inline std::pair<bgl::arc, bool> edge(vertex_t u, vertex_t v, const Graph& g) {
  const std::int64_t i = g.find_arc(u, v);
  if (i < 0) return {bgl::arc{}, false};
  return {bgl::arc{u, v, static_cast<bgl::arc_index_t>(i)}, true};
}

// ---- property maps
inline bgl::vertex_index_map get(boost::vertex_index_t, const Graph&) noexcept { return {}; }
inline vertex_t get(boost::vertex_index_t, const Graph&, vertex_t v) noexcept { return v; }
inline bgl::arc_index_map get(boost::edge_index_t, const Graph&) noexcept { return {}; }
inline bgl::arc_index_t get(boost::edge_index_t, const Graph&, const bgl::arc& e) noexcept { return e.index; }
inline bgl::arc_weight_map get(boost::edge_weight_t, const Graph& g) noexcept {
  bgl::arc_weight_map m;
  m.weights = g.arc_weights().data();
  return m;
}
inline bgl::weight_t get(boost::edge_weight_t, const Graph& g, const bgl::arc& e) { return g.arc_weights()[e.index]; }
inline bgl::arc_tag_map get(bgl::edge_evidence_t, const Graph& g) noexcept {
  bgl::arc_tag_map m;
  m.tags = g.arc_tags().data();
  return m;
}
inline bgl::tag_t get(bgl::edge_evidence_t, const Graph& g, const bgl::arc& e) { return g.arc_tags()[e.index]; }

}  // namespace corridor

// ---- bgl::undirected(g): an undirected Graph as Boost's undirected graph --------------------

namespace corridor::bgl {

/// Edge descriptor of bgl::undirected_graph: the tie {source, target} reached from `source`;
/// `index` is the arc source -> target (for its weight and tag). The same tie reached from
/// either end compares equal and has the same edge_index.
struct tie {
  vertex_t source = kNoVertex;
  vertex_t target = kNoVertex;
  arc_index_t index = 0;

  friend bool operator==(const tie& a, const tie& b) noexcept {
    return (a.source == b.source && a.target == b.target) || (a.source == b.target && a.target == b.source);
  }
  friend bool operator!=(const tie& a, const tie& b) noexcept { return !(a == b); }
  friend bool operator<(const tie& a, const tie& b) noexcept {
    const auto lo = [](const tie& t) { return std::pair(std::min(t.source, t.target), std::max(t.source, t.target)); };
    return lo(a) < lo(b);
  }
  friend std::size_t hash_value(const tie& t) noexcept {
    return std::hash<std::uint64_t>{}((std::uint64_t{std::min(t.source, t.target)} << 32) | std::max(t.source, t.target));
  }
};

/// Non-owning view of an undirected Graph with Boost's undirected semantics: out_edges(v) lists
/// the ties at v (source v), edges() each tie once (from its lower end), num_edges() the tie
/// count. Holds a pointer to the Graph, which must outlive it.
class undirected_graph {
 public:
  /// Throws ParamError when g is directed (make it undirected first with g.to_undirected()).
  explicit undirected_graph(const Graph& g);
  const Graph& base() const noexcept { return *g_; }

 private:
  const Graph* g_;
};

/// bgl::undirected_graph(g).
inline undirected_graph undirected(const Graph& g) { return undirected_graph(g); }

/// Ties at one vertex.
class tie_iterator
    : public boost::iterator_facade<tie_iterator, tie, boost::random_access_traversal_tag, tie, std::ptrdiff_t> {
 public:
  tie_iterator() = default;
  explicit tie_iterator(out_arc_iterator it) : it_(it) {}

 private:
  friend class boost::iterator_core_access;
  tie dereference() const {
    const arc a = *it_;
    return {a.source, a.target, a.index};
  }
  bool equal(const tie_iterator& o) const { return it_ == o.it_; }
  void increment() { ++it_; }
  void decrement() { --it_; }
  void advance(std::ptrdiff_t k) { it_ += k; }
  std::ptrdiff_t distance_to(const tie_iterator& o) const { return o.it_ - it_; }
  out_arc_iterator it_;
};

/// Every tie once.
class all_tie_iterator : public boost::iterator_facade<all_tie_iterator, tie, boost::forward_traversal_tag, tie> {
 public:
  all_tie_iterator() = default;
  explicit all_tie_iterator(all_arc_iterator it) : it_(it) {}

 private:
  friend class boost::iterator_core_access;
  tie dereference() const {
    const arc a = *it_;
    return {a.source, a.target, a.index};
  }
  bool equal(const all_tie_iterator& o) const { return it_ == o.it_; }
  void increment() { ++it_; }
  all_arc_iterator it_;
};

struct undirected_traversal_category : public virtual boost::incidence_graph_tag,
                                       public virtual boost::adjacency_graph_tag,
                                       public virtual boost::vertex_list_graph_tag,
                                       public virtual boost::edge_list_graph_tag {};

/// edge_index of bgl::undirected_graph: the position of the tie's arc from its lower end, in
/// [0, num_arcs); both ends of a tie map to it (one binary search when reached from the higher
/// end).
struct tie_index_map : public boost::put_get_helper<arc_index_t, tie_index_map> {
  using key_type = tie;
  using value_type = arc_index_t;
  using reference = arc_index_t;
  using category = boost::readable_property_map_tag;
  const Graph* g = nullptr;
  arc_index_t operator[](const tie& t) const {
    if (t.source < t.target) return t.index;
    return static_cast<arc_index_t>(g->find_arc(t.target, t.source));
  }
};

/// edge_weight of bgl::undirected_graph.
struct tie_weight_map : public boost::put_get_helper<weight_t, tie_weight_map> {
  using key_type = tie;
  using value_type = weight_t;
  using reference = weight_t;
  using category = boost::readable_property_map_tag;
  const weight_t* weights = nullptr;
  weight_t operator[](const tie& t) const noexcept { return weights[t.index]; }
};

/// edge_evidence of bgl::undirected_graph.
struct tie_tag_map : public boost::put_get_helper<tag_t, tie_tag_map> {
  using key_type = tie;
  using value_type = tag_t;
  using reference = tag_t;
  using category = boost::readable_property_map_tag;
  const tag_t* tags = nullptr;
  tag_t operator[](const tie& t) const noexcept { return tags[t.index]; }
};

}  // namespace corridor::bgl

namespace boost {

template <>
struct graph_traits<corridor::bgl::undirected_graph> {
  using vertex_descriptor = corridor::vertex_t;
  using edge_descriptor = corridor::bgl::tie;
  using directed_category = undirected_tag;
  using edge_parallel_category = disallow_parallel_edge_tag;
  using traversal_category = corridor::bgl::undirected_traversal_category;
  using vertex_iterator = counting_iterator<corridor::vertex_t>;
  using out_edge_iterator = corridor::bgl::tie_iterator;
  using in_edge_iterator = void;
  using adjacency_iterator = const corridor::vertex_t*;
  using edge_iterator = corridor::bgl::all_tie_iterator;
  using vertices_size_type = corridor::vertex_t;
  using edges_size_type = corridor::bgl::arc_index_t;
  using degree_size_type = corridor::bgl::arc_index_t;
  static vertex_descriptor null_vertex() noexcept { return corridor::kNoVertex; }
};
template <>
struct graph_traits<const corridor::bgl::undirected_graph> : graph_traits<corridor::bgl::undirected_graph> {};

template <>
struct property_map<corridor::bgl::undirected_graph, vertex_index_t> {
  using type = corridor::bgl::vertex_index_map;
  using const_type = type;
};
template <>
struct property_map<corridor::bgl::undirected_graph, edge_index_t> {
  using type = corridor::bgl::tie_index_map;
  using const_type = type;
};
template <>
struct property_map<corridor::bgl::undirected_graph, edge_weight_t> {
  using type = corridor::bgl::tie_weight_map;
  using const_type = type;
};
template <>
struct property_map<corridor::bgl::undirected_graph, corridor::bgl::edge_evidence_t> {
  using type = corridor::bgl::tie_tag_map;
  using const_type = type;
};
template <class Tag>
struct property_map<const corridor::bgl::undirected_graph, Tag> : property_map<corridor::bgl::undirected_graph, Tag> {};

}  // namespace boost

namespace corridor::bgl {

inline undirected_graph::undirected_graph(const Graph& g) : g_(&g) {
  if (g.directed())
    throw ParamError(
        "bgl::undirected needs an undirected Graph; this one is directed (use g.to_undirected() or Boost's "
        "directed algorithms on the Graph itself)");
}

inline std::pair<boost::counting_iterator<vertex_t>, boost::counting_iterator<vertex_t>> vertices(
    const undirected_graph& u) {
  return corridor::vertices(u.base());
}
inline vertex_t num_vertices(const undirected_graph& u) noexcept { return u.base().num_vertices(); }
inline vertex_t vertex(vertex_t i, const undirected_graph&) noexcept { return i; }
inline std::pair<tie_iterator, tie_iterator> out_edges(vertex_t v, const undirected_graph& u) {
  const auto r = corridor::out_edges(v, u.base());
  return {tie_iterator(r.first), tie_iterator(r.second)};
}
inline arc_index_t out_degree(vertex_t v, const undirected_graph& u) { return static_cast<arc_index_t>(u.base().out_degree(v)); }
inline arc_index_t degree(vertex_t v, const undirected_graph& u) { return out_degree(v, u); }
inline vertex_t source(const tie& e, const undirected_graph&) noexcept { return e.source; }
inline vertex_t target(const tie& e, const undirected_graph&) noexcept { return e.target; }
inline std::pair<const vertex_t*, const vertex_t*> adjacent_vertices(vertex_t v, const undirected_graph& u) {
  return corridor::adjacent_vertices(v, u.base());
}
inline std::pair<all_tie_iterator, all_tie_iterator> edges(const undirected_graph& u) {
  return {all_tie_iterator(all_arc_iterator(&u.base(), true, false)),
          all_tie_iterator(all_arc_iterator(&u.base(), true, true))};
}
inline arc_index_t num_edges(const undirected_graph& u) noexcept { return static_cast<arc_index_t>(u.base().num_edges()); }
inline std::pair<tie, bool> edge(vertex_t a, vertex_t b, const undirected_graph& u) {
  const auto r = corridor::edge(a, b, u.base());
  return {tie{r.first.source, r.first.target, r.first.index}, r.second};
}

inline vertex_index_map get(boost::vertex_index_t, const undirected_graph&) noexcept { return {}; }
inline vertex_t get(boost::vertex_index_t, const undirected_graph&, vertex_t v) noexcept { return v; }
inline tie_index_map get(boost::edge_index_t, const undirected_graph& u) noexcept {
  tie_index_map m;
  m.g = &u.base();
  return m;
}
inline arc_index_t get(boost::edge_index_t, const undirected_graph& u, const tie& e) {
  return get(boost::edge_index, u)[e];
}
inline tie_weight_map get(boost::edge_weight_t, const undirected_graph& u) noexcept {
  tie_weight_map m;
  m.weights = u.base().arc_weights().data();
  return m;
}
inline weight_t get(boost::edge_weight_t, const undirected_graph& u, const tie& e) { return u.base().arc_weights()[e.index]; }
inline tie_tag_map get(edge_evidence_t, const undirected_graph& u) noexcept {
  tie_tag_map m;
  m.tags = u.base().arc_tags().data();
  return m;
}
inline tag_t get(edge_evidence_t, const undirected_graph& u, const tie& e) { return u.base().arc_tags()[e.index]; }

}  // namespace corridor::bgl
