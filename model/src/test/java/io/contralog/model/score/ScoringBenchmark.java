package io.contralog.model.score;

import io.contralog.core.event.LogEvent;
import io.contralog.model.bundle.Bundle;
import io.contralog.model.session.SessionSpec;
import io.contralog.model.session.Sequence;
import io.contralog.model.session.Sessionizer;
import io.contralog.model.text.CanonicalText;
import io.contralog.model.tokenize.BpeTokenizer;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Measures scoring speed and the accuracy cost of interleaved masking on a bundle and a plain log file; run as a
 * main: {@code ScoringBenchmark BUNDLE LOGFILE KEY_REGEX|events:N [THREADS]}. Lines are "DATE TIME LEVEL Logger:
 * message".
 */
public final class ScoringBenchmark {

    private static final ThreadMXBean CPU = ManagementFactory.getThreadMXBean();

    private ScoringBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        Path bundleDir = Path.of(args[0]);
        List<Sequence> seqs = sequences(Path.of(args[1]), args[2]);
        int threads = args.length > 3 ? Integer.parseInt(args[3]) : 1;
        List<List<String>> texts = new ArrayList<>();
        seqs.forEach(s -> texts.add(s.events().stream().map(CanonicalText::of).toList()));
        long lines = texts.stream().mapToLong(List::size).sum();
        System.out.printf("%d sequences, %d lines%n", seqs.size(), lines);

