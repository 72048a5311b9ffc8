#!/usr/bin/env bash
# A standalone single-node KRaft Kafka broker (broker + controller in one JVM) for local runs and benchmarks,
# built from Kafka's own jars on Maven Central (kafka/broker/pom.xml): no download of a Kafka distribution.
#
#   bash kafka/broker.sh start|stop|status
#   bash kafka/broker.sh tool CLASS [ARGS...]   run a Kafka tool on the broker's classpath, quietly logged, e.g.
#     bash kafka/broker.sh tool org.apache.kafka.tools.TopicCommand --bootstrap-server 127.0.0.1:9092 --list
#     bash kafka/broker.sh tool org.apache.kafka.tools.ProducerPerformance --topic t --num-records 100000 ...
#
# Environment (all optional):
#   KAFKA_DATA_DIR         data, logs, config, PID file     default <repo>/data/kafka
#   KAFKA_PORT             client listener on 127.0.0.1     default 9092
#   KAFKA_CONTROLLER_PORT  KRaft controller listener        default 9093
#   KAFKA_HEAP             -Xmx of the broker JVM           default 1g
#   KAFKA_START_TIMEOUT    seconds to wait for "started"    default 60
#   KAFKA_STOP_TIMEOUT     seconds before TERM becomes KILL default 30
#
# `status` exits 0 when running and 3 when stopped (the LSB convention), so scripts can test it.
set -euo pipefail

SCRIPT_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
REPO_ROOT="$(cd "$SCRIPT_DIR/.." && pwd)"

DATA_DIR="$(realpath -m "${KAFKA_DATA_DIR:-$REPO_ROOT/data/kafka}")"
PORT="${KAFKA_PORT:-9092}"
CONTROLLER_PORT="${KAFKA_CONTROLLER_PORT:-9093}"
HEAP="${KAFKA_HEAP:-1g}"
START_TIMEOUT="${KAFKA_START_TIMEOUT:-60}"
STOP_TIMEOUT="${KAFKA_STOP_TIMEOUT:-30}"

POM="$SCRIPT_DIR/broker/pom.xml"
CP_FILE="$DATA_DIR/classpath.txt"
PROPS="$DATA_DIR/server.properties"
LOG4J="$DATA_DIR/log4j2.properties"
TOOLS_LOG4J="$DATA_DIR/tools-log4j2.properties"
LOG_DIRS="$DATA_DIR/logs"   # Kafka's "log" = the partition data, not log messages
CLUSTER_ID_FILE="$DATA_DIR/cluster.id"
PID_FILE="$DATA_DIR/broker.pid"
OUT="$DATA_DIR/broker.log"

log() { echo "[kafka-broker] $*" >&2; }

# The first errors say why (a port in use, a bad directory); the tail says where the broker stopped.
show_failure() {
  log "$1; first errors and last lines of $OUT:"
  # Each error with the exception line under it ("... Address already in use"); stack frames left out.
  grep -A1 -E '^\[[^]]*\] (ERROR|FATAL) ' "$OUT" | grep -v -E '^(--|\s+at |\s+\.\.\. )' | head -n 10 >&2 || true
  echo "..." >&2
  grep -v -E '^\s+(at |\.\.\. )' "$OUT" | tail -n 15 >&2 || true
}

now_ms() { local t="${EPOCHREALTIME/[.,]/}"; echo "${t:0:-3}"; }

port_open() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

# The PID in the file, only if that process is alive and is our broker (a PID can be reused after a crash).
running_pid() {
  [[ -f "$PID_FILE" ]] || return 1
  local pid
  pid="$(cat "$PID_FILE")"
  [[ -n "$pid" ]] && kill -0 "$pid" 2>/dev/null || return 1
  tr '\0' ' ' <"/proc/$pid/cmdline" 2>/dev/null | grep -q 'kafka\.Kafka' || return 1
  echo "$pid"
}

