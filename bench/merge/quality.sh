#!/usr/bin/env bash
# Merge quality on real edits: fetch the corpus (resumable, ~50 MB of npm tarballs, prose files kept),
# build the jar, build the cases and compare git merge-file with concord merge-file --batch.
# Run from the repository root. Takes a few minutes on a quiet machine (the download is the slow part
# the first time). Pass -Dquality.rebuild=true (as an argument) to rebuild the cases.
set -euo pipefail
cd "$(dirname "$0")/../.."
bench/merge/fetch-corpus.sh target/merge-corpus
mvn -B -q -DskipTests package
mvn -B -q test-compile exec:java -Dexec.mainClass=concord.bench.MergeQuality "$@"
