#!/usr/bin/env bash
# Installs the built corridor into a fresh prefix, builds examples/ against it with
# find_package(corridor), and runs each example on the installed sample case.
set -euo pipefail
build_dir=$1; source_dir=$2; work=$3
rm -rf "$work"; mkdir -p "$work"
cmake --install "$build_dir" --prefix "$work/prefix" > "$work/install.log"
test -x "$work/prefix/bin/corridor"
test -f "$work/prefix/include/corridor/corridor.hpp"
"$work/prefix/bin/corridor" --version
cmake -S "$source_dir/tests/consumer" -B "$work/build" -DCMAKE_PREFIX_PATH="$work/prefix" \
      -DCORRIDOR_EXAMPLES_DIR="$source_dir/examples" -DCMAKE_BUILD_TYPE=Release > "$work/configure.log"
cmake --build "$work/build" -j2 > "$work/build.log"
sample="$work/prefix/share/corridor/sample-case"
for exe in "$work"/build/*; do
  if [ -f "$exe" ] && [ -x "$exe" ]; then
    echo "running $(basename "$exe")"
    "$exe" "$sample" > "$work/$(basename "$exe").out"
  fi
done
echo "consumer: installed package builds and runs the examples"
