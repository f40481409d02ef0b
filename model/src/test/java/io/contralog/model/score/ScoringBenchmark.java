package io.contralog.model.score;

import io.contralog.core.event.LogEvent;
import io.contralog.model.bundle.Bundle;
import io.contralog.model.session.SessionSpec;
import io.contralog.model.session.Sequence;
import io.contralog.model.session.Sessionizer;
import io.contralog.model.text.CanonicalText;
import io.contralog.model.tokenize.BpeTokenizer;
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
            long t0 = System.nanoTime();
            bundle.scorer().embedUncached(flat);
            report("message encoder only, no cache", lines, t0);
            SequenceScorer scorer = new SequenceScorer(bundle);
            for (int k : new int[] {4, 1}) {
                t0 = System.nanoTime();
                bundle.scorer().score(texts, k);
                report("full scoring, no cache, mask passes " + k, lines, t0);
            }
            t0 = System.nanoTime();
            bundle.scorer().score(texts, ScorerOptions.EXACT);
            report("full scoring, no cache, exact (one pass per message)", lines, t0);
            t0 = System.nanoTime();
            scorer.scoreTexts(texts);
            report("sequence scorer, no cache", lines, t0);
        }
        try (Bundle bundle = Bundle.load(bundleDir, ScorerOptions.defaults().withThreads(threads))) {
            SequenceScorer scorer = new SequenceScorer(bundle);
            long t0 = System.nanoTime();
            scorer.scoreTexts(texts);
            report("sequence scorer, cache filling", lines, t0);
            t0 = System.nanoTime();
            scorer.scoreTexts(texts);
            report("sequence scorer, warm cache", lines, t0);
            maskingCost(bundle.scorer(), texts);
        }
    }

    private static void tokenizer(BpeTokenizer tok, List<List<String>> texts, long lines) {
        long t0 = System.nanoTime();
        long sink = 0;
        for (List<String> seq : texts) {
            for (String t : seq) {
                sink += tok.encode(t).length;
            }
        }
        report("tokenizer (" + String.format("%.1f", sink / (double) lines) + " tokens/line)", lines, t0);
    }

    /** Compares interleaved schedules with the exact one: score differences and misplaced-message AUROC. */
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
            bad.set(r.nextInt(bad.size()), donor.get(r.nextInt(donor.size())));
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

    private static void report(String what, long lines, long t0) {
        double secs = (System.nanoTime() - t0) / 1e9;
        System.out.printf("  %-55s %9.0f lines/s (%.2f s)%n", what, lines / secs, secs);
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
