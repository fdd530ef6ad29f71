#!/usr/bin/env bash
# Instruction-level profile of one workload in steady state: runs it over and over in one JVM,
# samples that process with `perf` (cpu-clock, so it works in VMs without hardware counters),
# and prints the hottest JIT-compiled methods with the instructions where their samples fall.
# Used for benchmarks/NOTES.md, where line-level JFR profiles could not tell which of several
# inlined operations costs the time.
#
#   benchmarks/annotate.sh WORKLOAD [N] [PROCS] [SYSTEM] [SECONDS]
#   benchmarks/annotate.sh pingpong 1000000 1
#
# Needs perf and objdump (Debian: linux-perf, binutils), and reading the JVM's memory
# (/proc/PID/mem): run as root or with kernel.yama.ptrace_scope=0. JVM: $JAVA (default: Temurin
# 25 if present, else java). Build first with benchmarks/run.sh (or mvn -q -pl benchmarks -am
# package -DskipTests). METHODS (default 4) and MIN_PERCENT (default 1.5) tune the listing.
set -euo pipefail
cd "$(dirname "$0")/.."
W="${1:?usage: annotate.sh WORKLOAD [N] [PROCS] [SYSTEM] [SECONDS]}"
N="${2:-1000000}"
PROCS="${3:-$(nproc)}"
SYS="${4:-jgo}"
SECONDS_SAMPLED="${5:-4}"
JAVA="${JAVA:-/usr/lib/jvm/temurin-25-jdk-amd64/bin/java}"
[ -x "$JAVA" ] || JAVA=java
JCMD="$(dirname "$JAVA")/jcmd"
JAR=benchmarks/target/benchmarks.jar
for tool in perf objdump; do
  command -v "$tool" >/dev/null || { echo "annotate.sh: needs $tool on the PATH" >&2; exit 2; }
done
[ -f "$JAR" ] || { echo "annotate.sh: $JAR missing: build first (benchmarks/run.sh --quick)" >&2; exit 2; }
OUT="$(mktemp -d)"
trap 'kill "$PID" 2>/dev/null || true; rm -rf "$OUT"' EXIT

GOMAXPROCS="$PROCS" "$JAVA" -Djgo.gomaxprocs="$PROCS" -Djdk.virtualThreadScheduler.parallelism="$PROCS" \
  -cp "$JAR" io.jgo.bench.BenchMain --system "$SYS" --workload "$W" --n "$N" --warmup auto \
  --repeat 1000000 >"$OUT/run.log" 2>&1 &
PID=$!
# Sample only once the warm-up rounds are done and the first measured runs went by (C2 settled).
for _ in $(seq 600); do
  [ "$(grep -c '^RESULT' "$OUT/run.log" || true)" -ge 3 ] && break
  kill -0 "$PID" 2>/dev/null || { cat "$OUT/run.log" >&2; exit 1; }
  sleep 0.5
done
"$JCMD" "$PID" Compiler.perfmap >/dev/null
mv "/tmp/perf-$PID.map" "$OUT/before.map"
perf record -q -e cpu-clock -F 20000 -p "$PID" -o "$OUT/perf.data" -- sleep "$SECONDS_SAMPLED" >/dev/null 2>&1
"$JCMD" "$PID" Compiler.perfmap >/dev/null # again: the JIT may have replaced code meanwhile
mv "/tmp/perf-$PID.map" "$OUT/after.map"
perf script -i "$OUT/perf.data" -F ip 2>/dev/null >"$OUT/ips.txt"
grep '^RESULT' "$OUT/run.log" | tail -3
echo "samples by binary ([JIT] is compiled Java code, libjvm the JVM itself: GC, compiler, runtime):"
perf report -i "$OUT/perf.data" --sort dso --stdio 2>/dev/null | grep '%' | head -6
"$JAVA" -cp "$JAR" io.jgo.bench.PerfAnnotate "$PID" "$OUT/before.map,$OUT/after.map" "$OUT/ips.txt" \
  "${METHODS:-4}" "${MIN_PERCENT:-1.5}"