        ScorerOptions cold = ScorerOptions.defaults().withCacheSize(0).withThreads(threads);
        try (Bundle bundle = Bundle.load(bundleDir, cold)) {
            bundle.scorer().score(texts.subList(0, Math.min(500, texts.size())));
            tokenizer(bundle.tokenizer(), texts, lines);
            System.out.println("dims " + bundle.manifest().dims() + ", reference " + bundle.reference().size());
            tokenizer(bundle.tokenizer(), texts, lines);
            List<String> flat = new ArrayList<>();
            texts.forEach(flat::addAll);
            bundle.scorer().embedUncached(flat.subList(0, Math.min(2000, flat.size())));
            long[] t0 = start();
            float[][] vectors = bundle.scorer().embedUncached(flat);
            report("message encoder only, no cache", lines, t0);
            try (NearestGraph nearest = new NearestGraph(ai.onnxruntime.OrtEnvironment.getEnvironment(),
                bundle.reference(), threads)) {
                t0 = start();
                nearest.search(vectors, new int[vectors.length], new float[vectors.length]);
                report("nearest-normal search only", lines, t0);
            }

            SequenceScorer scorer = new SequenceScorer(bundle);
            for (int k : new int[] {4, 2, 1}) {
                t0 = start();
                bundle.scorer().score(texts, k);
                report("full scoring, no cache, mask passes " + k, lines, t0);
            }
            t0 = start();
            bundle.scorer().score(texts, ScorerOptions.EXACT);
            report("full scoring, no cache, exact (one pass per message)", lines, t0);
            t0 = start();
            scorer.scoreTexts(texts);
            report("sequence scorer, no cache", lines, t0);
        }
        try (Bundle bundle = Bundle.load(bundleDir, ScorerOptions.defaults().withThreads(threads))) {
            SequenceScorer scorer = new SequenceScorer(bundle);
            long[] t0 = start();
            scorer.scoreTexts(texts);
            report("sequence scorer, cache filling", lines, t0);
            t0 = start();
            scorer.scoreTexts(texts);
            report("sequence scorer, warm cache", lines, t0);
            for (int k : new int[] {4, 2, 1, ScorerOptions.EXACT}) {
                t0 = start();
                bundle.scorer().score(texts, k);
                report("warm cache (sequence encoder only), mask passes " + (k == ScorerOptions.EXACT ? "exact"
                    : String.valueOf(k)), lines, t0);
            }
            maskingCost(bundle.scorer(), texts);
        }
    }

    private static void tokenizer(BpeTokenizer tok, List<List<String>> texts, long lines) {
        long[] t0 = start();
        long sink = 0;
        for (List<String> seq : texts) {
            for (String t : seq) {
                sink += tok.encode(t).length;
            }
        }
        report("tokenizer (" + String.format("%.1f", sink / (double) lines) + " tokens/line)", lines, t0);
    }

    /**
     * Compares interleaved schedules with the exact one: score differences, and the AUROC of the in-context
     * features between normal sequences and the same sequences with one inner message replaced by a message of
     * another flow (a known message out of place).
     */
    private static void maskingCost(OnnxScorer scorer, List<List<String>> texts) throws Exception {
        Random r = new Random(5);
        List<List<String>> normal = new ArrayList<>();
        List<List<String>> misplaced = new ArrayList<>();
        for (List<String> seq : texts) {
            if (seq.size() < 3 || normal.size() >= 500) {
                continue;
            }
            normal.add(seq);
            List<String> bad = new ArrayList<>(seq);
            List<String> donor = texts.get(r.nextInt(texts.size()));
            while (firstLogger(donor).equals(firstLogger(seq))) {
                donor = texts.get(r.nextInt(texts.size()));
            }
            bad.set(1 + r.nextInt(bad.size() - 2), donor.get(r.nextInt(donor.size())));
            misplaced.add(bad);
        }
        RawScores exactN = scorer.score(normal, ScorerOptions.EXACT);
        RawScores exactA = scorer.score(misplaced, ScorerOptions.EXACT);
        System.out.printf("masking cost on %d normal and %d misplaced-message sequences:%n", normal.size(),
            misplaced.size());
        System.out.printf("  exact: AUROC(maxIn) %.4f, AUROC(meanIn) %.4f%n", auroc(exactN, exactA, true),
            auroc(exactN, exactA, false));
        for (int k : new int[] {1, 2, 4, 8}) {
            RawScores n = scorer.score(normal, k);
            RawScores a = scorer.score(misplaced, k);
            System.out.printf("  k=%d: AUROC(maxIn) %.4f, AUROC(meanIn) %.4f, mean |in - exact| %.4f%n", k,
                auroc(n, a, true), auroc(n, a, false), meanAbsDiff(n, exactN));
        }
    }

    /** The logger of a sequence's first message: a cheap stand-in for its flow. */
    private static String firstLogger(List<String> seq) {
        return seq.get(0).split(":", 2)[0];
    }

    private static double auroc(RawScores normal, RawScores anomalous, boolean max) {
        double wins = 0;
        for (int i = 0; i < anomalous.size(); i++) {
            Features fa = anomalous.features(i);
            for (int j = 0; j < normal.size(); j++) {
                Features fn = normal.features(j);
                double a = max ? fa.maxIn() : fa.meanIn();
                double n = max ? fn.maxIn() : fn.meanIn();
                wins += a > n ? 1 : a == n ? 0.5 : 0;
            }
        }
        return wins / anomalous.size() / normal.size();
    }

    private static double meanAbsDiff(RawScores a, RawScores b) {
        double sum = 0;
        long n = 0;
        for (int s = 0; s < a.size(); s++) {
            for (int i = 0; i < a.inContext()[s].length; i++) {
                sum += Math.abs(a.inContext()[s][i] - b.inContext()[s][i]);
                n++;
            }
        }
        return sum / n;
    }

    /** Wall time and this thread's CPU time: with one intra-op thread ONNX Runtime runs on the calling thread. */
    private static long[] start() {
        return new long[] {System.nanoTime(), CPU.getCurrentThreadCpuTime()};
    }

    private static void report(String what, long lines, long[] t0) {
        double wall = (System.nanoTime() - t0[0]) / 1e9;
        double cpu = (CPU.getCurrentThreadCpuTime() - t0[1]) / 1e9;
        System.out.printf("  %-58s %8.0f lines/s wall, %8.0f lines per CPU-second%n", what, lines / wall,
            lines / cpu);
    }

    private static List<Sequence> sequences(Path file, String keyRegex) throws Exception {
        List<LogEvent> events = new ArrayList<>();
        long seq = 0;
        for (String line : Files.readAllLines(file)) {
            String[] parts = line.split(" ", 5);
            if (parts.length < 5) {
                continue;
            }
            String[] logger = parts[3].split(":", 2);
            events.add(LogEvent.builder().ts(seq * 1_000_000L).seq(seq++).level(parts[2]).logger(logger[0])
                .msg(parts[4]).service("bench").build());
        }
        SessionSpec spec = keyRegex.startsWith("events:")
            ? new SessionSpec(null, null, null, Integer.parseInt(keyRegex.substring(7)), 256, null)
            : new SessionSpec(keyRegex, null, null, 0, 128, null);
        return Sessionizer.sessionize(events, spec);
    }
}
