#!/usr/bin/env bash
# Benchmarks anchorscore against pdftotext (poppler) on the benchmark corpus,
# side by side on this machine: whole-pipeline throughput (read, split, match,
# score, write) against pdftotext alone, each using every core; the cache
# speed-up when re-scoring; peak memory; and cost at 1x, 4x and 16x the corpus.
#
#   scripts/bench.sh                  # uses ../shared/corpus/bench
#   BENCH=/path/to/pdfs RUNS=7 SCALE="1 4" scripts/bench.sh
#   WILD=../shared/corpus/pdf-wild scripts/bench.sh   # also the cache on real-world PDFs
#
# Needs Go, pdftotext and pdfinfo (poppler-utils) and GNU time (/usr/bin/time).
# Timings alternate between the two tools, RUNS times, and report medians.
set -euo pipefail
cd "$(dirname "$0")/.."

BENCH=${BENCH:-../shared/corpus/bench}
RUNS=${RUNS:-5}
SCALE=${SCALE:-"1 4 16"}
JOBS=${JOBS:-$(nproc)}
for tool in pdftotext pdfinfo /usr/bin/time; do
  command -v "$tool" >/dev/null || { echo "bench: $tool not found (apt-get install poppler-utils time)" >&2; exit 2; }
done
[ -d "$BENCH" ] || { echo "bench: no corpus at $BENCH" >&2; exit 2; }

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
go build -o "$work/anchorscore" ./cmd/anchorscore

