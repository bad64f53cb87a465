#!/usr/bin/env bash
# Downloads the prose files (README / CHANGELOG / HISTORY) of every published version of a fixed list of
# well-known npm packages, for the merge-quality evaluation (see bench/merge/README.md).
#
#   bench/merge/fetch-corpus.sh [OUT_DIR]        (default: target/merge-corpus)
#
# Output: OUT_DIR/files/<package>/<file>/<version>  (file name lower-cased, e.g. history.md)
#         OUT_DIR/files/<package>/versions.txt      (versions in semver order, as the registry lists them)
# Resumable: a version whose marker OUT_DIR/done/<package>@<version> exists is not fetched again.
# Bounded: at most MAX_VERSIONS (default 45) newest stable versions per package, and it stops fetching
# once MAX_MB (default 50) megabytes of tarballs have been downloaded by this and earlier runs.
# Uses only `npm view` and `npm pack` (the npm registry through its ordinary client).
set -euo pipefail

OUT=${1:-target/merge-corpus}
MAX_VERSIONS=${MAX_VERSIONS:-45}
MAX_MB=${MAX_MB:-50}
PACKAGES=${PACKAGES:-"express commander body-parser debug ws yargs chalk dotenv uuid semver qs koa morgan send serve-static cookie-parser minimist http-errors finalhandler cors ejs async nanoid execa jsonwebtoken node-fetch winston inquirer mime superagent glob minimatch"}

mkdir -p "$OUT/files" "$OUT/done" "$OUT/tgz"
OUT=$(cd "$OUT" && pwd)
BYTES_FILE="$OUT/downloaded-bytes"
[ -f "$BYTES_FILE" ] || echo 0 > "$BYTES_FILE"

for pkg in $PACKAGES; do
  pdir="$OUT/files/$pkg"
  mkdir -p "$pdir"
  if [ ! -s "$pdir/versions.txt" ]; then
    # stable versions only (prereleases interleave release lines), newest MAX_VERSIONS
    npm view "$pkg" versions --json \
      | node -e 'let s="";process.stdin.on("data",d=>s+=d).on("end",()=>{let v=JSON.parse(s);if(!Array.isArray(v))v=[v];
          v=v.filter(x=>!x.includes("-"));console.log(v.slice(-'"$MAX_VERSIONS"').join("\n"))})' > "$pdir/versions.txt.tmp"
    mv "$pdir/versions.txt.tmp" "$pdir/versions.txt"
  fi
  todo=()
  while read -r v; do
    [ -n "$v" ] && [ ! -e "$OUT/done/$pkg@$v" ] && todo+=("$pkg@$v")
  done < "$pdir/versions.txt"
  [ ${#todo[@]} -eq 0 ] && { echo "$pkg: complete"; continue; }
  used=$(cat "$BYTES_FILE")
  if [ "$used" -ge $((MAX_MB * 1024 * 1024)) ]; then
    echo "budget of ${MAX_MB} MB reached; $pkg and later packages skipped" >&2
    break
  fi
  echo "$pkg: fetching ${#todo[@]} versions"
  # one npm process per batch of 15 specs: npm start-up dominates otherwise
  for ((i = 0; i < ${#todo[@]}; i += 15)); do
    if [ "$(cat "$BYTES_FILE")" -ge $((MAX_MB * 1024 * 1024)) ]; then
      echo "budget of ${MAX_MB} MB reached inside $pkg" >&2
      break 2
    fi
    batch=("${todo[@]:i:15}")
    (cd "$OUT/tgz" && npm pack --silent "${batch[@]}" > /dev/null) || echo "  npm pack failed for a batch of $pkg (skipped)" >&2
    for spec in "${batch[@]}"; do
      v=${spec#"$pkg@"}
      tgz="$OUT/tgz/$(echo "$pkg" | sed 's/^@//; s#/#-#')-$v.tgz"
      [ -f "$tgz" ] || continue
      size=$(stat -c %s "$tgz")
      echo $(( $(cat "$BYTES_FILE") + size )) > "$BYTES_FILE"
      tar --warning=no-unknown-keyword -tzf "$tgz" | grep -iE '^[^/]+/(readme|changelog|history)(\.md|\.markdown)?$' | while read -r member; do
        base=$(basename "$member" | tr 'A-Z' 'a-z')
        mkdir -p "$pdir/$base"
        tar --warning=no-unknown-keyword -xzOf "$tgz" "$member" > "$pdir/$base/$v"
      done
      rm -f "$tgz"
      touch "$OUT/done/$spec"
    done
  done
done
echo "downloaded so far: $(( $(cat "$BYTES_FILE") / 1024 )) KB"
