#!/usr/bin/env bash
# samvad rebuilds over an existing output: how long they take and how many
# files they rewrite.
#
#   benches/rebuild.sh [POSTS]          (default: 10000)
#
# Generates the benchmark blog on the repository's disk (target/bench-rebuild,
# or BENCH_DIR), builds it clean, then measures three rebuilds into the same
# output folder:
#   1. nothing changed;
#   2. one post's body changed (a sentence appended to the middle post);
#   3. one post's title changed (it shows on list, tag and feed pages too).
# For each it reports the wall time, and how many files of the output (and
# of social/ beside it) have a newer mtime or a different inode than before
# the rebuild, i.e. were written or replaced.
set -euo pipefail
export LC_ALL=C
cd "$(dirname "$0")/.."
n=${1:-10000}
root=${BENCH_DIR:-$(pwd)/target/bench-rebuild}
command -v /usr/bin/time >/dev/null || { echo "needs GNU time: apt-get install time" >&2; exit 1; }

cargo build --release --quiet --bin samvad --example gen_corpus
bin=$(pwd)/target/release/samvad
site=$root/site
out=$root/out/public
social=$root/out/social
rm -rf "$root" && mkdir -p "$site/themes"
target/release/examples/gen_corpus "$site" "$n" >/dev/null
cp -r themes/default "$site/themes/default"
echo "blog of $n posts in $root ($(stat -f -c %T "$root"))" >&2

build() {
  local t
  t=$({ /usr/bin/time -f '%e %M' "$bin" build --root "$site" --output "$out" --clock 2030-01-01 >/dev/null; } 2>&1 | tail -1)
  sync
  echo "$t"
}

# Inode and mtime of every file, to compare after a rebuild.
snapshot() { find "$out" "$social" -type f -printf '%i %T@ %p\n' | sort -k3; }

read -r wall kb < <(build)
files=$(find "$out" -type f | wc -l)
sfiles=$(find "$social" -type f | wc -l)
echo "clean build: $wall s, $((kb / 1024)) MB peak, $files files in the output, $sfiles in social/" >&2

middle=$(printf 'post-%06d.md' $((n / 2)))
post=$site/content/posts/$middle

printf '| rebuild | wall time | peak RSS | output files rewritten | social/ files rewritten |\n|---|---|---|---|---|\n'
printf '| clean build | %s s | %d MB | %d (all) | %d (all) |\n' "$wall" "$((kb / 1024))" "$files" "$sfiles"
measure() {
  local label=$1 before after wall kb changed schanged
  before=$(snapshot)
  sleep 1.1
  touch "$root/marker"
  sleep 1.1
  read -r wall kb < <(build)
  after=$(snapshot)
  # A file counts as rewritten when its inode or mtime changed, or it is new.
  changed=$(join -1 3 -2 3 -a 2 -o 2.3,1.1,2.1,1.2,2.2 <(echo "$before") <(echo "$after") |
    awk -v s="$social/" '($2 != $3 || $4 != $5) && index($1, s) != 1' | wc -l)
  schanged=$(join -1 3 -2 3 -a 2 -o 2.3,1.1,2.1,1.2,2.2 <(echo "$before") <(echo "$after") |
    awk -v s="$social/" '($2 != $3 || $4 != $5) && index($1, s) == 1' | wc -l)
  newer=$(find "$out" "$social" -type f -newer "$root/marker" | wc -l)
  printf '| %s | %s s | %d MB | %d | %d |\n' "$label" "$wall" "$((kb / 1024))" "$changed" "$schanged"
  echo "   $label: $newer files newer than the marker (output and social/)" >&2
}

measure "nothing changed"
printf '\nOne more sentence for the benchmark.\n' >>"$post"
measure "one post's body changed"
sed -i '0,/^title = "/s//title = "Retitled /' "$post"
measure "one post's title changed"
