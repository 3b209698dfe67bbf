#!/usr/bin/env bash
# Where a clean samvad build spends its time, by stage.
#
#   benches/profile.sh [--shape project|mixed] [POSTS]   (default: project, 10000)
#
# Generates the benchmark blog (examples/gen_corpus, or with --shape mixed
# examples/gen_corpus_mixed) on tmpfs (or BENCH_DIR), then runs one clean
# build under `perf stat` and one under `perf record --call-graph dwarf`,
# and splits the samples into stages with benches/perf_stages.py (read,
# parse, highlight, render, write, feeds, sitemap, social snippets).
# Needs perf (apt-get install -y linux-perf). For counts that do not depend
# on the machine's load, run a smaller build under
#   valgrind --tool=callgrind target/release/samvad build ...
# and read it with `callgrind_annotate --inclusive=yes`.
set -euo pipefail
cd "$(dirname "$0")/.."
shape=project
if [ "${1:-}" = --shape ]; then shape=${2:?--shape needs project or mixed}; shift 2; fi
case "$shape" in
  project) generator=gen_corpus ;;
  mixed) generator=gen_corpus_mixed ;;
  *) echo "--shape must be project or mixed, not $shape" >&2; exit 2 ;;
esac
n=${1:-10000}
root=${BENCH_DIR:-/dev/shm/samvad-profile}
command -v perf >/dev/null || { echo "needs perf: apt-get install -y linux-perf" >&2; exit 1; }

cargo build --release --quiet --bin samvad --example "$generator"
site=$root/site-$shape-$n
rm -rf "$site" "$root/out" && mkdir -p "$site/themes"
"target/release/examples/$generator" "$site" "$n" >/dev/null
cp -r themes/default "$site/themes/default"
build=(target/release/samvad build --no-cache --root "$site" --output "$root/out/public" --clock 2030-01-01)

perf stat -e task-clock,context-switches,cpu-migrations,page-faults "${build[@]}" 2>&1 | grep -v '^$'
rm -rf "$root/out"
perf record -q -F 199 --call-graph dwarf,8192 -o "$root/perf.data" "${build[@]}" >/dev/null 2>&1
perf script -i "$root/perf.data" -F tid,ip,sym 2>/dev/null | benches/perf_stages.py
echo "profile kept in $root/perf.data (perf report -i $root/perf.data --children)" >&2
