#!/usr/bin/env bash
# The skills-hub benchmark: the hub against Kafka's own producer, on one standalone broker, in one run.
#
#   bash kafka/benchmark.sh [all] [N]    N records (default 1,000,000) through the JDBC path and the file path,
#                                        the raw producer with N records of each path's event size, trickle
#                                        latency, the hub's heap and RSS
#   bash kafka/benchmark.sh files [N]    the file path alone, against the raw producer at its event size
#   bash kafka/benchmark.sh bigcsv [GB]  one CSV file of GB gigabytes (default 1) through the file path, hub -Xmx512m
#   bash kafka/benchmark.sh settlement [N]   the subsidy settlement service in its own JVM: a year of N people
#                                        (default 500,000, ~4 events each), pgbench on the ledger's row writes,
#                                        the release of 100,000 held claims by a new standard (then again with a
#                                        kill -9 half-way), a live trickle meanwhile; decisions checked against
#                                        what was planted. See docs/performance.md.
#   bash kafka/benchmark.sh jmh [ARGS]   the JMH benchmark of the per-record path (map + validate + envelope +
#                                        serialise); ARGS go to JMH, e.g. -f 1 -wi 3 -i 5
#
# It builds the hub and its test classes with Maven, starts a standalone KRaft broker (kafka/broker.sh) on
# ports of its own with a fresh data directory, runs the driver (cn.henan.skillshub.benchmark.HubBenchmark),
# and stops the broker again. Figures are printed and kept in data/bench/report-{all,files,bigcsv,settlement}.txt.
#
# Environment (all optional):
#   BENCH_KAFKA_PORT / BENCH_KAFKA_CONTROLLER_PORT   the broker's ports             default 29092 / 29093
#   BENCH_DATA_DIR          broker data, hub log, report (under the repo)          default data/bench
#   BENCH_JDBC_URL, BENCH_JDBC_USER, BENCH_JDBC_PASSWORD   the PostgreSQL server   default 127.0.0.1:5432/test, postgres
#   BENCH_SCHEMA / BENCH_TRICKLE_SCHEMA   exchange schemas (dropped and recreated)  default bench_exchange / bench_trickle
#   BENCH_HUB_HEAP          -Xmx of the hub process                                 default 1g
#   BENCH_HUB_JFR           non-empty: record a JFR profile of the hub to data/bench/hub.jfr
#   BENCH_HUB_JAVA_OPTS     extra JVM options of the hub, e.g. a profiler agent (-agentpath:...)
#   BENCH_POLL_INTERVAL_MS  the routes' poll interval                               default 1000 (production)
#   BENCH_TRICKLE_RATE / BENCH_TRICKLE_SECONDS   trickle rows/s and duration        default 1000 / 60
#   BENCH_TRICKLE_DELAY_WINDOW   the trickle route's delay window                   default 0 seconds
#   BENCH_WARMUP            rows the hub pulls before measuring (JIT, producer)     default 5000
#   BENCH_FILE_WARMUP       CSV lines the hub publishes first before the file path is measured    default 100000
#   BENCH_JIT_SETTLED       each path is warmed up (100,000 records a round) until the hub's JIT compiler threads
#                           used less than this share of its CPU in a round                default 0.05
#   BENCH_WARMUP_MAX        ... or until this many records went through                  default 2000000
#   BENCH_ROUNDS            rounds of the file path, each followed by the raw producer; the round of median
#                           ratio is reported                                          default 3
#   BENCH_WAIT_QUIET        e.g. 1.0: first wait (up to 25 min) for the 1-minute load average to fall below it
#   BENCH_BROKER_HEAP       -Xmx of the broker                                      default 1g
#   BENCH_SETTLEMENT_JDBC_URL   settlement: the ledger's database, dropped and created again; its name must
#                           begin with 'bench'                      default 127.0.0.1:5432/bench_settlement
#   BENCH_HELD_CLAIMS / BENCH_KILL_CLAIMS   settlement: held claims of the release / of the kill -9 release
#                           (0 skips it)                                            default 100000 / 100000
#   BENCH_TRICKLE_PEOPLE    settlement: live people a second during a release       default 10
#   BENCH_PGBENCH_SECONDS   settlement: how long pgbench runs                        default 30
#   MAVEN_ARGS              extra Maven arguments, e.g. -o
set -euo pipefail

SCRIPT_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
REPO_ROOT="$(cd "$SCRIPT_DIR/.." && pwd)"
cd "$REPO_ROOT"

