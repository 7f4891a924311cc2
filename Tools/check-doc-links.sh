#!/usr/bin/env bash
# Checks that every relative link in the docs resolves (STYLE.md §4: links are relative paths,
# checked). A link `[text](path)` must name an existing file or folder, relative to the page;
# `path#anchor` into a Markdown page must also match one of its headings, slugged as GitHub
# does (lower case, punctuation dropped, spaces to hyphens). Links with a scheme (https:,
# mailto:) and links inside fenced code blocks are skipped.
#
#   bash Tools/check-doc-links.sh [FILE.md...]     default: Docs/*.md README.md
#
# Prints one line per broken link (file:line: link: reason) and exits 1 if there was any.
set -euo pipefail
cd "$(dirname "$0")/.."

if [ $# -gt 0 ]; then files=("$@"); else files=(Docs/*.md README.md); fi

# The anchors of a Markdown page's headings, one per line.
anchors() {
    awk '/^```/ { fenced = !fenced; next } !fenced && /^#+ / { print }' "$1" |
        sed -E 's/^#+ +//' | tr 'A-Z' 'a-z' | sed -E 's/[^a-z0-9 _-]//g; s/ /-/g'
}

broken=0
checked=0
for file in "${files[@]}"; do
    dir=$(dirname "$file")
    # line number and link target of every [text](target) outside fenced code blocks
    while IFS=$'\t' read -r line target; do
        checked=$((checked + 1))
        case "$target" in
            *://* | mailto:*) continue ;;
        esac
        path=${target%%#*}
        anchor=""
        [[ "$target" == *"#"* ]] && anchor=${target#*#}
        if [ -z "$path" ]; then resolved=$file; else resolved="$dir/$path"; fi
        if [ ! -e "$resolved" ]; then
            echo "$file:$line: $target: no such file"
            broken=$((broken + 1))
            continue
        fi
        if [ -n "$anchor" ] && [[ "$resolved" == *.md ]] && ! anchors "$resolved" | grep -qxF -- "$anchor"; then
            echo "$file:$line: $target: no heading with that anchor in $resolved"
            broken=$((broken + 1))
        fi
    done < <(awk '/^```/ { fenced = !fenced; next }
                  !fenced {
                      s = $0
                      while (match(s, /\]\([^) ]+\)/)) {
                          print FNR "\t" substr(s, RSTART + 2, RLENGTH - 3)
                          s = substr(s, RSTART + RLENGTH)
                      }
                  }' "$file")
done

echo "check-doc-links: $checked links in ${#files[@]} files, $broken broken"
[ "$broken" -eq 0 ]
