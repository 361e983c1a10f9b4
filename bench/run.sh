#!/usr/bin/env bash
# Runs one benchmark scenario against a fresh standalone (embedded PostgreSQL and Kafka, empty data dir).
#   bench/run.sh <ingest|segments|streaming|activation|connectors> [bench options, e.g. --scale=0.1]
# activation needs no standalone: it starts activation-service, the Marketo emulator, PostgreSQL and Kafka in the
# bench JVM (docs/benchmarks.md); connectors neither: the emulators and the source connectors run in the bench JVM.
# Environment: BENCH_BUILD=0 to skip the build (1 to force it), BENCH_STANDALONE_JAR to run another build, BENCH_JAVA_OPTS for the standalone JVM (default -Xmx4g),
#              BENCH_CLIENT_OPTS for the bench client's JVM,
#              BENCH_KEEP_DATA=1 to keep the temporary data directory, BENCH_DATA_DIR=<dir> to run on a kept one
#              (e.g. segments --skip-load=true: the same organisation, evaluated again without the 20-minute load).
set -euo pipefail
cd "$(dirname "$0")/.."

scenario="${1:?usage: bench/run.sh <ingest|segments|streaming|activation|connectors> [--scale=N] [options]}"
shift

if [[ "$scenario" == "activation" || "$scenario" == "connectors" ]]; then
  if [[ "${BENCH_BUILD:-auto}" == "1" || ( "${BENCH_BUILD:-auto}" == "auto" && ! -f bench/target/bench.jar ) ]]; then
    ./mvnw -B -q -DskipTests -pl bench -am package
  fi
  # the services it measures run in this JVM: default JIT, unlike the client-only scenarios below
  # shellcheck disable=SC2086
  exec java ${BENCH_CLIENT_OPTS:--Xmx3g} -jar "${BENCH_JAR:-bench/target/bench.jar}" "$scenario" "$@"
fi

jar="${BENCH_STANDALONE_JAR:-standalone/target/tributary-standalone.jar}"
if [[ "${BENCH_BUILD:-auto}" == "1" || ( "${BENCH_BUILD:-auto}" == "auto" && \
      ( ! -f "$jar" || ! -f bench/target/bench.jar ) ) ]]; then
  ./mvnw -B -q -DskipTests -pl standalone,bench -am package
fi

export CDP_API_TOKEN=bench CDP_POSTGRES_PORT=55432 CDP_KAFKA_PORT=59092
export CDP_INGESTION_PORT=8081 CDP_PROFILE_PORT=8082 CDP_SEGMENTATION_PORT=8083
for port in $CDP_POSTGRES_PORT $CDP_KAFKA_PORT $CDP_INGESTION_PORT $CDP_PROFILE_PORT $CDP_SEGMENTATION_PORT; do
  if (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
    echo "port $port is already in use: stop whatever listens there first" >&2
    exit 1
  fi
done

# BENCH_DATA_DIR: run on an existing data directory (kept by BENCH_KEEP_DATA=1), which is never deleted
data_dir="${BENCH_DATA_DIR:-$(mktemp -d "${TMPDIR:-/tmp}/tributary-bench.XXXXXX")}"
mkdir -p bench-results
log="bench-results/standalone-$scenario-$(date +%Y%m%dT%H%M%S).log"
# shellcheck disable=SC2086
java ${BENCH_JAVA_OPTS:--Xmx4g} -jar "$jar" --data-dir="$data_dir" >"$log" 2>&1 &
pid=$!
stop() {
  for s in ${sampler:-}; do kill "$s" 2>/dev/null || true; done
  if kill -0 "$pid" 2>/dev/null; then
    kill "$pid"
    for _ in $(seq 60); do kill -0 "$pid" 2>/dev/null || break; sleep 1; done
    kill -9 "$pid" 2>/dev/null || true
  fi
  [[ "${BENCH_KEEP_DATA:-0}" == "1" || -n "${BENCH_DATA_DIR:-}" ]] && echo "data kept in $data_dir" || rm -rf "$data_dir"
}
trap stop EXIT

echo "standalone pid $pid, data $data_dir, log $log"
for i in $(seq 240); do
  if ! kill -0 "$pid" 2>/dev/null; then
    echo "standalone exited during startup; see $log" >&2
    tail -30 "$log" >&2
    exit 1
  fi
  ok=0
  for port in $CDP_INGESTION_PORT $CDP_PROFILE_PORT $CDP_SEGMENTATION_PORT; do
    code=$(curl -s -o /dev/null -w '%{http_code}' "http://localhost:$port/v1/" || true)
    [[ "$code" == "000" || -z "$code" ]] && ok=1
  done
  [[ $ok == 0 ]] && break
  sleep 1
done
echo "APIs up after ${i}s"

# BENCH_SAMPLE=1: per-process CPU (top) every 5 s and a thread dump of the standalone every 20 s, next to the log
sampler=""
if [[ "${BENCH_SAMPLE:-0}" == "1" ]]; then
  stamp="${log%.log}"
  ( while kill -0 "$pid" 2>/dev/null; do
      { date +%T; top -b -n 1 -w 200 | sed -n '1,5p;7,20p'; } >>"$stamp.top.txt"
      sleep 5
    done ) &
  sampler="$!"
  ( n=0; while kill -0 "$pid" 2>/dev/null; do
      sleep 20; n=$((n+1)); jstack "$pid" >"$stamp.jstack.$n.txt" 2>/dev/null || true
    done ) &
  sampler="$sampler $!"
fi

# The embedded KRaft broker does not honour CDP_KAFKA_PORT (it listens on random ports): hand the bench every
# port the standalone listens on besides the HTTP ones; it keeps the one that answers as a Kafka broker.
kafka_ports=$(ss -ltnpH 2>/dev/null | grep "pid=$pid," | awk '{print $4}' | sed 's/.*://' | \
  grep -vx -e "$CDP_INGESTION_PORT" -e "$CDP_PROFILE_PORT" -e "$CDP_SEGMENTATION_PORT" | sort -u | paste -sd, - || true)
# The client shares the two cores with what it measures. For ingest and streaming, C1-compiled code and the serial
# collector keep its own JIT compiler and GC threads out of the way (about half the cores the defaults take at 1,000
# records/s); that can only make the latencies it measures longer. segments keeps the default JIT: its SQL floor is
# timed in the client, fetching every member id, and slower client code would flatter the ratio.
client_opts="-Xmx2g -XX:TieredStopAtLevel=1 -XX:+UseSerialGC"
[[ "$scenario" == "segments" ]] && client_opts="-Xmx3g"
# shellcheck disable=SC2086
java ${BENCH_CLIENT_OPTS:-$client_opts} -jar "${BENCH_JAR:-bench/target/bench.jar}" "$scenario" --kafka-candidates="$CDP_KAFKA_PORT,$kafka_ports" --standalone-pid="$pid" "$@"
