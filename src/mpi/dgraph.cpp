// Parallel BGL headers must come after use_mpi.hpp and stay in this one translation unit.
#include <boost/graph/use_mpi.hpp>

#include <boost/graph/distributed/compressed_sparse_row_graph.hpp>
#include <boost/graph/distributed/connected_components.hpp>
#include <boost/graph/distributed/mpi_process_group.hpp>
#include <boost/property_map/parallel/distributed_property_map.hpp>

#include <algorithm>
#include <unordered_map>
#include <utility>

#include "mpi/dgraph.hpp"

namespace corridor::mpi {

namespace {

struct ArcProp {
  double weight = 1.0;
};

using ProcessGroup = boost::graph::distributed::mpi_process_group;
using DGraph = boost::compressed_sparse_row_graph<boost::directedS, boost::no_property, ArcProp, boost::no_property,
                                                  boost::distributedS<ProcessGroup>>;
using Descriptor = boost::graph_traits<DGraph>::vertex_descriptor;

struct WireArc {
  std::uint64_t source;
  std::uint64_t target;
  double weight;
};

}  // namespace

struct DistributedGraph::Pbgl {
  ProcessGroup pg;
  std::unique_ptr<DGraph> graph;
};

DistributedGraph::DistributedGraph(MPI_Comm comm, const Graph& pairs, Traffic* traffic)
    : comm_(comm), pbgl_(std::make_unique<Pbgl>()), n_(pairs.num_vertices()) {
  const int p = size_of(comm), me = rank_of(comm);
  const boost::parallel::block dist(pbgl_->pg, n_);

  // Every arc goes to the owner of its source.
  {
    std::vector<std::vector<WireArc>> out(static_cast<std::size_t>(p));
    const auto off = pairs.out_offsets();
    const auto tgt = pairs.out_targets();
    const auto w = pairs.arc_weights();
    for (vertex_t u = 0; u < n_; ++u)
      for (auto a = off[u]; a < off[u + 1]; ++a)
        out[static_cast<std::size_t>(dist(u))].push_back({u, tgt[a], static_cast<double>(w[a])});
    const std::vector<WireArc> in = route(comm, out, nullptr, traffic);
    out.clear();
    std::vector<std::pair<std::uint64_t, std::uint64_t>> edges;
    std::vector<ArcProp> props;
    edges.reserve(in.size());
    props.reserve(in.size());
    for (const WireArc& a : in) {
      edges.emplace_back(a.source, a.target);
      props.push_back({a.weight});
    }
    pbgl_->graph = std::make_unique<DGraph>(boost::edges_are_unsorted_multi_pass, edges.begin(), edges.end(),
                                            props.begin(), n_, pbgl_->pg);
  }
  const DGraph& g = *pbgl_->graph;
  const auto& base = g.base();
  local_ = static_cast<vertex_t>(boost::num_vertices(g));
  first_ = local_ > 0 ? static_cast<vertex_t>(g.distribution().global(me, 0)) : 0;

  // Compile the local part: local targets keep their index, remote ones get ghost slots numbered
  // by (owner, local index), so each owner receives its values in a fixed, sorted order.
  offsets_.assign(static_cast<std::size_t>(local_) + 1, 0);
  std::vector<std::uint64_t> remote;  // per arc: the remote key, or max for a local target
  constexpr std::uint64_t kLocal = static_cast<std::uint64_t>(-1);
  bool weighted = false;
  for (vertex_t u = 0; u < local_; ++u) {
    for (auto [a, b] = out_edges(static_cast<std::size_t>(u), base); a != b; ++a) {
      const Descriptor t = target(*a, base);
      const auto owner = static_cast<int>(get(boost::vertex_owner, g, t));
      const auto l = static_cast<std::uint64_t>(get(boost::vertex_local, g, t));
      const double w = base[*a].weight;
      weighted = weighted || w != 1.0;
      weights_.push_back(w);
      if (owner == me) {
        targets_.push_back(static_cast<std::uint32_t>(l));
        remote.push_back(kLocal);
      } else {
        targets_.push_back(0);
        remote.push_back((static_cast<std::uint64_t>(owner) << 40) | l);
      }
    }
    offsets_[u + 1] = targets_.size();
  }
  std::vector<std::uint64_t> keys;
  for (auto k : remote)
    if (k != kLocal) keys.push_back(k);
  std::sort(keys.begin(), keys.end());
  keys.erase(std::unique(keys.begin(), keys.end()), keys.end());
  {
    std::unordered_map<std::uint64_t, std::uint32_t> slot;
    slot.reserve(keys.size());
    for (std::size_t i = 0; i < keys.size(); ++i) slot.emplace(keys[i], static_cast<std::uint32_t>(i));
    for (std::size_t a = 0; a < remote.size(); ++a)
      if (remote[a] != kLocal) targets_[a] = local_ + slot[remote[a]];
  }
  ghost_owner_.resize(keys.size());
  send_counts_.assign(static_cast<std::size_t>(p), 0);
  send_displs_.assign(static_cast<std::size_t>(p), 0);
  std::vector<std::vector<std::uint32_t>> wanted(static_cast<std::size_t>(p));
  for (std::size_t i = 0; i < keys.size(); ++i) {
    const auto owner = static_cast<int>(keys[i] >> 40);
    ghost_owner_[i] = owner;
    ++send_counts_[static_cast<std::size_t>(owner)];
    wanted[static_cast<std::size_t>(owner)].push_back(static_cast<std::uint32_t>(keys[i] & ((std::uint64_t{1} << 40) - 1)));
  }
  for (int r = 1; r < p; ++r)
    send_displs_[static_cast<std::size_t>(r)] = send_displs_[static_cast<std::size_t>(r - 1)] + send_counts_[static_cast<std::size_t>(r - 1)];
  std::vector<std::uint64_t> from;
  recv_local_ = route(comm, wanted, &from, traffic);
  recv_counts_.assign(static_cast<std::size_t>(p), 0);
  recv_displs_.assign(static_cast<std::size_t>(p), 0);
  for (int r = 0; r < p; ++r) {
    recv_counts_[static_cast<std::size_t>(r)] = static_cast<int>(from[static_cast<std::size_t>(r)]);
    if (r > 0)
      recv_displs_[static_cast<std::size_t>(r)] = recv_displs_[static_cast<std::size_t>(r - 1)] + recv_counts_[static_cast<std::size_t>(r - 1)];
  }
  recv_buf_.resize(recv_local_.size());
  weighted_ = any_all(comm, weighted);
  arcs_ = sum_all(comm, static_cast<std::uint64_t>(targets_.size()));
}

DistributedGraph::~DistributedGraph() = default;

void DistributedGraph::push(std::vector<double>& acc, Traffic* traffic) const {
  MPI_Alltoallv(acc.data() + local_, send_counts_.data(), send_displs_.data(), MPI_DOUBLE, recv_buf_.data(),
                recv_counts_.data(), recv_displs_.data(), MPI_DOUBLE, comm_);
  for (std::size_t i = 0; i < recv_local_.size(); ++i) acc[recv_local_[i]] += recv_buf_[i];
  if (traffic) {
    const int me = rank_of(comm_);
    for (std::size_t r = 0; r < send_counts_.size(); ++r)
      if (static_cast<int>(r) != me && send_counts_[r] > 0) {
        traffic->bytes += static_cast<std::uint64_t>(send_counts_[r]) * sizeof(double);
        ++traffic->messages;
      }
  }
}

void DistributedGraph::push_min(std::vector<std::uint64_t>& acc, Traffic* traffic) const {
  std::vector<std::uint64_t> recv(recv_local_.size());
  MPI_Alltoallv(acc.data() + local_, send_counts_.data(), send_displs_.data(), MPI_UINT64_T, recv.data(),
                recv_counts_.data(), recv_displs_.data(), MPI_UINT64_T, comm_);
  for (std::size_t i = 0; i < recv_local_.size(); ++i) acc[recv_local_[i]] = std::min(acc[recv_local_[i]], recv[i]);
  if (traffic) {
    const int me = rank_of(comm_);
    for (std::size_t r = 0; r < send_counts_.size(); ++r)
      if (static_cast<int>(r) != me && send_counts_[r] > 0) {
        traffic->bytes += static_cast<std::uint64_t>(send_counts_[r]) * sizeof(std::uint64_t);
        ++traffic->messages;
      }
  }
}

std::vector<std::uint64_t> DistributedGraph::component_roots(int* rounds) const {
  // Every vertex starts with its own global index and takes the smallest label among itself and
  // its neighbours until no label changes anywhere: the answer (each component's smallest
  // vertex) does not depend on the number of ranks. Labels move in place within a rank (a
  // round carries a label along a whole local path) and one ghost exchange per round.
  constexpr std::uint64_t kNone = static_cast<std::uint64_t>(-1);
  std::vector<std::uint64_t> label(static_cast<std::size_t>(local_) + ghosts());
  for (vertex_t u = 0; u < local_; ++u) label[u] = static_cast<std::uint64_t>(first_) + u;
  int round = 0;
  for (bool changed = true; changed;) {
    ++round;
    std::fill(label.begin() + local_, label.end(), kNone);
    bool mine = false;
    for (int sweep = 0; sweep < 2; ++sweep) {  // forward, then backward: local paths either way
      for (vertex_t i = 0; i < local_; ++i) {
        const vertex_t u = sweep == 0 ? i : local_ - 1 - i;
        for (auto a = offsets_[u]; a < offsets_[u + 1]; ++a) {
          const std::uint32_t t = targets_[a];
          if (label[u] < label[t]) {
            label[t] = label[u];
            mine = mine || t < local_;
          } else if (t < local_ && label[t] < label[u]) {
            label[u] = label[t];
            mine = true;
          }
        }
      }
    }
    std::vector<std::uint64_t> before(label.begin(), label.begin() + local_);
    push_min(label);
    for (vertex_t u = 0; u < local_; ++u) mine = mine || label[u] != before[u];
    changed = any_all(comm_, mine);
  }
  if (rounds) *rounds = round;
  label.resize(local_);
  return label;
}

std::vector<std::uint64_t> DistributedGraph::component_roots_pbgl() const {
  const DGraph& g = *pbgl_->graph;
  std::vector<Descriptor> parents(boost::num_vertices(g));
  auto pm = boost::make_iterator_property_map(parents.begin(), get(boost::vertex_index, g));
  // The dummy component map: Parallel BGL's own numbering searches a list of roots for every
  // vertex (quadratic); the driver numbers components itself.
  boost::graph::distributed::connected_components(g, boost::dummy_property_map(), pm);
  std::vector<std::uint64_t> roots(parents.size());
  for (std::size_t i = 0; i < parents.size(); ++i) {
    const Descriptor r = parents[i];
    roots[i] = g.distribution().global(get(boost::vertex_owner, g, r), get(boost::vertex_local, g, r));
  }
  return roots;
}

}  // namespace corridor::mpi
