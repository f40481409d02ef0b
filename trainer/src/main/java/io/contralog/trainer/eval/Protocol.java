package io.contralog.trainer.eval;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Random;

/**
 * The authors' evaluation protocol: sequences in time order (or a seeded shuffle), 60% train, 5% validation,
 * 5% fit, 30% test; anomalies removed from the first three parts; the test part either balanced 1:1 by sampling
 * the larger class down ({@code paper}) or kept at its natural anomaly ratio ({@code natural}).
 */
public enum Protocol {

    /** Balanced test set, as the authors report. */
    PAPER,
    /** Test set at its natural anomaly ratio. */
    NATURAL;

    private static final double TRAIN = 0.60;
    private static final double VALID = 0.05;
    private static final double FIT = 0.05;

    /** Parses {@code paper} or {@code natural}, naming the option on error. */
    public static Protocol parse(String name) {
        try {
            return valueOf(name.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--protocol '" + name + "' is unknown: use paper or natural", e);
        }
    }

    /** Returns the name used on the command line. */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * Splits {@code sequences}: in time order of their first event when {@code shuffleSeed} is null, else in an
     * order shuffled with that seed; {@code balanceSeed} picks the kept sequences when balancing.
     */
    public Split split(List<LabeledSequence> sequences, Long shuffleSeed, long balanceSeed) {
        List<LabeledSequence> ordered = new ArrayList<>(sequences);
        ordered.sort(Comparator.comparingLong(s -> s.sequence().startTs()));
        String order = "time";
        if (shuffleSeed != null) {
            java.util.Collections.shuffle(ordered, new Random(shuffleSeed));
            order = "shuffled(seed " + shuffleSeed + ")";
        }
        int n = ordered.size();
        int trainEnd = (int) Math.round(n * TRAIN);
        int validEnd = (int) Math.round(n * (TRAIN + VALID));
        int fitEnd = (int) Math.round(n * (TRAIN + VALID + FIT));
        List<LabeledSequence> test = ordered.subList(fitEnd, n);
        return new Split(normal(ordered.subList(0, trainEnd)), normal(ordered.subList(trainEnd, validEnd)),
            normal(ordered.subList(validEnd, fitEnd)), this == PAPER ? balance(test, balanceSeed) : List.copyOf(test),
            order);
    }

    /** Samples the larger class down to the size of the smaller one, keeping the original order. */
    static List<LabeledSequence> balance(List<LabeledSequence> test, long seed) {
        List<Integer> normal = new ArrayList<>();
        List<Integer> anomalous = new ArrayList<>();
        for (int i = 0; i < test.size(); i++) {
            (test.get(i).anomalous() ? anomalous : normal).add(i);
        }
        List<Integer> larger = normal.size() > anomalous.size() ? normal : anomalous;
        int keep = Math.min(normal.size(), anomalous.size());
        java.util.Collections.shuffle(larger, new Random(seed));
        java.util.Set<Integer> dropped = new java.util.HashSet<>(larger.subList(keep, larger.size()));
        List<LabeledSequence> out = new ArrayList<>();
        for (int i = 0; i < test.size(); i++) {
            if (!dropped.contains(i)) {
                out.add(test.get(i));
            }
        }
        return out;
    }

    private static List<LabeledSequence> normal(List<LabeledSequence> part) {
        return part.stream().filter(s -> !s.anomalous()).toList();
    }
}
