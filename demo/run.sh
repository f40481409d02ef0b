#!/usr/bin/env bash
# ContraLog demo: train on a sample service's normal logs, then watch the agent alert on an injected fault.
#
#   ./demo/run.sh            build what is missing, then run the whole demo (a few minutes on 2 cores)
#
# Environment: MVN_ARGS (extra Maven arguments, e.g. -o), KEEP_WORK=1 (keep the temporary folder),
# DEMO_FAULT (payment-timeout, db-slow or skip-reserve; default payment-timeout).
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
FAULT="${DEMO_FAULT:-payment-timeout}"
SECRET="whsec_$(head -c 24 /dev/urandom | base64)"
AGENT_JAR="$ROOT/agent/target/contralog-agent.jar"
TRAINER_JAR="$ROOT/trainer/target/contralog-trainer.jar"
SERVICE_JAR="$ROOT/samples/logback-service/target/contralog-samples-logback-service.jar"
RECEIVER_JAR="$ROOT/samples/webhook-receiver/target/contralog-samples-webhook-receiver.jar"

say() { printf '\n\033[1m==> %s\033[0m\n' "$*"; }
die() { printf 'demo: %s\n' "$*" >&2; exit 1; }

# --- Java and its flags ------------------------------------------------------------------------------------
command -v java >/dev/null || die "no java on the PATH; install a JDK 17 or newer"
# shellcheck source=../scripts/common.sh
. "$ROOT/scripts/common.sh"
java_flags
[ "${JAVA_FEATURE:-0}" -ge 17 ] || die "Java ${JAVA_FEATURE} found; ContraLog needs Java 17 or newer"

# --- Build what is missing -----------------------------------------------------------------------------------
if [ ! -f "$AGENT_JAR" ] || [ ! -f "$TRAINER_JAR" ] || [ ! -f "$SERVICE_JAR" ] || [ ! -f "$RECEIVER_JAR" ]; then
    say "Building ContraLog (mvn -B -q -DskipTests install; the first build downloads dependencies)"
    command -v mvn >/dev/null || die "no mvn on the PATH; install Maven 3.8 or newer"
    (cd "$ROOT" && mvn -B -q -DskipTests ${MVN_ARGS:-} install)
fi

# --- Everything the demo starts is stopped on the way out ---------------------------------------------------
WORK="$(mktemp -d "${TMPDIR:-/tmp}/contralog-demo.XXXXXX")"
stop_on_exit demo

wait_for_file() {  # wait_for_file FILE SECONDS WHAT LOG
    local deadline=$((SECONDS + $2))
    until [ -s "$1" ]; do
        [ "$SECONDS" -lt "$deadline" ] || { tail -n 30 "$4" >&2 || true; die "$3 did not start within $2 s"; }
        sleep 0.2
    done
}

# --- 1. Normal traffic, 2. training ---------------------------------------------------------------------------
say "1/4 Running the sample order service (Logback) without faults to collect normal logs"
java "${JFLAGS[@]}" -Xmx256m -jar "$SERVICE_JAR" --queue-dir "$WORK/normal-queue" --requests 1500 --rate 300 \
    --threads 8 --seed 1

say "2/4 Training a tiny model on those logs (sessions keyed by the requestId MDC field)"
# --quiet: without the progress bar's allocations no garbage collection runs during training, and a run is
# repeatable; a run that diverges (the trainer says so and writes nothing) is retried with the next seed.
for seed in 1 2 3; do
    echo "training with seed $seed (about a minute)"
    if java "${JFLAGS[@]}" -Xmx2g -jar "$TRAINER_JAR" train --input "$WORK/normal-queue" --format queue \
        --out "$WORK/model" --preset tiny --session-field requestId --seed "$seed" --quiet 2> "$WORK/train.log"; then
        grep -E 'WARN|fitted on' "$WORK/train.log" || true
        break
    fi
    grep -q 'training diverged' "$WORK/train.log" || { cat "$WORK/train.log" >&2; die "training failed"; }
    echo "training with seed $seed diverged; trying the next seed"
    [ "$seed" -lt 3 ] || die "training diverged with three seeds; see $WORK/train.log"
done

# --- 3. Receiver and agent --------------------------------------------------------------------------------------
say "3/4 Starting the webhook receiver and the agent"
java -Xmx128m -jar "$RECEIVER_JAR" --port 0 --port-file "$WORK/receiver.port" --secret "$SECRET" \
    --out "$WORK/alerts.jsonl" > >(sed -u 's/^/[receiver] /') 2>&1 &
PIDS+=($!)
wait_for_file "$WORK/receiver.port" 30 "the webhook receiver" /dev/null
RECEIVER_PORT="$(cat "$WORK/receiver.port")"

mkdir -p "$WORK/live-queue"
cat > "$WORK/agent.yaml" <<YAML
queue:
  dir: $WORK/live-queue
model:
  dir: $WORK/model
