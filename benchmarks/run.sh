#!/usr/bin/env bash
# jgo against Go, virtual threads and platform threads, side by side, in one command.
#
#   benchmarks/run.sh            full sizes, 5 rounds (about half an hour on 2 cores)
#   benchmarks/run.sh --quick    small sizes, 1 round (a minute): checks that everything runs
#   benchmarks/run.sh --rounds 3 --workloads skynet,pingpong --contenders jgo-25,go
#
# Builds the benchmarks module (its @Go workloads compiled by the jgo processor),
# builds the Go program when `go` is on the PATH (benchmarks/install-go.sh installs it), then runs
# io.jgo.bench.Harness: every run in a fresh process, contenders in alternation, and prints the
# table of medians. Results: benchmarks/results/latest/{table.md,summary.csv,results.csv,chart.svg}.
# JVMs: the default `java` (JDK 17 here) and the Temurin 25 at /usr/lib/jvm/temurin-25-jdk-amd64
# (set JAVA25=/path/to/jdk to use another one).
set -euo pipefail
cd "$(dirname "$0")/.."

JAVA25="${JAVA25:-/usr/lib/jvm/temurin-25-jdk-amd64}"
LOG=benchmarks/target/run-build.log
mkdir -p benchmarks/target

echo "== building the benchmarks (log: $LOG)"
if mvn -q -B -pl benchmarks -am package -DskipTests >"$LOG" 2>&1; then
  echo "   built with the @Go workloads"
else
  echo "   WARNING: the build failed (did the processor compile the @Go workloads?); see $LOG."
  echo "   Building without them (-Pno-jgo-workloads): the jgo columns will say 'skipped'."
  mvn -q -B -pl benchmarks -am package -DskipTests -Pno-jgo-workloads >>"$LOG" 2>&1
fi

GO_ARGS=()
if command -v go >/dev/null 2>&1; then
  echo "== building the Go programs ($(go version))"
  (cd benchmarks/go && go build -o ../target/jgobench .)
else
  echo "== no Go toolchain on the PATH: the Go column is skipped (benchmarks/install-go.sh installs one)"
fi

JAVA_ARGS=()
if [ -x "$JAVA25/bin/java" ]; then
  JAVA_ARGS+=(--java25 "$JAVA25/bin/java")
fi

exec java -cp benchmarks/target/benchmarks.jar io.jgo.bench.Harness \
  --jar benchmarks/target/benchmarks.jar --go-bin benchmarks/target/jgobench \
  --out benchmarks/results/latest "${JAVA_ARGS[@]}" "${GO_ARGS[@]}" "$@"
