import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.contralog.core.ChronicleSupport;
import io.contralog.core.event.LogEvent;
import io.contralog.core.queue.EventQueueReader;
import io.contralog.model.bundle.Bundle;
import io.contralog.model.score.ScoredSequence;
import io.contralog.model.score.SequenceScorer;
import io.contralog.model.session.Sequence;
import io.contralog.model.session.SessionSpec;
import io.contralog.model.session.Sessionizer;

import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.IntStream;
import java.util.zip.GZIPInputStream;

/**
 * The two halves of the real-data check around the agent run: {@code prepare} splits one MultiLog IoTDB scenario
 * at its first fault into normal training files and the fault windows, and {@code report} measures the agent's
 * alerts against those windows and how well the bundle's scores rank fault windows above normal ones.
 *
 * <p>Run with the source launcher and the agent's class path, for example
 * {@code java -cp 'agent/target/lib/*' ci/FaultWindowCheck.java prepare DATA/multilog-iotdb/shutdown_leader OUT}.
 * Exit codes: 0 the requirements hold, 1 a requirement fails, 2 bad usage or input.
 */
public final class FaultWindowCheck {

    /** Both the replay filter and this check treat a line as inside a fault window up to one second around it. */
    static final long SLACK_NANOS = 1_000_000_000L;

    private FaultWindowCheck() {
    }

    public static void main(String[] args) throws Exception {
        try {
            if (args.length == 3 && args[0].equals("prepare")) {
                Prepare.run(Path.of(args[1]), Path.of(args[2]));
            } else if (args.length >= 1 && args[0].equals("report")) {
                System.exit(Report.run(Options.parse(args)));
            } else {
                usage("expected 'prepare SCENARIO_DIR OUT_DIR' or 'report --key value ...'");
            }
        } catch (BadInput e) {
            usage(e.getMessage());
        }
    }

    static void usage(String message) {
        System.err.println("FaultWindowCheck: " + message);
        System.exit(2);
    }

    /** Input that makes the check impossible; the message names the file and the problem. */
    static final class BadInput extends RuntimeException {
        private static final long serialVersionUID = 1L;

        BadInput(String message) {
            super(message);
        }
    }

    /** One fault-injection window, in epoch nanoseconds, with the text inject.log gave for its start. */
    record Fault(String name, long start, long end, String startText) {

        boolean overlaps(long from, long to) {
            return from <= end + SLACK_NANOS && to >= start - SLACK_NANOS;
        }

        static boolean anyOverlaps(List<Fault> faults, long from, long to) {
            for (Fault f : faults) {
                if (f.overlaps(from, to)) {
                    return true;
                }
            }
            return false;
        }
    }