# Resolving through Maven takes seconds (minutes on a cold ~/.m2), so the classpath is cached in the data dir.
# It is resolved again when missing, older than the pom, or naming a jar that has gone from ~/.m2.
classpath() {
  local stale=0 jar
  if [[ ! -s "$CP_FILE" || "$POM" -nt "$CP_FILE" ]]; then
    stale=1
  else
    IFS=':' read -r -a jars <"$CP_FILE"
    for jar in "${jars[@]}"; do [[ -f "$jar" ]] || { stale=1; break; }; done
  fi
  if ((stale)); then
    log "resolving the Kafka classpath with Maven ($POM)"
    mkdir -p "$DATA_DIR"
    if ! mvn -B -ntp -q -f "$POM" dependency:build-classpath -Dmdep.outputFile="$CP_FILE" \
      >"$DATA_DIR/maven.log" 2>&1; then
      log "Maven could not resolve the classpath:"
      cat "$DATA_DIR/maven.log" >&2
      rm -f "$CP_FILE"
      return 1
    fi
  fi
  cat "$CP_FILE"
}

write_config() {
  # Rewritten on every start so a changed port or heap takes effect; the data itself stays in $LOG_DIRS.
  cat >"$PROPS" <<EOF
# Written by kafka/broker.sh on every start; edit the script, not this file.
process.roles=broker,controller
node.id=1
controller.quorum.voters=1@127.0.0.1:$CONTROLLER_PORT
listeners=PLAINTEXT://127.0.0.1:$PORT,CONTROLLER://127.0.0.1:$CONTROLLER_PORT
advertised.listeners=PLAINTEXT://127.0.0.1:$PORT
listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT
inter.broker.listener.name=PLAINTEXT
controller.listener.names=CONTROLLER
log.dirs=$LOG_DIRS
num.partitions=1
default.replication.factor=1
min.insync.replicas=1
# One node: every internal topic must fit on it.
offsets.topic.replication.factor=1
transaction.state.log.replication.factor=1
transaction.state.log.min.isr=1
share.coordinator.state.topic.replication.factor=1
share.coordinator.state.topic.min.isr=1
# Consumers of a fresh local stack should not wait 3 s for a first rebalance.
group.initial.rebalance.delay.ms=0
# The hub creates its topics from kafka/topics.yaml; a typo in a topic name must fail, not make a topic.
auto.create.topics.enable=false
EOF
  cat >"$LOG4J" <<'EOF'
# Written by kafka/broker.sh. Kafka's log messages go to stdout, which the script sends to broker.log.
status = warn
appender.out.type = Console
appender.out.name = STDOUT
appender.out.layout.type = PatternLayout
appender.out.layout.pattern = [%d] %p %m (%c)%n
rootLogger.level = info
rootLogger.appenderRef.out.ref = STDOUT
logger.request.name = kafka.request.logger
logger.request.level = warn
logger.network.name = kafka.network.RequestChannel$
logger.network.level = warn
EOF
  # The tools (StorageTool, TopicCommand, ProducerPerformance) print their whole client config at INFO.
  cat >"$TOOLS_LOG4J" <<'EOF'
# Written by kafka/broker.sh: Kafka's command-line tools log warnings only, to stderr.
status = warn
appender.err.type = Console
appender.err.name = STDERR
appender.err.target = SYSTEM_ERR
appender.err.layout.type = PatternLayout
appender.err.layout.pattern = [%d] %p %m (%c)%n
rootLogger.level = warn
rootLogger.appenderRef.err.ref = STDERR
EOF
}

