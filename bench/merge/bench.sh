#!/usr/bin/env bash
# Merge speed: engine in-process vs git merge-file vs the whole concord merge-file command, on generated
# 1 MB and 10 MB prose (see src/test/java/concord/bench/MergeBenchmark.java). Bounded: every run has a
# time limit (bench.runTimeout, 120 s) and the whole benchmark a deadline (bench.deadline, 1200 s).
# Extra -D options are passed through, e.g. bench/merge/bench.sh -Dbench.runs=3 -Dbench.sizes=10
set -euo pipefail
cd "$(dirname "$0")/../.."
mvn -B -q -DskipTests package
mvn -B -q test-compile exec:java -Dexec.mainClass=concord.bench.MergeBenchmark "$@"
