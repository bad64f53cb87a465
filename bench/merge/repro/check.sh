#!/usr/bin/env bash
# Runs git merge-file and concord merge-file on each repro case and says whether each matches `expected`.
# Each case is a wrong or needlessly conflicted merge the quality evaluation found (see bench/merge/README.md).
#   bench/merge/repro/check.sh [path/to/concord.jar]
set -uo pipefail
cd "$(dirname "$0")"
JAR=${1:-../../../target/concord.jar}
for d in */; do
  d=${d%/}
  for tool in git concord; do
    if [ $tool = git ]; then out=$(git merge-file -p "$d/mine" "$d/base" "$d/theirs"); rc=$?
    else out=$(java -jar "$JAR" merge-file -p "$d/mine" "$d/base" "$d/theirs"); rc=$?; fi
    if [ $rc -ne 0 ]; then verdict="conflict ($rc)"
    elif [ "$out" == "$(cat "$d/expected")" ]; then verdict="clean, right"
    else verdict="CLEAN BUT WRONG"; fi
    printf '%-36s %-8s %s\n' "$d" "$tool" "$verdict"
  done
done
