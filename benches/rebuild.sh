#!/usr/bin/env bash
# samvad rebuilds over an existing output: how long they take and how many
# files they rewrite.
#
#   benches/rebuild.sh [POSTS]          (default: 10000; RUNS=5)
#
# Generates the benchmark blog on the repository's disk (target/bench-rebuild,
# or BENCH_DIR, e.g. on /dev/shm for tmpfs), builds it clean (which fills
# the build cache, .samvad-cache/), then measures three kinds of rebuild
# into the same output folder, RUNS times each, with the cache:
#   1. nothing changed;
#   2. one post's body changed (a sentence appended to the middle post);
#   3. one post's title changed (it shows on list, tag and feed pages too).
# For each it reports the median wall time, and how many files of the
# output (and of social/ beside it) the last run wrote: a newer mtime or a
# different inode than before it.
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
runs=${RUNS:-5}
# measure LABEL EDIT: RUNS times, EDIT N (a shell function) then a rebuild.
measure() {
  local label=$1 edit=$2 before after wall kb changed schanged walls=() r
  for r in $(seq "$runs"); do
    "$edit" "$r"
    before=$(snapshot)
    sleep 1.1
    touch "$root/marker"
    sleep 1.1
    read -r wall kb < <(build)
    walls+=("$wall")
  done
  wall=$(printf '%s\n' "${walls[@]}" | sort -n | awk '{ a[NR] = $1 } END { print a[int((NR + 1) / 2)] }')
  after=$(snapshot)
  # A file counts as rewritten when its inode or mtime changed, or it is new.
  changed=$(join -1 3 -2 3 -a 2 -o 2.3,1.1,2.1,1.2,2.2 <(echo "$before") <(echo "$after") |
    awk -v s="$social/" '($2 != $3 || $4 != $5) && index($1, s) != 1' | wc -l)
  schanged=$(join -1 3 -2 3 -a 2 -o 2.3,1.1,2.1,1.2,2.2 <(echo "$before") <(echo "$after") |
    awk -v s="$social/" '($2 != $3 || $4 != $5) && index($1, s) == 1' | wc -l)
  newer=$(find "$out" "$social" -type f -newer "$root/marker" | wc -l)
  printf '| %s | %s s (median of %d) | %d MB | %d | %d |\n' "$label" "$wall" "$runs" "$((kb / 1024))" "$changed" "$schanged"
  echo "   $label: $newer files newer than the marker (output and social/); each run: ${walls[*]} s" >&2
}

nothing() { :; }
body() { printf '\nOne more sentence for the benchmark, number %d.\n' "$1" >>"$post"; }
title() { sed -i "0,/^title = \"/s//title = \"Retitled $1 /" "$post"; }
measure "nothing changed" nothing
measure "one post's body changed" body
measure "one post's title changed" title
