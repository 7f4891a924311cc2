#!/usr/bin/env bash
# slt-speed: per-statement overhead of Strata against SQLite on the sqllogictest corpus (issue 3,
# Speed). Turns sqllogictest files into plain SQL scripts (every statement and query SQLite would
# run: `skipif sqlite` and `onlyif <other>` records left out), then times, in one run,
#   - the strata shell and the sqlite3 shell on the same scripts (output to /dev/null), and
#   - strata-slt on the test files themselves (which also sorts, hashes and compares results),
# three times each, and prints the medians and their ratios. Needs a release build:
#   swift build -c release --product strata && swift build -c release --product strata-slt
# Usage: bash Tools/slt-speed.sh [FILE-OR-FOLDER...]
# (default: select1-5 and random/select of ../shared/sqllogictest)
set -euo pipefail
cd "$(dirname "$0")/.."
corpus=../shared/sqllogictest
if [ $# -eq 0 ]; then
    set -- "$corpus"/select1.test "$corpus"/select2.test "$corpus"/select3.test "$corpus"/select4.test \
           "$corpus"/select5.test "$corpus"/random/select
fi
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

records=$(python3 - "$work" "$@" <<'PY'
import os, sys
out = sys.argv[1]
count = 0
def convert(path):
    global count
    lines = open(path, encoding='utf-8', errors='surrogateescape').read().split('\n')
    sql, i = [], 0
    while i < len(lines):
        line = lines[i]
        if not line.strip() or line.startswith('#'):
            i += 1
            continue
        skip = False
        while line.startswith(('skipif', 'onlyif')):
            words = line.split()
            if (words[0] == 'skipif' and words[1] == 'sqlite') or (words[0] == 'onlyif' and words[1] != 'sqlite'):
                skip = True
            i += 1
            line = lines[i]
        if line.startswith(('statement', 'query')):
            i += 1
            text = []
            while i < len(lines) and lines[i].strip() and lines[i] != '----':
                text.append(lines[i])
                i += 1
            while i < len(lines) and lines[i].strip():
                i += 1
            if not skip:
                sql.append('\n'.join(text))
        else:
            i += 1
    count += len(sql)
    name = os.path.join(out, '%04d.sql' % count)
    open(name, 'w', encoding='utf-8', errors='surrogateescape').write(';\n'.join(sql) + ';\n')
for arg in sys.argv[2:]:
    if os.path.isdir(arg):
        for d, _, files in sorted(os.walk(arg)):
            for f in sorted(files):
                if f.endswith('.test'):
                    convert(os.path.join(d, f))
    else:
        convert(arg)
print(count)
PY
)

median() { sort -n | sed -n 2p; }
# A script that runs every converted file through one shell, for /usr/bin/time to time.
cat > "$work/run.sh" <<SH
for f in "$work"/*.sql; do "\$@" < "\$f" > /dev/null 2>&1 || true; done
SH
seconds() { /usr/bin/time -f %e "$@" 2>&1 >/dev/null | tail -1; }
strata=$(for _ in 1 2 3; do seconds bash "$work/run.sh" .build/release/strata; done | median)
sqlite=$(for _ in 1 2 3; do seconds bash "$work/run.sh" sqlite3 :memory:; done | median)
slt=$(for _ in 1 2 3; do seconds .build/release/strata-slt "$@"; done | median)
awk -v n="$records" -v a="$strata" -v b="$sqlite" -v c="$slt" 'BEGIN {
    printf "%d records (statements and queries SQLite runs); medians of 3 runs, wall-clock\n", n
    printf "  sqlite3 shell  %7.2f s  %8.0f records/s\n", b, n / b
    printf "  strata shell   %7.2f s  %8.0f records/s  %.2fx SQLite\n", a, n / a, a / b
    printf "  strata-slt     %7.2f s  %8.0f records/s  %.2fx SQLite (also checks every result)\n", c, n / c, c / b
}'