    /** Reads {@code start inject X} / {@code end inject X} lines, each followed by an epoch-seconds line. */
    static List<Fault> readInjectLog(Path file) throws IOException {
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        List<Fault> faults = new ArrayList<>();
        String name = null;
        String startText = null;
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).trim();
            boolean start = line.startsWith("start inject");
            if (!start && !line.startsWith("end inject")) {
                continue;
            }
            String time = i + 1 < lines.size() ? lines.get(i + 1).trim() : "";
            if (!time.matches("\\d+(\\.\\d+)?")) {
                throw new BadInput(file + " line " + (i + 2) + ": expected epoch seconds after '" + line + "'");
            }
            if (start) {
                name = line.substring("start inject".length()).trim();
                startText = time;
            } else if (startText != null) {
                faults.add(new Fault(name, nanos(startText), nanos(time), startText));
                startText = null;
            }
        }
        if (faults.isEmpty()) {
            throw new BadInput(file + " holds no 'start inject' / 'end inject' pair");
        }
        return faults;
    }

    static long nanos(String epochSeconds) {
        int dot = epochSeconds.indexOf('.');
        if (dot < 0) {
            return Long.parseLong(epochSeconds) * 1_000_000_000L;
        }
        String frac = (epochSeconds.substring(dot + 1) + "000000000").substring(0, 9);
        return Long.parseLong(epochSeconds.substring(0, dot)) * 1_000_000_000L + Long.parseLong(frac);
    }

    static void writeFaults(Path file, List<Fault> faults) throws IOException {
        StringBuilder b = new StringBuilder();
        for (Fault f : faults) {
            b.append(f.name()).append('\t').append(f.start()).append('\t').append(f.end()).append('\t')
                .append(f.startText()).append('\n');
        }
        Files.writeString(file, b.toString(), StandardCharsets.UTF_8);
    }

    static List<Fault> readFaults(Path file) throws IOException {
        List<Fault> faults = new ArrayList<>();
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            String[] f = line.split("\t");
            if (f.length == 4) {
                faults.add(new Fault(f[0], Long.parseLong(f[1]), Long.parseLong(f[2]), f[3]));
            }
        }
        return faults;
    }

    static String utc(long epochNanos) {
        return DateTimeFormatter.ISO_INSTANT.format(Instant.ofEpochSecond(0, epochNanos).truncatedTo(
            java.time.temporal.ChronoUnit.MILLIS));
    }

    /** Splits a scenario at its first fault: normal lines before it train; everything from it on is replayed. */
    static final class Prepare {

        private static final DateTimeFormatter TS = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss,SSS",
            Locale.ROOT);

        private Prepare() {
        }

        static void run(Path scenario, Path out) throws IOException {
            List<Fault> faults = readInjectLog(scenario.resolve("inject.log"));
            long first = faults.get(0).start();
            Path train = out.resolve("train").resolve(scenario.getFileName().toString());
            Files.createDirectories(train);
            writeFaults(out.resolve("faults.tsv"), faults);
            long[] totals = new long[4];
            long lastTs = Long.MIN_VALUE;
            try (var files = Files.list(scenario)) {
                for (Path node : files.filter(p -> p.getFileName().toString().matches("label\\d+\\.log\\.gz"))
                        .sorted().toList()) {
                    long[] n = split(node, train.resolve(node.getFileName().toString().replace(".gz", "")), first);
                    System.out.printf("  %s: %d normal lines before the first fault train; %d normal and %d "
                        + "anomalous lines from it on are replayed%n", node.getFileName(), n[0], n[1], n[2]);
                    for (int i = 0; i < 3; i++) {
                        totals[i] += n[i];
                    }
                    lastTs = Math.max(lastTs, n[3]);
                }
            }
            if (totals[0] == 0 || totals[1] + totals[2] == 0) {
                throw new BadInput(scenario + ": no normal lines before the first fault or none after it");
            }
            long end = lastTs;
            long covered = faults.stream().filter(f -> f.start() <= end).count();
            System.out.printf("  %d fault windows in inject.log, %d of them within the logs (which end %s); first "
                + "fault '%s' from %s to %s%n", faults.size(), covered, utc(end), faults.get(0).name(),
                utc(first), utc(faults.get(0).end()));
            Files.writeString(out.resolve("replay.env"), "FIRST_FAULT=" + faults.get(0).startText() + "\n"
                + "TRAIN_LINES=" + totals[0] + "\nREPLAY_LINES=" + (totals[1] + totals[2]) + "\n");
        }

        /** Returns normal lines written, normal and anomalous lines after, and the last timestamp seen. */
        private static long[] split(Path node, Path trainFile, long firstFault) throws IOException {
            long[] n = {0, 0, 0, Long.MIN_VALUE};
            try (BufferedReader in = new BufferedReader(new InputStreamReader(new GZIPInputStream(
                    Files.newInputStream(node)), StandardCharsets.UTF_8));
                 BufferedWriter trainOut = Files.newBufferedWriter(trainFile, StandardCharsets.UTF_8)) {
                String line;
                while ((line = in.readLine()) != null) {
                    boolean normal = line.startsWith("- ");
                    long ts = timestamp(normal ? line.substring(2) : line);
                    if (ts == Long.MIN_VALUE) {
                        continue;
                    }
                    n[3] = Math.max(n[3], ts);
                    if (ts < firstFault) {
                        if (normal) {
                            trainOut.write(line);
                            trainOut.newLine();
                            n[0]++;
                        }
                    } else {
                        n[normal ? 1 : 2]++;
                    }
                }
            }
            return n;
        }

        private static long timestamp(String line) {
            if (line.length() < 23) {
                return Long.MIN_VALUE;
            }
            try {
                Instant t = LocalDateTime.parse(line.substring(0, 23), TS).toInstant(ZoneOffset.UTC);
                return t.getEpochSecond() * 1_000_000_000L + t.getNano();
            } catch (java.time.format.DateTimeParseException e) {
                return Long.MIN_VALUE;
            }
        }
    }

    /** Named options of {@code report}. */
    record Options(Map<String, String> values) {

        static Options parse(String[] args) {
            Map<String, String> v = new HashMap<>();
            for (int i = 1; i + 1 < args.length; i += 2) {
                if (!args[i].startsWith("--")) {
                    throw new BadInput("unexpected argument '" + args[i] + "'");
                }
                v.put(args[i].substring(2), args[i + 1]);
            }
            return new Options(v);
        }

        String get(String key) {
            String value = values.get(key);
            if (value == null) {
                throw new BadInput("report needs --" + key);
            }
            return value;
        }

        Path path(String key) {
            Path p = Path.of(get(key));
            if (!Files.exists(p)) {
                throw new BadInput("--" + key + " " + p + " does not exist");
            }
            return p;
        }
    }

    /** Both figures: alerts on fault windows, and the share of normal windows that alerted. */
    static final class Report {

        private static final ObjectMapper JSON = new ObjectMapper();
        /** Seconds after a fault's end within which a normal window is counted as the fault's aftermath. */
        static final int AFTERMATH_SECONDS = 15;

        private Report() {
        }

        static int run(Options o) throws IOException {
            List<Fault> faults = readFaults(o.path("faults"));
            double bound = Double.parseDouble(o.get("max-normal-share"));
            Map<String, Double> metrics = readMetrics(o.path("metrics"));
            Map<String, JsonNode> alerts = readAlerts(o.path("alerts"));
            List<Sequence> windows = windows(o.path("queue"), spec(o.path("model"), o.get("field")));

            boolean ok = true;
            long scored = Math.round(metrics.getOrDefault("contralog_sequences_scored_total", -1.0));
            long anomalous = Math.round(metrics.getOrDefault("contralog_anomalies_total", -1.0));
            System.out.printf("agent: %d events read, %d windows scored, %d above the threshold, %d alerts received"
                + "%n", Math.round(metrics.getOrDefault("contralog_events_read_total", -1.0)), scored, anomalous,
                alerts.size());
            if (scored <= 0) {
                System.out.println("FAIL: the agent scored no window (contralog_sequences_scored_total is "
                    + scored + "); its log tells why");
                return 1;
            }
            if (windows.size() != scored) {
                System.out.printf("FAIL: the queue holds %d windows under the model's sessions, but the agent scored"
                    + " %d; the share of normal windows below would have the wrong denominator%n", windows.size(),
                    scored);
                ok = false;
            }
            if (alerts.size() != anomalous) {
                System.out.printf("FAIL: %d windows scored above the threshold but %d alerts arrived; every anomaly"
                    + " must reach the receiver (grouping, rate limit and warm-up are off in this config)%n",
                    anomalous, alerts.size());
                ok = false;
            }
            ok &= faultFigure(faults, windows, alerts);
            ok &= normalFigure(faults, windows, alerts, bound);
            System.out.printf("all scored windows: %d of %d alerted (%.1f%%)%n", alerts.size(), windows.size(),
                percent(alerts.size(), windows.size()));
            Ranking.print(o.path("model"), Double.parseDouble(o.get("false-alarm-target")), faults, windows,
                Path.of(o.get("scores")));
            return ok ? 0 : 1;
        }

        private static boolean faultFigure(List<Fault> faults, List<Sequence> windows, Map<String, JsonNode> alerts) {
            long onFault = 0;
            for (JsonNode a : alerts.values()) {
                if (Fault.anyOverlaps(faults, instant(a, "start"), instant(a, "end"))) {
                    onFault++;
                }
            }
            long faultWindows = windows.stream().filter(w -> Fault.anyOverlaps(faults, w.startTs(), w.endTs()))
                .count();
            long faultAlerted = windows.stream().filter(w -> Fault.anyOverlaps(faults, w.startTs(), w.endTs())
                && alerts.containsKey(w.id())).count();
            System.out.printf("figure 1: %d of %d alerts overlap a fault window (+-1 s); %d of the %d scored windows"
                + " that overlap a fault window alerted (%.1f%%)%n", onFault, alerts.size(), faultAlerted,
                faultWindows, percent(faultAlerted, faultWindows));
            for (Fault f : faults) {
                long n = windows.stream().filter(w -> f.overlaps(w.startTs(), w.endTs())).count();
                if (n > 0) {
                    long hit = windows.stream().filter(w -> f.overlaps(w.startTs(), w.endTs())
                        && alerts.containsKey(w.id())).count();
                    System.out.printf("  fault '%s' %s .. %s: %d of %d windows alerted%n", f.name(), utc(f.start()),
                        utc(f.end()), hit, n);
                }
            }
            if (onFault < 1) {
                System.out.println("FAIL: no alert overlaps a fault window; the agent did not detect the injected"
                    + " faults");
                return false;
            }
            return true;
        }

        private static boolean normalFigure(List<Fault> faults, List<Sequence> windows, Map<String, JsonNode> alerts,
                                            double bound) {
            long normal = 0;
            long alerted = 0;
            Map<String, long[]> perNode = new TreeMap<>();
            for (Sequence w : windows) {
                if (Fault.anyOverlaps(faults, w.startTs(), w.endTs())) {
                    continue;
                }
                boolean hit = alerts.containsKey(w.id());
                normal++;
                alerted += hit ? 1 : 0;
                long[] n = perNode.computeIfAbsent(w.key(), k -> new long[2]);
                n[0]++;
                n[1] += hit ? 1 : 0;
            }
            double share = normal == 0 ? 0 : (double) alerted / normal;
            System.out.printf("figure 2: %d of %d scored windows that overlap no fault window (+-1 s) alerted: "
                + "%.1f%% (bound %.1f%%)%n", alerted, normal, 100 * share, 100 * bound);
            perNode.forEach((node, n) -> System.out.printf("  %s: %d of %d%n", node, n[1], n[0]));
            long[] after = aftermath(faults, windows, alerts);
            System.out.printf("  by start: %d of %d within %d s after a fault's end, %d of %d later%n", after[1],
                after[0], AFTERMATH_SECONDS, after[3], after[2]);
            if (normal == 0) {
                System.out.println("FAIL: no scored window lies outside the fault windows; pick a scenario with"
                    + " normal traffic after its first fault");
                return false;
            }
            if (share > bound) {
                System.out.printf("FAIL: %.1f%% of normal windows alerted, above the bound of %.1f%%%n",
                    100 * share, 100 * bound);
                return false;
            }
            return true;
        }

        /**
         * Normal windows (total, alerted) that start within {@link #AFTERMATH_SECONDS} after a fault's end and those
         * that start later: inject.log's end time marks the restart command, not the cluster's recovery.
         */
        private static long[] aftermath(List<Fault> faults, List<Sequence> windows, Map<String, JsonNode> alerts) {
            long[] n = new long[4];
            for (Sequence w : windows) {
                if (Fault.anyOverlaps(faults, w.startTs(), w.endTs())) {
                    continue;
                }
                boolean soon = faults.stream().anyMatch(f -> w.startTs() > f.end()
                    && w.startTs() - f.end() <= AFTERMATH_SECONDS * 1_000_000_000L);
                int i = soon ? 0 : 2;
                n[i]++;
                n[i + 1] += alerts.containsKey(w.id()) ? 1 : 0;
            }
            return n;
        }

        private static double percent(long part, long whole) {
            return whole == 0 ? 0 : 100.0 * part / whole;
        }

        private static long instant(JsonNode alert, String key) {
            Instant t = Instant.parse(alert.path(key).asText());
            return t.getEpochSecond() * 1_000_000_000L + t.getNano();
        }

        static Map<String, Double> readMetrics(Path file) throws IOException {
            Map<String, Double> out = new HashMap<>();
            for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                int space = line.lastIndexOf(' ');
                String name = line.substring(0, space);
                int brace = name.indexOf('{');
                String bare = brace < 0 ? name : name.substring(0, brace);
                try {
                    out.merge(bare, Double.parseDouble(line.substring(space + 1)), Double::sum);
                } catch (NumberFormatException e) {
                    // A value such as NaN for an empty summary says nothing this check needs.
                }
            }
            return out;
        }

        /** Alerts by sequence id; a retried delivery repeats the same alert and counts once. */
        static Map<String, JsonNode> readAlerts(Path file) throws IOException {
            Map<String, JsonNode> out = new LinkedHashMap<>();
            for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                if (line.isBlank()) {
                    continue;
                }
                JsonNode data = JSON.readTree(line).path("data");
                if (!data.hasNonNull("sequenceId") || !data.hasNonNull("start") || !data.hasNonNull("end")) {
                    throw new BadInput(file + ": an alert without data.sequenceId, data.start or data.end: " + line);
                }
                out.put(data.get("sequenceId").asText(), data);
            }
            return out;
        }

        /** The bundle's sessions with the agent config's key field, exactly as the agent applies them. */
        static SessionSpec spec(Path model, String field) throws IOException {
            JsonNode session = JSON.readTree(model.resolve("manifest.json").toFile()).path("session");
            if (session.isMissingNode()) {
                throw new BadInput(model + "/manifest.json has no session settings");
            }
            SessionSpec s = SessionSpec.fromJson(session.toString());
            System.out.printf("model sessions: %s; keyed by context field '%s' as in the agent config%n",
                s.describe(), field);
            return new SessionSpec(null, field, s.window(), s.windowEvents(), s.maxLength(), s.idleTimeout());
        }

        /**
         * The windows the agent forms from the queue: the agent exposes counts but not each alert-free window, so
         * the same model code cuts the same events, and the count is checked against the agent's own.
         */
        static List<Sequence> windows(Path queue, SessionSpec spec) {
            ChronicleSupport.disableAnalytics();
            List<LogEvent> events = new ArrayList<>();
            try (EventQueueReader reader = EventQueueReader.open(queue, "ci-real-data-check")) {
                reader.toStart();
                LogEvent e;
                while ((e = reader.next()) != null) {
                    events.add(e);
                }
            }
            return Sessionizer.sessionize(events, spec);
        }
    }

    /**
     * How well the fused score ranks fault windows above normal ones, whatever the threshold: the same windows
     * scored again with the bundle's own scorer, so that a poor threshold and a poor ranking can be told apart.
     */
    static final class Ranking {

        private static final int BATCH = 256;
        private static final String[] FEATURES = {"mean in-context", "max in-context", "mean context-free",
            "max context-free"};

        private Ranking() {
        }

        static void print(Path model, double falseAlarmTarget, List<Fault> faults, List<Sequence> windows, Path tsv)
                throws IOException {
            List<ScoredSequence> scored = new ArrayList<>(windows.size());
            double threshold;
            try (Bundle bundle = Bundle.load(model)) {
                SequenceScorer scorer = new SequenceScorer(bundle,
                    bundle.manifest().threshold().forTarget(falseAlarmTarget));
                threshold = scorer.threshold().value();
                for (int from = 0; from < windows.size(); from += BATCH) {
                    scored.addAll(scorer.score(windows.subList(from, Math.min(windows.size(), from + BATCH))));
                }
            } catch (Exception e) {
                throw new IOException("scoring the windows again with " + model + " failed: " + e.getMessage(), e);
            }
            boolean[] fault = new boolean[scored.size()];
            double[] fused = new double[scored.size()];
            StringBuilder rows = new StringBuilder("key\tstart\tend\tfault\tfused\tmeanIn\tmaxIn\tmeanFree"
                + "\tmaxFree\n");
            for (int i = 0; i < scored.size(); i++) {
                ScoredSequence s = scored.get(i);
                fault[i] = Fault.anyOverlaps(faults, s.sequence().startTs(), s.sequence().endTs());
                fused[i] = s.score();
                double[] f = s.features().toArray();
                rows.append(String.format(Locale.ROOT, "%s\t%s\t%s\t%d\t%.5f\t%.5f\t%.5f\t%.5f\t%.5f%n",
                    s.sequence().key(), utc(s.sequence().startTs()), utc(s.sequence().endTs()), fault[i] ? 1 : 0,
                    fused[i], f[0], f[1], f[2], f[3]));
            }
            Files.writeString(tsv, rows.toString(), StandardCharsets.UTF_8);
            System.out.printf(Locale.ROOT, "ranking: AUROC of the fused score, fault vs normal windows: %.3f%n",
                auroc(fused, fault));
            List<Integer> later = new ArrayList<>();
            for (int i = 0; i < scored.size(); i++) {
                long start = scored.get(i).sequence().startTs();
                if (fault[i] || faults.stream().noneMatch(f -> start > f.end()
                        && start - f.end() <= Report.AFTERMATH_SECONDS * 1_000_000_000L)) {
                    later.add(i);
                }
            }
            System.out.printf(Locale.ROOT, "  fault vs the %d normal windows that start over %d s after a fault's end:"
                + " %.3f%n", later.stream().filter(i -> !fault[i]).count(), Report.AFTERMATH_SECONDS,
                auroc(later.stream().mapToDouble(i -> fused[i]).toArray(), subset(fault, later)));
            for (int f = 0; f < FEATURES.length; f++) {
                double[] x = new double[scored.size()];
                for (int i = 0; i < x.length; i++) {
                    x[i] = scored.get(i).features().toArray()[f];
                }
                System.out.printf(Locale.ROOT, "  %s alone: %.3f%n", FEATURES[f], auroc(x, fault));
            }
            System.out.printf(Locale.ROOT, "  threshold %.3f; fused score quantiles (10/50/90/99%%):%n", threshold);
            System.out.printf(Locale.ROOT, "  normal windows %s; fault windows %s%n", quantiles(fused, fault, false),
                quantiles(fused, fault, true));
        }

        private static boolean[] subset(boolean[] xs, List<Integer> indices) {
            boolean[] out = new boolean[indices.size()];
            for (int i = 0; i < out.length; i++) {
                out[i] = xs[indices.get(i)];
            }
            return out;
        }

        private static String quantiles(double[] xs, boolean[] fault, boolean which) {
            double[] sel = IntStream.range(0, xs.length).filter(i -> fault[i] == which)
                .mapToDouble(i -> xs[i]).sorted().toArray();
            if (sel.length == 0) {
                return "none";
            }
            StringBuilder b = new StringBuilder();
            for (double q : new double[] {0.10, 0.50, 0.90, 0.99}) {
                b.append(String.format(Locale.ROOT, "%.2f ", sel[(int) Math.min(sel.length - 1, q * sel.length)]));
            }
            return b.toString().trim() + " (" + sel.length + " windows)";
        }

        /** Mann-Whitney: the chance that a random fault window outscores a random normal one, ties counting half. */
        static double auroc(double[] scores, boolean[] positive) {
            Integer[] order = new Integer[scores.length];
            for (int i = 0; i < order.length; i++) {
                order[i] = i;
            }
            Arrays.sort(order, (a, b) -> Double.compare(scores[a], scores[b]));
            double rankSum = 0;
            long pos = 0;
            for (int i = 0; i < order.length;) {
                int j = i;
                while (j < order.length && scores[order[j]] == scores[order[i]]) {
                    j++;
                }
                double rank = (i + j + 1) / 2.0;
                for (int k = i; k < j; k++) {
                    if (positive[order[k]]) {
                        rankSum += rank;
                        pos++;
                    }
                }
                i = j;
            }
            long neg = scores.length - pos;
            return pos == 0 || neg == 0 ? Double.NaN : (rankSum - pos * (pos + 1) / 2.0) / (pos * (double) neg);
        }
    }
}