# The corpus: the PDFs only, under one organisation folder, copied `times`
# times with a distinct trailing comment so that every copy is a new document.
make_corpus() { # dir times
  local dir=$1 times=$2
  mkdir -p "$dir/bench"
  for ((i = 1; i <= times; i++)); do
    for f in "$BENCH"/*.pdf; do
      local name
      name=$(basename "$f" .pdf)
      cp "$f" "$dir/bench/$name-copy$i.pdf"
      printf '\n%% copy %d\n' "$i" >>"$dir/bench/$name-copy$i.pdf"
    done
  done
}
pages_of() { # dir
  local n=0
  for f in "$1"/bench/*.pdf; do
    n=$((n + $(pdfinfo "$f" 2>/dev/null | awk '/^Pages:/ {print $2}')))
  done
  echo "$n"
}
now() { date +%s.%N; }
calc() { awk "BEGIN {print $*}"; }
median() { sort -g | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }

make_corpus "$work/c1" 1
pages=$(pages_of "$work/c1")
files=$(ls "$work/c1/bench" | wc -l)
echo "machine: $(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GiB", $2/1048576}' /proc/meminfo), $(go version | cut -d' ' -f3)"
echo "corpus: $files PDFs, $pages pages ($BENCH); $RUNS alternating runs, $JOBS at once"

: >"$work/t_pdf"; : >"$work/t_as"
for ((r = 1; r <= RUNS; r++)); do
  t0=$(now)
  ls "$work/c1/bench"/*.pdf | xargs -P "$JOBS" -I{} pdftotext {} /dev/null
  t1=$(now)
  "$work/anchorscore" score --no-cache --workers "$JOBS" --progress none --out "$work/out" "$work/c1" >/dev/null 2>&1 || true
  t2=$(now)
  calc "$t1 - $t0" >>"$work/t_pdf"
  calc "$t2 - $t1" >>"$work/t_as"
done
tp=$(median <"$work/t_pdf"); ta=$(median <"$work/t_as")
printf 'pdftotext alone:      %6.2f s  %6.0f pages/s\n' "$tp" "$(calc "$pages / $tp")"
printf 'anchorscore score:    %6.2f s  %6.0f pages/s  (%.2fx the time of pdftotext)\n' "$ta" "$(calc "$pages / $ta")" "$(calc "$ta / $tp")"

# Cache: a cold run fills it; warm runs with the same rubric take the
# evidence from it; warm runs with an edited rubric (a new comment line is
# enough to make it a new rubric) re-match the cached sentences.
rm -rf "$work/cache"
t0=$(now); "$work/anchorscore" score --cache "$work/cache" --workers "$JOBS" --progress none --out "$work/out" "$work/c1" >/dev/null 2>&1 || true; t1=$(now)
cold=$(calc "$t1 - $t0")
: >"$work/t_warm"; : >"$work/t_edit"
"$work/anchorscore" rubric init "$work/rubric.yaml" >/dev/null
for ((r = 1; r <= 3; r++)); do
  t0=$(now); "$work/anchorscore" score --cache "$work/cache" --workers "$JOBS" --progress none --out "$work/out" "$work/c1" >/dev/null 2>&1 || true; t1=$(now)
  calc "$t1 - $t0" >>"$work/t_warm"
  echo "# edit $r" >>"$work/rubric.yaml"
  t0=$(now); "$work/anchorscore" score --cache "$work/cache" --rubric "$work/rubric.yaml" --workers "$JOBS" --progress none --out "$work/out" "$work/c1" >/dev/null 2>&1 || true; t1=$(now)
  calc "$t1 - $t0" >>"$work/t_edit"
done
warm=$(median <"$work/t_warm"); edit=$(median <"$work/t_edit")
printf 'cache: cold %.2f s; warm, same rubric %.2f s: %.1fx faster; warm, edited rubric %.2f s: %.1fx faster\n' \
  "$cold" "$warm" "$(calc "$cold / $warm")" "$edit" "$(calc "$cold / $edit")"

# The same on documents as people have them (WILD=path, e.g.
# ../shared/corpus/pdf-wild): damaged PDFs read by pdftotext and scans by
# OCR make a cold run far slower, and a re-run after a rubric edit skips all
# of it, failures included.
if [ -n "${WILD:-}" ] && [ -d "$WILD" ]; then
  mkdir -p "$work/wild/wild"
  cp "$WILD"/*.pdf "$work/wild/wild/"
  rm -rf "$work/wcache"
  t0=$(now); "$work/anchorscore" score --cache "$work/wcache" --workers "$JOBS" --progress none --out "$work/wout" "$work/wild" >/dev/null 2>&1 || true; t1=$(now)
  wcold=$(calc "$t1 - $t0")
  : >"$work/t_wedit"
  for ((r = 1; r <= 3; r++)); do
    echo "# wild edit $r" >>"$work/rubric.yaml"
    t0=$(now); "$work/anchorscore" score --cache "$work/wcache" --rubric "$work/rubric.yaml" --workers "$JOBS" --progress none --out "$work/wout" "$work/wild" >/dev/null 2>&1 || true; t1=$(now)
    calc "$t1 - $t0" >>"$work/t_wedit"
  done
  wedit=$(median <"$work/t_wedit")
  printf 'cache on %s (%d PDFs): cold %.2f s; warm, edited rubric %.2f s: %.0fx faster\n' \
    "$WILD" "$(ls "$WILD"/*.pdf | wc -l)" "$wcold" "$wedit" "$(calc "$wcold / $wedit")"
fi

# Scaling and peak memory (the parent and its reader workers, each measured).
for times in $SCALE; do
  rm -rf "$work/cs"
  make_corpus "$work/cs" "$times"
  p=$(pages_of "$work/cs")
  t0=$(now)
  /usr/bin/time -f '%M' -o "$work/rss" "$work/anchorscore" score --no-cache --workers "$JOBS" --isolate=false --progress none --out "$work/out" "$work/cs" >/dev/null 2>&1 || true
  t1=$(now)
  t=$(calc "$t1 - $t0")
  printf 'scale %2dx: %6d pages in %7.2f s  %6.0f pages/s  peak RSS %4.0f MiB (in one process)\n' "$times" "$p" "$t" "$(calc "$p / $t")" "$(calc "$(tail -1 "$work/rss") / 1024")"
done
