#!/usr/bin/env bash
# Installs the built corridor into a fresh prefix and uses it the ways a user does: examples/
# built with find_package(corridor), one example built with pkg-config, the installed command,
# and the installed Python package (when the build has one). Works for the static and the shared
# library (BUILD_SHARED_LIBS): a shared one must carry its SONAME and be found without ldconfig
# or LD_LIBRARY_PATH.
#   run.sh BUILD_DIR SOURCE_DIR WORK_DIR
#   CONSUMER_CXX, CONSUMER_FLAGS   compiler and extra flags for the consumer (the sanitizer build
#                                  passes its -fsanitize flags: a sanitized library needs them)
#   CONSUMER_PYTHON                the interpreter the Python module was built for
set -euo pipefail
build_dir=$1; source_dir=$2; work=$3
cxx=${CONSUMER_CXX:-c++}; flags=${CONSUMER_FLAGS:-}
rm -rf "$work"; mkdir -p "$work"
prefix="$work/prefix"
cmake --install "$build_dir" --prefix "$prefix" > "$work/install.log"
test -x "$prefix/bin/corridor"
test -f "$prefix/include/corridor/corridor.hpp"
test -f "$prefix/lib/pkgconfig/corridor.pc"
if ls "$prefix"/bin/corridor-bench* > /dev/null 2>&1; then echo "benchmarks must not be installed"; exit 1; fi
"$prefix/bin/corridor" --version

shared=$(ls "$prefix"/lib/libcorridor.so.* 2> /dev/null | head -n1 || true)
if [ -n "$shared" ]; then
  soname=$(readelf -d "$shared" | sed -n 's/.*(SONAME).*\[\(.*\)\]/\1/p')
  echo "shared library $(basename "$shared"), SONAME $soname"
  case "$soname" in libcorridor.so.[0-9]*.[0-9]*) ;; *) echo "unexpected SONAME '$soname'"; exit 1;; esac
  test -e "$prefix/lib/$soname"
  # Every installed program and the Python extension find the prefix's library through their
  # RPATH: not the build tree's, not a system one, and without LD_LIBRARY_PATH.
  for elf in "$prefix"/bin/* $(find "$prefix" -name '_core*.so'); do
    found=$(env -u LD_LIBRARY_PATH ldd "$elf" | sed -n "s/^[[:space:]]*$soname => \(.*\) (0x.*/\1/p;s/^[[:space:]]*$soname => not found.*/not found/p")
    if [ -z "$found" ] || [ "$(realpath "$found")" != "$(realpath "$prefix/lib/$soname")" ]; then
      echo "$(basename "$elf") does not load the installed $soname (ldd: $soname => ${found:-none})"; exit 1
    fi
    echo "$(basename "$elf") loads ${found#"$prefix"/}"
  done
  pc_static=""
else
  test -f "$prefix/lib/libcorridor.a"
  echo "static library"
  pc_static="--static"
fi

sample="$prefix/share/corridor/sample-case"
cmake -S "$source_dir/tests/consumer" -B "$work/build" -DCMAKE_PREFIX_PATH="$prefix" \
      -DCMAKE_CXX_COMPILER="$(command -v "$cxx")" -DCMAKE_CXX_FLAGS="$flags" -DCMAKE_EXE_LINKER_FLAGS="$flags" \
      -DCORRIDOR_EXAMPLES_DIR="$source_dir/examples" -DCMAKE_BUILD_TYPE=Release > "$work/configure.log"
cmake --build "$work/build" -j2 > "$work/build.log"
for exe in "$work"/build/*; do
  if [ -f "$exe" ] && [ -x "$exe" ]; then
    echo "running $(basename "$exe")"
    "$exe" "$sample" > "$work/$(basename "$exe").out"
  fi
done

# pkg-config: the example that prints leads, built and run without CMake.
export PKG_CONFIG_PATH="$prefix/lib/pkgconfig"
# shellcheck disable=SC2046,SC2086
"$cxx" -std=c++20 $flags $(pkg-config $pc_static --cflags corridor) "$source_dir/examples/leads.cpp" \
       -o "$work/leads-pkgconfig" $(pkg-config $pc_static --libs corridor) -Wl,-rpath,"$prefix/lib"
"$work/leads-pkgconfig" "$sample" > "$work/leads-pkgconfig.out"
cmp "$work/leads-pkgconfig.out" "$work/leads.out"

# The Python package, from where it was installed and nowhere else.
core=$(find "$prefix" -name '_core*.so' -path '*/corridor/*' | head -n1)
if [ -n "$core" ] && [ -n "${CONSUMER_PYTHON:-}" ]; then
  site=$(dirname "$(dirname "$core")")
  echo "python package in ${site#"$prefix"/}"
  (cd "$work" && PYTHONPATH="$site" "$CONSUMER_PYTHON" -c "
import corridor, sys
assert corridor.__file__.startswith(sys.argv[1]), corridor.__file__
c = corridor.load(sys.argv[2])
assert len(c.ids) > 0
print('python: imported corridor', corridor.__version__, 'from the prefix;', len(c.ids), 'nodes')" "$site" "$sample")
fi
echo "consumer: installed package builds and runs the examples"