start() {
  local pid
  if pid="$(running_pid)"; then
    log "already running (pid $pid) on 127.0.0.1:$PORT, data in $DATA_DIR"
    return 0
  fi
  if port_open "$PORT"; then
    log "127.0.0.1:$PORT is already taken by another process; set KAFKA_PORT or stop it"
    return 1
  fi
  mkdir -p "$DATA_DIR"
  rm -f "$PID_FILE"
  local cp
  cp="$(classpath)"
  write_config

  # Format only once: formatting writes meta.properties, and a formatted directory is never touched again,
  # so a restart keeps the topics and offsets. A static quorum (controller.quorum.voters) needs no
  # --standalone; Kafka 4.x refuses that flag together with controller.quorum.voters.
  if [[ ! -f "$LOG_DIRS/meta.properties" ]]; then
    [[ -s "$CLUSTER_ID_FILE" ]] || java -Dlog4j2.configurationFile="$TOOLS_LOG4J" -cp "$cp" kafka.tools.StorageTool random-uuid >"$CLUSTER_ID_FILE"
    log "formatting $LOG_DIRS (cluster id $(cat "$CLUSTER_ID_FILE"))"
    if ! java -Dlog4j2.configurationFile="$TOOLS_LOG4J" -cp "$cp" kafka.tools.StorageTool format \
      -t "$(cat "$CLUSTER_ID_FILE")" -c "$PROPS" >"$DATA_DIR/format.log" 2>&1; then
      log "formatting failed:"
      cat "$DATA_DIR/format.log" >&2
      return 1
    fi
  fi

  [[ -f "$OUT" ]] && mv -f "$OUT" "$OUT.1"
  local launcher=()
  # Own session: a Ctrl-C meant for whoever started us (a terminal, mvn spring-boot:run) does not reach the
  # broker; it is stopped through `stop`, after its clients.
  command -v setsid >/dev/null && launcher=(setsid)
  local t0 t0ms
  t0=$SECONDS
  t0ms=$(now_ms)
  "${launcher[@]}" nohup java -Xmx"$HEAP" -Xms"$HEAP" \
    -Dlog4j2.configurationFile="$LOG4J" -Djava.awt.headless=true \
    -cp "$cp" kafka.Kafka "$PROPS" </dev/null >"$OUT" 2>&1 &
  pid=$!
  echo "$pid" >"$PID_FILE"

  # Ready = the listener accepts connections and the server says it has started (the port opens a moment
  # before the broker has caught up with the metadata log).
  while ((SECONDS - t0 < START_TIMEOUT)); do
    if ! kill -0 "$pid" 2>/dev/null; then
      show_failure "the broker exited during start"
      rm -f "$PID_FILE"
      return 1
    fi
    if port_open "$PORT" && grep -q 'Kafka Server started' "$OUT"; then
      log "started (pid $pid) on 127.0.0.1:$PORT in $(($(now_ms) - t0ms)) ms, heap $HEAP, data in $DATA_DIR"
      return 0
    fi
    sleep 0.2
  done
  show_failure "not ready after ${START_TIMEOUT} s"
  stop
  return 1
}

stop() {
  local pid
  if ! pid="$(running_pid)"; then
    rm -f "$PID_FILE"
    log "not running"
    return 0
  fi
  kill -TERM "$pid"
  local t0ms
  t0ms=$(now_ms)
  while kill -0 "$pid" 2>/dev/null && (($(now_ms) - t0ms < STOP_TIMEOUT * 1000)); do sleep 0.2; done
  if kill -0 "$pid" 2>/dev/null; then
    log "still running after ${STOP_TIMEOUT} s, killing pid $pid"
    kill -KILL "$pid" 2>/dev/null || true
  fi
  rm -f "$PID_FILE"
  log "stopped (pid $pid) in $(($(now_ms) - t0ms)) ms"
}

status() {
  local pid
  if pid="$(running_pid)"; then
    echo "running (pid $pid) on 127.0.0.1:$PORT, data in $DATA_DIR"
  else
    echo "stopped"
    return 3
  fi
}

tool() {
  (($# > 0)) || { echo "usage: $0 tool CLASS [ARGS...]" >&2; return 2; }
  local cp
  cp="$(classpath)"
  [[ -f "$TOOLS_LOG4J" ]] || write_config
  exec java -Dlog4j2.configurationFile="$TOOLS_LOG4J" -cp "$cp" "$@"
}

case "${1:-}" in
  start) start ;;
  tool) shift; tool "$@" ;;
  stop) stop ;;
  status) status ;;
  *) echo "usage: $0 start|stop|status|tool CLASS [ARGS...]" >&2; exit 2 ;;
esac
