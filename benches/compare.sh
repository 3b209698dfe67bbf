#!/usr/bin/env bash
# Side-by-side full clean builds: samvad against Hugo (and Zola, when a
# Zola layout exists for the corpus), on the same generated blog.
#
#   benches/compare.sh [--disk] [--runs N] [SIZES...]     (default: 1000 10000)
#
# For each size it generates the blog for every tool (examples/gen_corpus),
# then times full clean builds with hyperfine: one warm-up round, then
# N rounds (default 5), each round one hyperfine invocation that runs every
# tool once, with the tools' order swapped from round to round so that they
# alternate. Each command has its own --prepare that deletes its output, so
# every timed build is a clean build. One more run per tool under
# /usr/bin/time -v gives the peak RSS; its output is then checked: every
# post page, home list page, tag and category page, the tag index, the
# services and about pages, a 20-item RSS feed and a sitemap listing every
# post must be there, or the script fails.
#
# Corpus and output live on tmpfs (/dev/shm/samvad-compare) unless --disk
# is given (then target/bench-compare, on the repository's disk) or
# BENCH_DIR is set. On disk each --prepare also runs `sync`, so that one
# build's write-back does not land in the next build's time.
#
# Each size's corpus and outputs are deleted once measured (KEEP=1 keeps
# them), so that they do not take the next run's memory on tmpfs.
# Needs: hyperfine and time (apt-get install -y hyperfine time hugo).
# Prints a markdown table; raw hyperfine JSON goes to ROOT/results/.
set -euo pipefail
cd "$(dirname "$0")/.."

usage() {
  sed -n '2,/^set -euo/p' "$0" | sed '$d; s/^# \{0,1\}//'
  exit 2
}

disk=0
runs=${RUNS:-5}
sizes=()
while [ $# -gt 0 ]; do
  case "$1" in
    --disk) disk=1 ;;
    --runs) runs=${2:?--runs needs a number}; shift ;;
    -h | --help) usage ;;
    -*) echo "unknown option $1" >&2; usage ;;
    *) sizes+=("$1") ;;
  esac
  shift
done
[ ${#sizes[@]} -gt 0 ] || sizes=(1000 10000)
[ "$runs" -ge 1 ] || { echo "--runs must be at least 1" >&2; exit 2; }
if [ "$disk" = 1 ]; then
  root=${BENCH_DIR:-$(pwd)/target/bench-compare}
  sync_cmd="sync"
else
  root=${BENCH_DIR:-/dev/shm/samvad-compare}
  sync_cmd="true"
fi
words=${WORDS:-1000}

for tool in hyperfine jq; do
  command -v "$tool" >/dev/null || { echo "needs $tool: apt-get install -y $tool" >&2; exit 1; }
done
[ -x /usr/bin/time ] || { echo "needs GNU time: apt-get install -y time" >&2; exit 1; }

cargo build --release --quiet --bin samvad --example gen_corpus
samvad=$(pwd)/target/release/samvad
gen=$(pwd)/target/release/examples/gen_corpus
theme=$(pwd)/themes/default

tools=(samvad)
if command -v hugo >/dev/null; then tools+=(hugo); else echo "hugo not on PATH: skipping it" >&2; fi
if command -v zola >/dev/null; then
  echo "zola is on PATH, but gen_corpus writes no Zola layout yet: skipping it" >&2
else
  echo "zola not on PATH: skipping it" >&2
fi

fs=$(mkdir -p "$root" && stat -f -c %T "$root")
echo "corpus and output in $root ($fs); $runs rounds after a warm-up; $words words a post" >&2
mkdir -p "$root/results"

# The build command of each tool for the site in $1.
build_cmd() {
  case "$1" in
    samvad) echo "$samvad build --root $2/samvad --output $2/out-samvad/public --clock 2030-01-01" ;;
    hugo) echo "hugo --quiet --source $2/hugo --destination $2/out-hugo/public" ;;
  esac
}
# Deletes everything a previous build of tool $1 left (samvad also writes
# social/ beside its output folder; Hugo keeps resources/ in its source).
prepare_cmd() {
  case "$1" in
    samvad) echo "rm -rf $2/out-samvad && $sync_cmd" ;;
    hugo) echo "rm -rf $2/out-hugo $2/hugo/resources $2/hugo/.hugo_build.lock && $sync_cmd" ;;
  esac
}
out_dir() { echo "$2/out-$1/public"; }

# Counts the HTML pages under $1 that are not Hugo's redirect aliases
# (Hugo writes page/1/ as a redirect to the list's first page).
count_pages() {
  local n=0
  if [ -d "$1" ]; then
    n=$(find "$1" -name index.html -print0 | xargs -0 -r grep -L 'http-equiv="refresh"' | wc -l)
  fi
  echo "$n"
}

failures=0
fail() { echo "CHECK FAILED: $*" >&2; failures=$((failures + 1)); }
# check TOOL WHAT FOUND EXPECTED
check() {
  if [ "$3" -lt "$4" ]; then
    fail "$1 wrote $3 $2, expected $4"
  elif [ "$3" -gt "$4" ]; then
    echo "note: $1 wrote $3 $2, expected $4" >&2
  fi
}

