#!/usr/bin/env bash
# Lists the C++ functions of src/ and bindings/ (or the folders given) that are at least MIN lines
# long, longest first: lines, file:line, qualified name. The house rule is about 120 lines at most;
# a longer function usually mixes concerns. Lambdas inside a function count within it (and are
# listed again on their own when long). Needs universal-ctags (Debian: apt-get install
# universal-ctags); not part of CI.
#   scripts/function-lengths.sh [MIN=100] [DIR...]
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
min=${1:-100}
shift || true
ctags=$(command -v ctags-universal || command -v ctags || true)
if [ -z "$ctags" ] || ! "$ctags" --version 2> /dev/null | grep -q "Universal Ctags"; then
  echo "function-lengths: needs universal-ctags (apt-get install universal-ctags)" >&2
  exit 2
fi
cd "$root"
[ $# -gt 0 ] || set -- src bindings
"$ctags" -R --languages=C++ --kinds-C++=f --fields=+ne -x \
         --_xformat='%{line} %{end} %{input} %{scope} %{name}' "$@" 2> /dev/null |
  awk -v min="$min" '{
    len = $2 - $1 + 1
    if ($2 != "" && len >= min) {
      scope = ($4 == "-" ? "" : $4 "::")
      gsub(/__anon[0-9a-f]+::/, "", scope)   # anonymous namespaces and lambdas by their place
      name = ($5 ~ /^__anon/ ? "(lambda)" : $5)
      printf "%5d  %s:%d  %s%s\n", len, $3, $1, scope, name
    }
  }' | sort -rn