DATA_DIR="$REPO_ROOT/${BENCH_DATA_DIR:-data/bench}"
export BENCH_REPO_ROOT="$REPO_ROOT" BENCH_DATA_DIR="${BENCH_DATA_DIR:-data/bench}"
export KAFKA_PORT="${BENCH_KAFKA_PORT:-29092}" KAFKA_CONTROLLER_PORT="${BENCH_KAFKA_CONTROLLER_PORT:-29093}"
export BENCH_KAFKA_PORT="$KAFKA_PORT" BENCH_KAFKA_CONTROLLER_PORT="$KAFKA_CONTROLLER_PORT"
export KAFKA_DATA_DIR="$DATA_DIR/kafka" KAFKA_HEAP="${BENCH_BROKER_HEAP:-1g}"
CP_FILE="$DATA_DIR/test-classpath.txt"

log() { echo "[benchmark] $*" >&2; }

build() {
  mkdir -p "$DATA_DIR"
  log "building the hub and its test classes (mvn test-compile)"
  # shellcheck disable=SC2086
  mvn -B -ntp -q ${MAVEN_ARGS:-} test-compile >"$DATA_DIR/maven.log" 2>&1 || { cat "$DATA_DIR/maven.log" >&2; exit 1; }
  if [[ ! -s "$CP_FILE" || pom.xml -nt "$CP_FILE" ]]; then
    # shellcheck disable=SC2086
    mvn -B -ntp -q ${MAVEN_ARGS:-} dependency:build-classpath -Dmdep.includeScope=test \
      -Dmdep.outputFile="$CP_FILE" >>"$DATA_DIR/maven.log" 2>&1 || { cat "$DATA_DIR/maven.log" >&2; exit 1; }
  fi
  CLASSPATH_ALL="$REPO_ROOT/target/test-classes:$REPO_ROOT/target/classes:$(cat "$CP_FILE")"
}

wait_quiet() {
  local limit="$1" waited=0 load
  while :; do
    load="$(cut -d' ' -f1 /proc/loadavg)"
    if awk -v l="$load" -v m="$limit" 'BEGIN { exit !(l < m) }'; then
      log "1-minute load average $load < $limit: measuring"
      return 0
    fi
    if ((waited >= 1500)); then
      log "load average still $load after 25 min: measuring anyway (the report shows the load)"
      return 0
    fi
    log "1-minute load average $load >= $limit: waiting (${waited} s so far)"
    sleep 30
    waited=$((waited + 30))
  done
}

stop_broker() { bash "$SCRIPT_DIR/broker.sh" stop || true; }

run_hub_benchmark() {
  build
  # A broker of its own every run: stop one left by an interrupted run, wipe its data (the Maven-resolved
  # classpath cache stays), start it fresh on the benchmark's ports.
  stop_broker
  rm -rf "$KAFKA_DATA_DIR/logs" "$KAFKA_DATA_DIR/cluster.id"
  [[ -n "${BENCH_WAIT_QUIET:-}" ]] && wait_quiet "$BENCH_WAIT_QUIET"
  bash "$SCRIPT_DIR/broker.sh" start
  trap stop_broker EXIT
  java -Xmx1g -Dlogback.configurationFile=benchmark/logback-driver.xml -cp "$CLASSPATH_ALL" \
    cn.henan.skillshub.benchmark.HubBenchmark "$@"
}

run_settlement_benchmark() {
  build
  stop_broker
  rm -rf "$KAFKA_DATA_DIR/logs" "$KAFKA_DATA_DIR/cluster.id"
  [[ -n "${BENCH_WAIT_QUIET:-}" ]] && wait_quiet "$BENCH_WAIT_QUIET"
  bash "$SCRIPT_DIR/broker.sh" start
  trap stop_broker EXIT
  java -Xmx1536m -Dlogback.configurationFile=benchmark/logback-driver.xml -cp "$CLASSPATH_ALL" \
    cn.henan.skillshub.benchmark.SettlementBenchmark "$@"
}

run_jmh() {
  build
  [[ -n "${BENCH_WAIT_QUIET:-}" ]] && wait_quiet "$BENCH_WAIT_QUIET"
  java -cp "$CLASSPATH_ALL" org.openjdk.jmh.Main PerRecordPathBenchmark "$@"
}

case "${1:-}" in
  jmh) shift; run_jmh "$@" ;;
  bigcsv|files) run_hub_benchmark "$@" ;;
  settlement) run_settlement_benchmark "$@" ;;
  -h|--help) sed -n '2,46p' "$0" ;;
  *) run_hub_benchmark "$@" ;;
esac
