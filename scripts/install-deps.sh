#!/usr/bin/env bash
# Installs every Debian package corridor needs to build, test, benchmark and draw reports.
# Idempotent: apt-get skips what is already there. Run as root (or through sudo).
#   scripts/install-deps.sh          build + tests (+ Python bindings, report browser test)
#   scripts/install-deps.sh --bench  also the peers the benchmark harness compares against
set -euo pipefail

want_bench=0
for arg in "$@"; do
  case "$arg" in
    --bench) want_bench=1 ;;
    *) echo "install-deps: unknown option '$arg' (valid: --bench)" >&2; exit 2 ;;
  esac
done

SUDO=""
if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi

packages=(
  # toolchain
  cmake g++ make pkg-config git
  # the fixed stack
  libboost-dev libboost-graph-dev libboost-serialization-dev libeigen3-dev catch2
  # command line, formatting, JSON, hashing for manifests and pseudonyms
  libcli11-dev libfmt-dev nlohmann-json3-dev libssl-dev
  # Unicode normalisation (NFC) of ids that look alike (--normalize-ids)
  libicu-dev
  # Python bindings, against Debian's /usr/bin/python3
  pybind11-dev python3-pybind11 python3-dev python3-numpy python3-pytest
  # micro-benchmarks, sanitizers and fuzzing
  libbenchmark-dev clang libclang-rt-14-dev libomp-14-dev
  # the report's browser tests
  chromium
  # the exchange check: every export loads in networkx and igraph, is well-formed XML, renders in graphviz
  python3-networkx python3-igraph libxml2-utils graphviz
  # corridor-mpi: Parallel BGL over MPI (the build skips it when these are missing)
  libboost-graph-parallel-dev libboost-mpi-dev libopenmpi-dev openmpi-bin
)
# The report's interactive view is bundled from npm packages (web/package-lock.json): node and
# npm from Debian unless the machine already has a node (>= 18).
if ! command -v node >/dev/null 2>&1 || ! command -v npm >/dev/null 2>&1; then
  packages+=(nodejs npm)
fi
if [ "$want_bench" -eq 1 ]; then
  packages+=(libigraph-dev libgraphblas-dev python3-graph-tool)
fi

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ "${#missing[@]}" -eq 0 ]; then
  echo "install-deps: all ${#packages[@]} packages already installed"
else
  echo "install-deps: installing ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  $SUDO apt-get -o DPkg::Lock::Timeout=600 update -qq
  $SUDO apt-get install -y -qq -o DPkg::Lock::Timeout=600 --no-install-recommends "${missing[@]}"
fi

# The npm packages of the report's view (cytoscape.js, esbuild; playwright-core drives Debian's
# chromium in the browser test and downloads no browser), exactly as locked.
root=$(cd "$(dirname "$0")/.." && pwd)
if [ ! -f "$root/web/node_modules/.package-lock.json" ] ||
   [ "$root/web/package-lock.json" -nt "$root/web/node_modules/.package-lock.json" ]; then
  echo "install-deps: npm ci in web/"
  (cd "$root/web" && npm ci --no-audit --no-fund)
else
  echo "install-deps: web/node_modules is up to date"
fi