# Checks that tool $1 wrote every expected output into $2.
check_output() {
  local tool=$1 out=$2 feed items locs
  files=0
  [ -f "$out/index.html" ] || fail "$tool wrote no home page"
  check "$tool" "post pages" "$(find "$out/posts" -mindepth 2 -maxdepth 2 -name index.html 2>/dev/null | wc -l)" "$exp_posts"
  check "$tool" "home list pages" "$(($(count_pages "$out/page") + 1))" "$exp_list_pages"
  [ -f "$out/tags/index.html" ] || fail "$tool wrote no tag index"
  check "$tool" "tag pages" "$(($(count_pages "$out/tags") - 1))" "$exp_tag_pages"
  check "$tool" "category pages" "$(($(count_pages "$out/categories") - 1))" "$exp_category_pages"
  [ -f "$out/services/index.html" ] || fail "$tool wrote no services page"
  [ -f "$out/about/index.html" ] || fail "$tool wrote no about page"
  feed=""
  for f in rss.xml index.xml; do [ -f "$out/$f" ] && feed=$out/$f && break; done
  if [ -z "$feed" ]; then
    fail "$tool wrote no RSS feed"
  else
    items=$(grep -o '<item>' "$feed" | wc -l)
    check "$tool" "feed items" "$items" "$((exp_posts < 20 ? exp_posts : 20))"
  fi
  if [ -f "$out/sitemap.xml" ]; then
    locs=$(grep -o '<loc>[^<]*/posts/[^<]*</loc>' "$out/sitemap.xml" | wc -l)
    check "$tool" "posts in the sitemap" "$locs" "$exp_posts"
  else
    fail "$tool wrote no sitemap"
  fi
  files=$(find "$out/.." -type f | wc -l)
}

table=$'| posts | tool | wall time, mean ± σ (min) | CPU user+sys | peak RSS | wall time ÷ samvad’s |\n|---|---|---|---|---|---|'
for n in "${sizes[@]}"; do
  site="$root/$n"
  rm -rf "$site" "$root/results/$n"-round-*.json && mkdir -p "$site/samvad/themes"
  echo "== $n posts: generating the corpus (load average: $(cut -d' ' -f1-3 /proc/loadavg))" >&2
  generated=$("$gen" "$site/samvad" "$n" "$words" --hugo "$site/hugo")
  echo "$generated" >&2
  expect=$(grep '^expect ' <<<"$generated")
  cp -r "$theme" "$site/samvad/themes/default"
  for kv in ${expect#expect }; do declare "exp_${kv%%=*}=${kv#*=}"; done

  # Warm-up: one build of each tool (also fills the page cache).
  for tool in "${tools[@]}"; do
    bash -c "$(prepare_cmd "$tool" "$site")"
    bash -c "$(build_cmd "$tool" "$site")" >/dev/null
  done

  # Timed rounds, every tool once per round, order swapped each round.
  for r in $(seq "$runs"); do
    order=("${tools[@]}")
    if [ $((r % 2)) = 0 ]; then
      order=()
      for ((i = ${#tools[@]} - 1; i >= 0; i--)); do order+=("${tools[$i]}"); done
    fi
    args=()
    for tool in "${order[@]}"; do
      args+=(--prepare "$(prepare_cmd "$tool" "$site")" -n "$tool" "$(build_cmd "$tool" "$site")")
    done
    hyperfine --runs 1 --style none --export-json "$root/results/$n-round-$r.json" "${args[@]}" >/dev/null 2>&1 ||
      { echo "a build failed; rerun by hand: ${args[*]}" >&2; exit 1; }
    echo "   round $r: $(jq -r '[.results[] | "\(.command) \(.mean * 1000 | floor) ms"] | join(", ")' "$root/results/$n-round-$r.json")" >&2
  done

  echo "   load average after the rounds: $(cut -d' ' -f1-3 /proc/loadavg)" >&2
  samvad_mean=""
  for tool in "${tools[@]}"; do
    stats=$(jq -s --arg t "$tool" '[.[].results[] | select(.command == $t)]
      | (map(.mean)) as $m | ($m | add / length) as $mean
      | { mean: $mean, min: ($m | min),
          sd: (if ($m | length) > 1 then (($m | map(. - $mean | . * .) | add) / (($m | length) - 1) | sqrt) else 0 end),
          cpu: (map(.user + .system) | add / length) }
      | "\(.mean) \(.sd) \(.min) \(.cpu)"' -r "$root/results/$n"-round-*.json)
    read -r mean sd min cpu <<<"$stats"
    [ "$tool" = samvad ] && samvad_mean=$mean

    # One more clean build under /usr/bin/time for the peak RSS, whose
    # output is then checked.
    bash -c "$(prepare_cmd "$tool" "$site")"
    timing=$({ /usr/bin/time -v bash -c "exec $(build_cmd "$tool" "$site") >/dev/null"; } 2>&1)
    kb=$(awk -F': ' '/Maximum resident set size/ {print $2}' <<<"$timing")
    check_output "$tool" "$(out_dir "$tool" "$site")"
    echo "   $tool: $files files written, peak RSS $((kb / 1024)) MB" >&2

    ratio=$(awk -v a="$mean" -v b="$samvad_mean" 'BEGIN { printf "%.2f×", a / b }')
    row=$(awk -v n="$n" -v t="$tool" -v mean="$mean" -v sd="$sd" -v min="$min" -v cpu="$cpu" -v kb="$kb" -v r="$ratio" \
      'BEGIN { printf "| %d | %s | %.3f s ± %.3f (%.3f) | %.2f s | %d MB | %s |", n, t, mean, sd, min, cpu, kb / 1024, r }')
    table+=$'\n'"$row"
  done
  [ "${KEEP:-0}" = 1 ] || rm -rf "$site"
done

echo
echo "$table"
if [ "$failures" -gt 0 ]; then
  echo "$failures output checks failed: a tool did less than the others (see above)" >&2
  exit 1
fi
