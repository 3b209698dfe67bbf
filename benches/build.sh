#!/usr/bin/env bash
# samvad-only full-build benchmark over generated blogs (1,000 words a
# post, mixed Hindi and English, code in half the posts, 40 tags).
#
#   benches/build.sh [SIZES...]        (default: 1000 10000; 100000 works too)
#
# Corpus and output live on tmpfs (/dev/shm) unless BENCH_DIR is set.
# Reports wall time (best of RUNS clean builds, default 3), peak RSS from
# /usr/bin/time -v, and both per post, so that growth with the site's size
# shows. For samvad against Hugo on the same corpus, see benches/compare.sh.
# Not a test: run it by hand and copy the table into benches/RESULTS.md.
# Each size's corpus and output are deleted once measured (a 100,000-post
# corpus fills several GB of tmpfs, memory the next benchmark would miss);
# KEEP=1 keeps them.
set -euo pipefail
cd "$(dirname "$0")/.."
if [ $# -gt 0 ]; then sizes=("$@"); else sizes=(1000 10000); fi
runs=${RUNS:-3}
root=${BENCH_DIR:-/dev/shm/samvad-bench}
command -v /usr/bin/time >/dev/null || { echo "needs GNU time: apt-get install time" >&2; exit 1; }

cargo build --release --quiet --bin samvad --example gen_corpus
bin=target/release/samvad
theme=$(pwd)/themes/default

printf '| posts | wall time (best of %s) | CPU user+sys | peak RSS | time per post | RSS per post |\n|---|---|---|---|---|---|\n' "$runs"
for n in "${sizes[@]}"; do
  site="$root/site-$n"
  rm -rf "$site" "$root/out-$n" && mkdir -p "$site/themes"
  target/release/examples/gen_corpus "$site" "$n" >/dev/null
  cp -r "$theme" "$site/themes/default"
  best=""; cpu=""; rss=""
  for _ in $(seq "$runs"); do
    # A clean build: the output and the social/ folder beside it go first.
    rm -rf "$root/out-$n"
    out=$( { /usr/bin/time -v "$bin" build --no-cache --root "$site" --output "$root/out-$n/public" --clock 2030-01-01 >/dev/null; } 2>&1 )
    wall=$(grep 'Elapsed (wall clock)' <<<"$out" | awk '{print $NF}' | awk -F: '{ if (NF==3) print $1*3600+$2*60+$3; else print $1*60+$2 }')
    used=$(awk -F': ' '/User time|System time/ {s += $2} END {print s}' <<<"$out")
    kb=$(grep 'Maximum resident set size' <<<"$out" | awk '{print $NF}')
    if [ -z "$best" ] || awk "BEGIN{exit !($wall < $best)}"; then best=$wall; cpu=$used; fi
    if [ -z "$rss" ] || [ "$kb" -gt "$rss" ]; then rss=$kb; fi
  done
  awk -v n="$n" -v t="$best" -v c="$cpu" -v kb="$rss" 'BEGIN {
    printf "| %d | %.2f s | %.2f s | %d MB | %.3f ms | %.1f KB |\n", n, t, c, kb / 1024, t * 1000 / n, kb / n }'
  [ "${KEEP:-0}" = 1 ] || rm -rf "$site" "$root/out-$n"
done
