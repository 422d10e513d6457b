#!/usr/bin/env bash
# Checks that every relative Markdown link in README.md, CONTRIBUTING.md and
# docs/*.md, `[text](path)` or `[text](path#anchor)`, points to a file or
# folder inside the repository. Web and mail links (http, https, mailto) are
# skipped; for a link with an anchor only the file is checked. Code blocks
# and inline code are ignored. Prints each broken link as file:line and
# exits 1 if there is one.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd -P)

# Prints "line<TAB>target" for every link of a Markdown file.
links() {
  awk '
    /^[[:space:]]*(```|~~~)/ { fence = !fence; next }
    fence { next }
    {
      text = $0
      gsub(/`[^`]*`/, "", text)
      # Reference definitions: [label]: target
      if (text ~ /^[[:space:]]*\[[^]]+\]:[[:space:]]*[^[:space:]]/) {
        target = text
        sub(/^[[:space:]]*\[[^]]+\]:[[:space:]]*/, "", target)
        emit(target)
        next
      }
      while (match(text, /\]\([^)]*\)/)) {
        emit(substr(text, RSTART + 2, RLENGTH - 3))
        text = substr(text, RSTART + RLENGTH)
      }
    }
    function emit(target) {
      sub(/^[[:space:]]+/, "", target)
      if (target ~ /^</) {
        sub(/^</, "", target)
        sub(/>.*$/, "", target)
      } else {
        sub(/[[:space:]].*$/, "", target)   # drop a "title"
      }
      if (target != "") print NR "\t" target
    }
  ' "$1"
}

broken=0
shopt -s nullglob
for file in README.md CONTRIBUTING.md docs/*.md; do
  if [ ! -f "$file" ]; then
    echo "$file: missing"
    broken=1
    continue
  fi
  dir=$(dirname "$file")
  while IFS=$'\t' read -r line target; do
    case "$target" in
      http://* | https://* | mailto:*) continue ;;
    esac
    path=${target%%#*}
    [ -n "$path" ] || continue # an anchor in the same file
    path=${path//%20/ }
    case "$path" in
      /*) resolved=$root$path ;;
      *) resolved=$root/$dir/$path ;;
    esac
    resolved=$(realpath -m -- "$resolved")
    case "$resolved" in
      "$root" | "$root"/*) inside=true ;;
      *) inside=false ;;
    esac
    if ! $inside || [ ! -e "$resolved" ]; then
      echo "$file:$line: broken link: $target"
      broken=1
    fi
  done < <(links "$file")
done

if [ "$broken" -ne 0 ]; then
  echo "error: broken links in the docs" >&2
  exit 1
fi
echo "all links in the docs resolve"
