#!/usr/bin/env bash
# Profiles one workload of one system with Java Flight Recorder and prints a summary: hottest
# methods, allocation by class and by allocating site, GC pauses (and, for `parked`, the class
# histogram of the live heap while every goroutine is parked). Used for benchmarks/NOTES.md.
#
#   benchmarks/profile.sh WORKLOAD [N] [SYSTEM] [PROCS]
#   benchmarks/profile.sh skynet 1000000 jgo 2
#
# SYSTEM: jgo (default), vthreads, threads. JVM: $JAVA (default: Temurin 25 if present, else java).
# Build first with benchmarks/run.sh (or mvn -q -pl benchmarks -am package -DskipTests).
set -euo pipefail
cd "$(dirname "$0")/.."
W="${1:?usage: profile.sh WORKLOAD [N] [SYSTEM] [PROCS]}"
N="${2:-1000000}"
SYS="${3:-jgo}"
PROCS="${4:-$(nproc)}"
JAVA="${JAVA:-/usr/lib/jvm/temurin-25-jdk-amd64/bin/java}"
[ -x "$JAVA" ] || JAVA=java
JAR=benchmarks/target/benchmarks.jar
OUT="benchmarks/results/profile-$W-$SYS.jfr"
mkdir -p benchmarks/results
GOMAXPROCS="$PROCS" "$JAVA" -Djgo.bench.histogram=true -Djgo.gomaxprocs="$PROCS" -Djdk.virtualThreadScheduler.parallelism="$PROCS" \
  -XX:StartFlightRecording=filename="$OUT",settings=profile,jdk.ExecutionSample#period=1ms,dumponexit=true \
  -cp "$JAR" io.jgo.bench.BenchMain --system "$SYS" --workload "$W" --n "$N" --warmup auto
"$JAVA" -cp "$JAR" io.jgo.bench.JfrSummary "$OUT" 15
echo "recording: $OUT (open it in JDK Mission Control for more)"
