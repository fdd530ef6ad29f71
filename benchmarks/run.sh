#!/usr/bin/env bash
# jgo against Go, virtual threads and platform threads, side by side, in one command.
#
#   benchmarks/run.sh            full sizes, 5 rounds (about an hour on 2 cores)
#   benchmarks/run.sh --quick    small sizes, 1 round (a minute): checks that everything runs
#   benchmarks/run.sh --rounds 3 --workloads skynet,pingpong --contenders jgo-25,go
#
# Builds the benchmarks module (its @Go workloads compiled by the jgo processor),
# builds the Go program with `go` on the PATH or Debian's Go 1.23 (benchmarks/install-go.sh installs
# it; benchmarks/go/go.mod asks for 1.23, whose timers the Go column should have), then runs
# io.jgo.bench.Harness: every run in a fresh process pinned with taskset, contenders in alternation,
# and prints the table of medians. Results: benchmarks/results/latest/{table.md,summary.csv,results.csv,chart.svg}.
# JVMs: the default `java` (JDK 17 here) and the Temurin 25 at /usr/lib/jvm/temurin-25-jdk-amd64
# (set JAVA25=/path/to/jdk to use another one). MVN_FLAGS=-o builds offline.
set -euo pipefail
cd "$(dirname "$0")/.."

JAVA25="${JAVA25:-/usr/lib/jvm/temurin-25-jdk-amd64}"
LOG=benchmarks/target/run-build.log
mkdir -p benchmarks/target

echo "== building the benchmarks (log: $LOG)"
if mvn ${MVN_FLAGS:-} -q -B -pl benchmarks -am package -DskipTests >"$LOG" 2>&1; then
  echo "   built with the @Go workloads"
else
  echo "   WARNING: the build failed (did the processor compile the @Go workloads?); see $LOG."
  echo "   Building without them (-Pno-jgo-workloads): the jgo columns will say 'skipped'."
  mvn ${MVN_FLAGS:-} -q -B -pl benchmarks -am package -DskipTests -Pno-jgo-workloads >>"$LOG" 2>&1
fi

GO_ARGS=()
GO=""
if command -v go >/dev/null 2>&1; then
  GO=go
elif [ -x /usr/lib/go-1.23/bin/go ]; then
  GO=/usr/lib/go-1.23/bin/go
fi
if [ -n "$GO" ]; then
  echo "== building the Go programs ($($GO version))"
  (cd benchmarks/go && "$GO" build -o ../target/jgobench .)
else
  echo "== no Go toolchain: the Go column is skipped (benchmarks/install-go.sh installs Go 1.23)"
fi

JAVA_ARGS=()
if [ -x "$JAVA25/bin/java" ]; then
  JAVA_ARGS+=(--java25 "$JAVA25/bin/java")
fi

exec java -cp benchmarks/target/benchmarks.jar io.jgo.bench.Harness \
  --jar benchmarks/target/benchmarks.jar --go-bin benchmarks/target/jgobench \
  --out benchmarks/results/latest "${JAVA_ARGS[@]}" "${GO_ARGS[@]}" "$@"
