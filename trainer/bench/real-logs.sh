#!/usr/bin/env bash
# Smoke benchmark of the trainer on the small labelled sets in shared/data, printed as one table.
#
# Rows: the `small` preset on the HDFS traces (block sessions, time order), the BGL toy set (60 s windows of at most
# 32 lines) and three IoTDB scenarios of MultiLog (64-event windows per node); then the `paper` preset on the HDFS traces and the BGL toy set. Each row
# runs the protocol over SEEDS seeds (mean±sd) and reports both protocols (paper = balanced 1:1 test set, natural =
# natural anomaly ratio), the model at both thresholds, its context-free and in-context parts alone, and two
# baselines (a sequence is anomalous when it holds a message never seen in training, exactly or digits masked).
# BGL and IoTDB are split in a seeded shuffled order: in time order the BGL toy set's test part holds no normal
# window, and the IoTDB files (the first 10,000 lines per node) put the fault windows in the middle, leaving the
# validation and fit parts without a normal window or the test part without an anomalous one.
#
# These sets are tiny (110 HDFS blocks, about 250 BGL windows, about 940 IoTDB windows): the figures are smoke
# results, not claims. Training is capped per row with --max-minutes; the whole run takes about 20 minutes on two
# cores. Not for CI.
#
# Usage: trainer/bench/real-logs.sh            (after: mvn -B -o -q -pl trainer package -DskipTests)
# Environment: JAR (the trainer jar), DATA (default ../shared/data beside the repository), SEEDS (3), MINUTES (2),
#              PAPER (1 to include the paper rows, 0 to skip), OUT (folder for logs, bundles and the TSV).
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
jar=${JAR:-$root/trainer/target/contralog-trainer.jar}
data=${DATA:-$root/../shared/data}
seeds=${SEEDS:-3}
minutes=${MINUTES:-2}
paper=${PAPER:-1}
out=${OUT:-$(mktemp -d -t contralog-bench.XXXXXX)}
summary="$out/summary.tsv"

if [[ ! -f "$jar" ]]; then
    echo "missing $jar: build it with 'mvn -B -o -q -pl trainer package -DskipTests'" >&2
    exit 2
fi
if [[ ! -d "$data/hdfs" ]]; then
    echo "missing data folder $data (set DATA to the shared data folder)" >&2
    exit 2
fi
mkdir -p "$out"
: > "$summary"

row() {
    local name=$1
    shift
    local file=${name//\//-}
    local start=$SECONDS
    if java -jar "$jar" benchmark --seeds "$seeds" --max-minutes "$minutes" --name "$name" --summary "$summary" \
        --work-dir "$out/work-$file" --protocol natural "$@" > "$out/$file.log" 2>&1; then
        echo "$name: done in $((SECONDS - start)) s ($(tail -n 1 "$out/$file.log"))" >&2
    else
        echo "$name: FAILED after $((SECONDS - start)) s, see $out/$file.log" >&2
        tail -n 3 "$out/$file.log" >&2
    fi
}

hdfs=(--input "$data/hdfs/HDFS_5k_traces.log.gz" --format hdfs --labels "$data/hdfs/HDFS_5k_traces.anomaly_label.csv")
bgl=(--input "$data/bgl/toy_bgl.log" --format bgl --max-length 32 --shuffle-seed 1)
iotdb="$data/multilog-iotdb"

row hdfs-traces/small "${hdfs[@]}" --preset small
row bgl-toy/small "${bgl[@]}" --preset small
row iotdb-cpu_leader/small --input "$iotdb/cpu_leader" --format multilog --shuffle-seed 1 --preset small
row iotdb-import_multi/small --input "$iotdb/import_multi" --format multilog --shuffle-seed 1 --preset small
row iotdb-network3_leader/small --input "$iotdb/network3_leader" --format multilog --shuffle-seed 1 --preset small
if [[ "$paper" == 1 ]]; then
    row hdfs-traces/paper "${hdfs[@]}" --preset paper
    row bgl-toy/paper "${bgl[@]}" --preset paper
fi

echo
echo "Smoke results on small sets (mean±sd over $seeds seeds; train/fit = normal sequences per seed;"
echo "test/anomalous = test sequences behind each figure; train_s = seconds per seed for training, export and fit)."
{
    printf 'set\tsplit\ttrain\tfit\ttrain_s\tprotocol\tdetector\tthreshold\tprecision\trecall\tf1\tauroc\ttest\tanomalous\tseeds\n'
    cat "$summary"
} | column -t -s $'\t'
echo
echo "logs, bundles and TSV: $out"