session:
  idleTimeout: 2s
http:
  bind: 127.0.0.1
  port: 0
state:
  dir: $WORK/state
alerts:
  warmUp: 0s
  webhooks:
    - url: http://127.0.0.1:$RECEIVER_PORT/alerts
      format: json
      secret: \${DEMO_WEBHOOK_SECRET}
YAML
DEMO_WEBHOOK_SECRET="$SECRET" java "${JFLAGS[@]}" -Xmx512m -jar "$AGENT_JAR" run --config "$WORK/agent.yaml" \
    > "$WORK/agent.log" 2>&1 &
PIDS+=($!)
echo "agent log: $WORK/agent.log"

# Alerts group the anomalous requests of one burst, so their count says little about precision; scoring every
# live request offline with the same bundle and code shows what the alerts stand for. The fault's 10 s are timed
# from the live queue's first request (the service's JVM takes seconds to start), with 1 s of slack each side.
score_requests() {
    FAULT_FROM=$((LIVE_START + 13)) FAULT_TO=$((LIVE_START + 27)) SCORED=0
    java "${JFLAGS[@]}" -Xmx1g -jar "$TRAINER_JAR" score --model "$WORK/model" --input "$WORK/live-queue" \
        --format queue --session-field requestId --top 1000000 --messages 1 > "$WORK/scores.txt" 2> "$WORK/score.log" \
        || { echo "trainer score failed; see $WORK/score.log"; return 0; }
    grep '^#' "$WORK/scores.txt" | awk '{ for (i = 1; i <= NF; i++) if ($i ~ /^start=/) print substr($i, 7) }' \
        | date -f - +%s > "$WORK/starts.txt"
    grep '^#' "$WORK/scores.txt" | awk '{ print ($4 == "ANOMALOUS") ? 1 : 0 }' > "$WORK/flags.txt"
    local first
    first=$(sort -n "$WORK/starts.txt" | head -n 1)
    FAULT_FROM=$((first + 14)) FAULT_TO=$((first + 26)) SCORED=1
}

summarise_requests() {
    [ "$SCORED" = 1 ] || return 0
    say "Every live request, scored offline with the same model (trainer score)"
    paste -d ' ' "$WORK/starts.txt" "$WORK/flags.txt" | awk -v from="$FAULT_FROM" -v to="$FAULT_TO" '
        { if ($1 >= from && $1 <= to) { fault++; faultHit += $2 } else { normal++; normalHit += $2 } }
        END { printf "requests that started during the fault (1 s slack each side): %d of %d scored anomalous\n",
                  faultHit, fault
              printf "requests before or after it: %d of %d scored anomalous\n", normalHit, normal }'
}

# --- 4. Live traffic with a fault ---------------------------------------------------------------------------------
say "4/4 Running the service for 40 s at 20 requests/s; fault '$FAULT' from 15 s to 25 s"
LIVE_START=$(date +%s)
java "${JFLAGS[@]}" -Xmx256m -jar "$SERVICE_JAR" --queue-dir "$WORK/live-queue" --duration 40s --rate 20 \
    --seed 2 --fault "$FAULT" --fault-after 15s --fault-for 10s

say "Waiting for the last sessions to close and be scored"
deadline=$((SECONDS + 30))
until [ -s "$WORK/alerts.jsonl" ] || [ "$SECONDS" -ge "$deadline" ]; do sleep 0.5; done
sleep 3
ALERTS=$(wc -l < "$WORK/alerts.jsonl" 2>/dev/null || echo 0)
AGENT_URL="$(grep -o 'http://127.0.0.1:[0-9]*' "$WORK/agent.log" | head -n 1 || true)"
if [ -n "$AGENT_URL" ] && command -v curl >/dev/null; then
    say "The agent's counters ($AGENT_URL/metrics)"
    curl -s --max-time 5 "$AGENT_URL/metrics" \
        | grep -E '^contralog_(events_read|sequences_scored|anomalies|alerts_sent|alerts_suppressed)' || true
fi
if [ "$ALERTS" -gt 0 ]; then
    score_requests
    # An alert belongs to the fault when its sequence started inside the fault's 10 s.
    in_fault=0
    while read -r started; do
        at=$(date -d "$started" +%s 2>/dev/null || echo 0)
        if [ "$at" -ge "$FAULT_FROM" ] && [ "$at" -le "$FAULT_TO" ]; then
            in_fault=$((in_fault + 1))
        fi
    done < <(grep -o '"start" *: *"[^"]*"' "$WORK/alerts.jsonl" | sed 's/.*: *"//; s/"$//')
    say "Done: $ALERTS signed alert(s); $in_fault on sequences that started during the '$FAULT' fault," \
        "$((ALERTS - in_fault)) on normal traffic before or after it (false alarms)"
    summarise_requests
else
    tail -n 40 "$WORK/agent.log" >&2 || true
    die "no alert arrived; the agent's log is above"
fi
