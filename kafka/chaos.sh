#!/usr/bin/env bash
# The skills-hub chaos harness: hub instances as a cluster, killed under load, and a count of what subscribers saw.
#
#   bash kafka/chaos.sh [ROWS] [KILLS]    default 100,000 rows and 5 kills of the leader
#
# It builds the hub and its test classes with Maven, starts a standalone KRaft broker (kafka/broker.sh) on ports of
# its own with a fresh data directory, and runs the driver (cn.henan.skillshub.cluster.ChaosRun): three hub
# instances as child JVMs sharing a cluster directory; enrolments written into an exchange schema of the real
# PostgreSQL at a steady rate, one in CHAOS_BAD_EVERY bad (eleven kinds); CSV files in an SFTP inbox (an SFTP
# server in the driver); kill -9 of the enrolment source's leader KILLS times (each killed instance is started
# again), and after the second one a kill -9 of the broker, checked to show the sources failing, then restarted.
# At the end a read_committed count prints lost, duplicated, good rows rejected, bad rows published,
# rows = events + rejects, the CSV lines' count, and each failover's time from the kill to the next commit.
# Exits 0 only with 0 lost, 0 duplicated and every failover within 15 s. Logs and figures: data/chaos/.
#
# Environment (all optional):
#   CHAOS_KAFKA_PORT / CHAOS_KAFKA_CONTROLLER_PORT   the broker's ports            default 29192 / 29193
#   CHAOS_DATA_DIR         broker data, hub logs, report (under the repo)          default data/chaos
#   CHAOS_JDBC_URL, CHAOS_JDBC_USER, CHAOS_JDBC_PASSWORD   the PostgreSQL server   default 127.0.0.1:5432/test, postgres
#   CHAOS_SCHEMA           the exchange schema (dropped and recreated)             default chaos_exchange
#   CHAOS_INSTANCES        hub instances                                           default 3
#   CHAOS_RATE             rows written per second                                 default 1000
#   CHAOS_BAD_EVERY        one row in this many is bad                             default 50
#   CHAOS_FILE_LINES       CSV lines in the SFTP inbox (in five files)             default 5000
#   CHAOS_BROKER_KILL      yes / no                                                default yes
#   CHAOS_HUB_HEAP         -Xmx of each hub                                        default 384m
#   MAVEN_ARGS             extra Maven arguments, e.g. -o
set -euo pipefail

SCRIPT_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
REPO_ROOT="$(cd "$SCRIPT_DIR/.." && pwd)"
cd "$REPO_ROOT"

[[ -n "${1:-}" ]] && export CHAOS_ROWS="$1"
[[ -n "${2:-}" ]] && export CHAOS_KILLS="$2"
DATA_DIR="$REPO_ROOT/${CHAOS_DATA_DIR:-data/chaos}"
export CHAOS_REPO_ROOT="$REPO_ROOT" CHAOS_DATA_DIR="${CHAOS_DATA_DIR:-data/chaos}"
export KAFKA_PORT="${CHAOS_KAFKA_PORT:-29192}" KAFKA_CONTROLLER_PORT="${CHAOS_KAFKA_CONTROLLER_PORT:-29193}"
export KAFKA_DATA_DIR="$DATA_DIR/kafka" KAFKA_HEAP="${CHAOS_BROKER_HEAP:-1g}"
export CHAOS_BOOTSTRAP="127.0.0.1:$KAFKA_PORT"
CP_FILE="$DATA_DIR/test-classpath.txt"

log() { echo "[chaos] $*" >&2; }

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

stop_broker() { bash "$SCRIPT_DIR/broker.sh" stop || true; }
# A broker of its own every run: stop one left by an interrupted run, wipe its data, start it fresh.
stop_broker
rm -rf "$KAFKA_DATA_DIR/logs" "$KAFKA_DATA_DIR/cluster.id"
bash "$SCRIPT_DIR/broker.sh" start
trap stop_broker EXIT
java -Xmx1g -Dlogback.configurationFile=benchmark/logback-driver.xml -cp "$CLASSPATH_ALL" \
  cn.henan.skillshub.cluster.ChaosRun | tee "$DATA_DIR/report.txt"
exit "${PIPESTATUS[0]}"
