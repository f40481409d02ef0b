#!/usr/bin/env bash
# Agent benchmark: throughput on real IoTDB logs with the caches on and off (and where the time goes), latency
# from the log call to the alert, and the resident set size of a real agent process.
# Usage: agent/bench/throughput.sh [--paper] [--lines N] [--paper-lines N] [--rss-lines N] [--threads N]
# Needs the built jars (mvn -o install), and the data folder in CONTRALOG_DATA or ../shared/data beside the repo.
set -euo pipefail

root="$(cd "$(dirname "$0")/../.." && pwd)"
paper=false
lines=60000
paper_lines=15000
rss_lines=300000
threads=1
while [ $# -gt 0 ]; do
    case "$1" in
        --paper) paper=true ;;
        --lines) lines="$2"; shift ;;
        --paper-lines) paper_lines="$2"; shift ;;
        --rss-lines) rss_lines="$2"; shift ;;
        --threads) threads="$2"; shift ;;
        *) echo "throughput.sh: unknown option '$1'; see the usage line in $0" >&2
           exit 2 ;;
    esac
    shift
done

data="${CONTRALOG_DATA:-$root/../shared/data}"
iotdb="$data/multilog-iotdb"
if [ ! -d "$iotdb" ]; then
    echo "throughput.sh: $iotdb does not exist; set CONTRALOG_DATA to the folder that holds multilog-iotdb" >&2
    exit 2
fi
trainer="$root/trainer/target/contralog-trainer.jar"
agent="$root/agent/target/contralog-agent.jar"
for jar in "$trainer" "$agent"; do
    if [ ! -f "$jar" ]; then
        echo "throughput.sh: $jar is missing; build it first with 'mvn -B -o -q install -DskipTests'" >&2
        exit 2
    fi
done

bench="$root/target/bench"
mkdir -p "$bench"
cores=""
if command -v taskset >/dev/null && [ "$(nproc)" -gt 2 ]; then
    cores="taskset -c 0,1"
fi

# Trains once per preset on another scenario than the one measured; --epochs and the input cap training time.
train() {
    local preset="$1" epochs="$2" input="$3"
    if [ ! -f "$bench/$preset/manifest.json" ]; then
        echo "training the $preset bundle into $bench/$preset (at most $epochs epochs)" >&2
        java -jar "$trainer" train --format multilog --preset "$preset" --epochs "$epochs" --quiet \
            --input "$input" --out "$bench/$preset" >"$bench/train-$preset.log" 2>&1 || {
            tail -20 "$bench/train-$preset.log" >&2
            echo "throughput.sh: training the $preset bundle failed; see $bench/train-$preset.log" >&2
            exit 1
        }
    fi
}

presets=(small)
train small 2 "$iotdb/export"
if $paper; then
    train paper 1 "$iotdb/export/label1.log.gz"
    presets+=(paper)
fi

# Runs one benchmark class of the agent's tests and prints its table rows; its whole output stays in a log.
mvn_bench() {
    local log="$bench/$1.log"
    shift
    if ! (cd "$root" && $cores mvn -B -o -q -pl agent surefire:test -Dsurefire.failIfNoSpecifiedTests=false "$@") \
        >"$log" 2>&1; then
        tail -40 "$log" >&2
        echo "throughput.sh: the benchmark failed; its output is in $log" >&2
        exit 1
    fi
    grep -E '^(preset|small|paper|rss|latency) ' "$log"
}

load() {
    cut -d' ' -f1-3 /proc/loadavg
}

echo "== throughput: IoTDB lines (compaction), 2 cores, seconds per stage; load $(load)"
for preset in "${presets[@]}"; do
    n="$lines"
    if [ "$preset" = paper ]; then
        n="$paper_lines"
    fi
    mvn_bench "throughput-$preset" -Dtest=IotdbThroughputBench -Dcontralog.bench.bundle="$bench/$preset" \
        -Dcontralog.bench.iotdb="$iotdb/compaction" -Dcontralog.bench.lines="$n" \
        -Dcontralog.bench.preset="$preset" \
        -Dcontralog.bench.threads="$threads"
done
echo "== latency: log call to alert arrival, keyed sessions, idle 2s, 2,000 lines/s; load $(load)"
mvn_bench latency -Dtest='AgentThroughputBench#printsLatencyFromWriteToAlert' -Dcontralog.bench=true
echo "== memory: VmRSS of 'java -jar contralog-agent.jar run' (small); load $(load)"
mvn_bench memory -Dtest=AgentRssBench -Dcontralog.bench.bundle="$bench/small" -Dcontralog.bench.data="$iotdb" \
    -Dcontralog.bench.agentJar="$agent" -Dcontralog.bench.rssLines="$rss_lines"
