// corridor-mpi: the collective steps every phase is made of (private to src/mpi).
//
// route() is a personalised all-to-all of plain records (MPI_Alltoallv underneath, in rounds
// so that no count passes MPI's int limit); Traffic counts what a rank sent to the others, which
// the benchmark reports per iteration. agree() is the error checkpoint: every rank says what went
// wrong locally, rank 0 prints it once, and every rank learns whether to go on, so that no rank
// waits forever in a collective that another rank left.
#pragma once

#include <mpi.h>

#include <algorithm>
#include <cstdint>
#include <cstring>
#include <string>
#include <type_traits>
#include <vector>

namespace corridor::mpi {

/// Bytes and messages a rank sent to other ranks (its own share is not counted).
struct Traffic {
  std::uint64_t bytes = 0;
  std::uint64_t messages = 0;
};

inline int rank_of(MPI_Comm comm) {
  int r = 0;
  MPI_Comm_rank(comm, &r);
  return r;
}

inline int size_of(MPI_Comm comm) {
  int s = 1;
  MPI_Comm_size(comm, &s);
  return s;
}

/// Sends out[r] to rank r and returns what every rank sent here, in rank order; `from` (when
/// given) receives how many records came from each rank. T must be trivially copyable.
template <class T>
std::vector<T> route(MPI_Comm comm, const std::vector<std::vector<T>>& out, std::vector<std::uint64_t>* from = nullptr,
                        Traffic* traffic = nullptr) {
  static_assert(std::is_trivially_copyable_v<T>);
  const int p = size_of(comm), me = rank_of(comm);
  std::vector<std::uint64_t> send_n(static_cast<std::size_t>(p)), recv_n(static_cast<std::size_t>(p));
  for (int r = 0; r < p; ++r) send_n[static_cast<std::size_t>(r)] = out[static_cast<std::size_t>(r)].size();
  MPI_Alltoall(send_n.data(), 1, MPI_UINT64_T, recv_n.data(), 1, MPI_UINT64_T, comm);
  if (from) *from = recv_n;
  std::vector<std::uint64_t> recv_at(static_cast<std::size_t>(p), 0);
  std::uint64_t total = 0;
  for (int r = 0; r < p; ++r) recv_at[static_cast<std::size_t>(r)] = total, total += recv_n[static_cast<std::size_t>(r)];
  std::vector<T> in(static_cast<std::size_t>(total));
  if (traffic)
    for (int r = 0; r < p; ++r)
      if (r != me && send_n[static_cast<std::size_t>(r)] > 0) {
        traffic->bytes += send_n[static_cast<std::size_t>(r)] * sizeof(T);
        ++traffic->messages;
      }
  // Rounds of at most `cap` records per pair keep every byte count and displacement below 2^31.
  const std::uint64_t cap = std::max<std::uint64_t>(1, (std::uint64_t{1} << 30) / sizeof(T) / static_cast<std::uint64_t>(p));
  std::vector<std::uint64_t> sent(static_cast<std::size_t>(p), 0), got(static_cast<std::size_t>(p), 0);
  std::vector<int> sc(static_cast<std::size_t>(p)), sd(static_cast<std::size_t>(p)), rc(static_cast<std::size_t>(p)),
      rd(static_cast<std::size_t>(p));
  std::vector<char> sbuf, rbuf;
  for (;;) {
    std::uint64_t left = 0;
    for (int r = 0; r < p; ++r) {
      const auto i = static_cast<std::size_t>(r);
      left += send_n[i] - sent[i];
      left += recv_n[i] - got[i];
    }
    std::uint64_t any = left;
    MPI_Allreduce(MPI_IN_PLACE, &any, 1, MPI_UINT64_T, MPI_SUM, comm);
    if (any == 0) break;
    std::size_t sbytes = 0, rbytes = 0;
    for (int r = 0; r < p; ++r) {
      const auto i = static_cast<std::size_t>(r);
      const std::uint64_t s = std::min(cap, send_n[i] - sent[i]), g = std::min(cap, recv_n[i] - got[i]);
      sc[i] = static_cast<int>(s * sizeof(T));
      sd[i] = static_cast<int>(sbytes);
      sbytes += s * sizeof(T);
      rc[i] = static_cast<int>(g * sizeof(T));
      rd[i] = static_cast<int>(rbytes);
      rbytes += g * sizeof(T);
    }
    sbuf.resize(sbytes);
    rbuf.resize(rbytes);
    for (int r = 0; r < p; ++r) {
      const auto i = static_cast<std::size_t>(r);
      if (sc[i]) std::memcpy(sbuf.data() + sd[i], out[i].data() + sent[i], static_cast<std::size_t>(sc[i]));
    }
    MPI_Alltoallv(sbuf.data(), sc.data(), sd.data(), MPI_BYTE, rbuf.data(), rc.data(), rd.data(), MPI_BYTE, comm);
    for (int r = 0; r < p; ++r) {
      const auto i = static_cast<std::size_t>(r);
      if (rc[i]) std::memcpy(in.data() + recv_at[i] + got[i], rbuf.data() + rd[i], static_cast<std::size_t>(rc[i]));
      sent[i] += static_cast<std::uint64_t>(sc[i]) / sizeof(T);
      got[i] += static_cast<std::uint64_t>(rc[i]) / sizeof(T);
    }
  }
  return in;
}

/// Gathers every rank's records on rank 0, in rank order (empty elsewhere).
template <class T>
std::vector<T> gather(MPI_Comm comm, const std::vector<T>& mine) {
  std::vector<std::vector<T>> out(static_cast<std::size_t>(size_of(comm)));
  out[0] = mine;
  return route(comm, out);
}

/// Rank 0's vector on every rank.
template <class T>
void broadcast(MPI_Comm comm, std::vector<T>& v) {
  static_assert(std::is_trivially_copyable_v<T>);
  std::uint64_t n = v.size();
  MPI_Bcast(&n, 1, MPI_UINT64_T, 0, comm);
  v.resize(static_cast<std::size_t>(n));
  const std::uint64_t chunk = (std::uint64_t{1} << 30) / sizeof(T);
  for (std::uint64_t i = 0; i < n; i += chunk) {
    const std::uint64_t k = std::min(chunk, n - i);
    MPI_Bcast(v.data() + i, static_cast<int>(k * sizeof(T)), MPI_BYTE, 0, comm);
  }
}

inline double sum_all(MPI_Comm comm, double x) {
  MPI_Allreduce(MPI_IN_PLACE, &x, 1, MPI_DOUBLE, MPI_SUM, comm);
  return x;
}

inline std::uint64_t sum_all(MPI_Comm comm, std::uint64_t x) {
  MPI_Allreduce(MPI_IN_PLACE, &x, 1, MPI_UINT64_T, MPI_SUM, comm);
  return x;
}

inline std::int64_t max_all(MPI_Comm comm, std::int64_t x) {
  MPI_Allreduce(MPI_IN_PLACE, &x, 1, MPI_INT64_T, MPI_MAX, comm);
  return x;
}

inline bool any_all(MPI_Comm comm, bool x) {
  int v = x ? 1 : 0;
  MPI_Allreduce(MPI_IN_PLACE, &v, 1, MPI_INT, MPI_LOR, comm);
  return v != 0;
}

/// The error checkpoint. Every rank passes the lines it has to report (empty when all went
/// well); rank 0 prints each distinct line once, in rank order, prefixed "corridor-mpi: " (at most
/// `max_lines`, then a count). Returns true on every rank when no rank reported anything.
bool agree(MPI_Comm comm, const std::vector<std::string>& problems, std::size_t max_lines = 20);

}  // namespace corridor::mpi
