#!/usr/bin/env bash
# Full-build benchmark over generated blogs of 1,000 and 10,000 posts.
#
#   benches/build.sh [SIZES...]        (default: 1000 10000)
#
# Corpus and output live on tmpfs (/dev/shm) unless BENCH_DIR is set.
# Reports wall time (best of RUNS, default 3) and peak RSS from
# /usr/bin/time -v. Not a test: run it by hand and copy the table into
# the README.
set -euo pipefail
cd "$(dirname "$0")/.."
if [ $# -gt 0 ]; then sizes=("$@"); else sizes=(1000 10000); fi
runs=${RUNS:-3}
root=${BENCH_DIR:-/dev/shm/samvad-bench}
command -v /usr/bin/time >/dev/null || { echo "needs GNU time: apt-get install time" >&2; exit 1; }

cargo build --release --quiet --bin samvad --example gen_corpus
bin=target/release/samvad
theme=$(pwd)/themes/default

printf '| posts | wall time (best of %s) | peak RSS | per post |\n|---|---|---|---|\n' "$runs"
for n in "${sizes[@]}"; do
  site="$root/site-$n"
  rm -rf "$site" && mkdir -p "$site/themes"
  target/release/examples/gen_corpus "$site" "$n" >/dev/null
  cp -r "$theme" "$site/themes/default"
  best=""; rss=""
  for _ in $(seq "$runs"); do
    out=$( { /usr/bin/time -v "$bin" build --root "$site" --clock 2030-01-01 >/dev/null; } 2>&1 )
    wall=$(grep 'Elapsed (wall clock)' <<<"$out" | awk '{print $NF}' | awk -F: '{ if (NF==3) print $1*3600+$2*60+$3; else print $1*60+$2 }')
    kb=$(grep 'Maximum resident set size' <<<"$out" | awk '{print $NF}')
    if [ -z "$best" ] || awk "BEGIN{exit !($wall < $best)}"; then best=$wall; fi
    if [ -z "$rss" ] || [ "$kb" -gt "$rss" ]; then rss=$kb; fi
  done
  per=$(awk "BEGIN{printf \"%.3f ms\", $best*1000/$n}")
  printf '| %s | %.2f s | %d MB | %s |\n' "$n" "$best" "$((rss / 1024))" "$per"
done
