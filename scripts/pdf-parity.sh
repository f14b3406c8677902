#!/usr/bin/env bash
# PDF parity: do the levels hold when the same papers arrive as PDF? Most
# real board papers are PDFs, but the development corpora are text, Markdown
# and HTML. This prints each development corpus to PDF (headings, bold item
# titles, lists and tables as a word processor sets them), scores the text
# and the PDF versions with the built-in rubric, and reports each one's
# agreement with the corpus's expected levels and how many levels are the
# same.
#
#   scripts/pdf-parity.sh              # corpora dev80 to dev85
#   scripts/pdf-parity.sh 60 61 62     # others
#
# Needs LibreOffice Writer (apt-get install libreoffice-writer-nogui) and python3.
set -euo pipefail
cd "$(dirname "$0")/.."
command -v soffice >/dev/null || { echo "pdf-parity: soffice not found (apt-get install libreoffice-writer-nogui)" >&2; exit 2; }
corpora=("$@")
[ ${#corpora[@]} -gt 0 ] || corpora=(80 81 82 83 84 85)

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
go build -o "$work/anchorscore" ./cmd/anchorscore
for n in "${corpora[@]}"; do
  src=fixtures/corpus-dev$n
  [ -d "$src" ] || { echo "pdf-parity: no $src" >&2; exit 2; }
  python3 scripts/corpus-to-html.py "$src" "$work/html$n"
  for d in "$work/html$n"/*/; do
    out="$work/pdf$n/$(basename "$d")"
    mkdir -p "$out"
    soffice --headless --convert-to pdf:writer_web_pdf_Export --outdir "$out" "$d"*.html >/dev/null 2>&1
  done
  "$work/anchorscore" score --no-cache --out "$work/text$n" "$src" >/dev/null 2>&1
  "$work/anchorscore" score --no-cache --out "$work/pdfout$n" "$work/pdf$n" >/dev/null 2>&1
done

python3 - "$work" "${corpora[@]}" <<'PY'
import csv, sys
work, ns = sys.argv[1], sys.argv[2:]
K = 5
def qwk(e, g):
    o = [[0] * K for _ in range(K)]
    for a, b in zip(e, g):
        o[a][b] += 1
    n = len(e)
    ra = [sum(o[i]) for i in range(K)]
    rb = [sum(o[i][j] for i in range(K)) for j in range(K)]
    num = sum((i - j) ** 2 * o[i][j] for i in range(K) for j in range(K))
    den = sum((i - j) ** 2 * ra[i] * rb[j] / n for i in range(K) for j in range(K))
    return 1 - num / den
def levels(path):
    return {(r['organisation'], r['theme'], r['period']): int(r['level'])
            for r in csv.DictReader(open(path + '/scores.csv'))}
exp, got = [], {'text': [], 'pdf': []}
same = same_all = total = total_all = 0
for n in ns:
    want = {(r['organisation'], r['theme']): int(r['level'])
            for r in csv.DictReader(open(f'fixtures/expected-levels-dev{n}.csv'))}
    t, p = levels(f'{work}/text{n}'), levels(f'{work}/pdfout{n}')
    for k, v in sorted(want.items()):
        exp.append(v)
        got['text'].append(t.get(k + ('all',), 0))
        got['pdf'].append(p.get(k + ('all',), 0))
    for k, v in t.items():
        if k[2] == 'all':
            total_all += 1; same_all += p.get(k) == v
        else:
            total += 1; same += p.get(k) == v
for name, g in got.items():
    agree = sum(a == b for a, b in zip(exp, g))
    print(f'{name:4}: {agree} of {len(exp)} levels as expected ({100*agree/len(exp):.1f}%), kappa {qwk(exp, g):.3f}')
print(f'same level as text and as PDF: {same_all} of {total_all} over all periods, {same} of {total} per period')
PY
