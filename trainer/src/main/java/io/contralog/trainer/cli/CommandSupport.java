package io.contralog.trainer.cli;

import io.contralog.model.bundle.Bundle;
import io.contralog.model.bundle.BundleException;
import io.contralog.model.score.Threshold;

import java.nio.file.Path;
import java.util.Locale;

/** Small pieces shared by {@code evaluate}, {@code benchmark} and {@code score}. */
final class CommandSupport {

    private CommandSupport() {
    }

    /** Loads a bundle; a missing or damaged one is bad usage (exit code 2) with the loader's message. */
    static Bundle loadBundle(Path dir) {
        try {
            return Bundle.load(dir);
        } catch (BundleException e) {
            throw new IllegalArgumentException("--model " + dir + ": " + e.getMessage(), e);
        }
    }

    /** Says which threshold decided, and what the other method would have given. */
    static String thresholdLine(Threshold t) {
        return String.format(Locale.ROOT, "threshold: %.4f by %s (false-alarm target %.2f%% of normal fit sequences"
            + " gives %.4f; the authors' %.0fth percentile gives %.4f; fitted on %d sequences)", t.value(), t.method(),
            t.falseAlarmTarget() * 100, t.falseAlarmValue(), t.percentile(), t.percentileValue(), t.fitCount());
    }
}
