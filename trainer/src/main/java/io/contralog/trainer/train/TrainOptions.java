package io.contralog.trainer.train;

import io.contralog.model.bundle.ReferenceSet;
import io.contralog.model.score.Threshold;
import io.contralog.model.session.SessionSpec;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Settings of one training run beyond the model itself.
 *
 * @param config model sizes and optimisation settings
 * @param session how events become sequences (its maximum length is capped at the model's)
 * @param split how sequences divide into learn, early-stop and fit parts
 * @param referenceCap most distinct normal messages kept in the bundle's {@link ReferenceSet}
 * @param thresholdMethod {@link Threshold#FALSE_ALARM_TARGET} (default) or {@link Threshold#PERCENTILE}
 * @param falseAlarmTarget target share of normal sequences flagged
 * @param sources descriptions of the inputs, recorded in the manifest
 * @param listener training progress receiver
 * @param inputSummary what the caller knows about the input (format, labels, sequences left out), recorded in the
 *                     manifest's training-data summary after the sources
 */
public record TrainOptions(TrainingConfig config, SessionSpec session, SplitPlan split, int referenceCap,
        String thresholdMethod, double falseAlarmTarget, List<String> sources, TrainingListener listener,
        Map<String, Object> inputSummary) {

    /** Keeps the summary's order and makes it read-only. */
    public TrainOptions {
        inputSummary = inputSummary == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(inputSummary));
    }

    /** Default cap on the reference set. */
    public static final int DEFAULT_REFERENCE_CAP = 10_000;

    /** Defaults for {@code preset}: its config, 60-second windows, time-ordered 90/5/5, false-alarm target. */
    public static TrainOptions defaults(Preset preset) {
        return new TrainOptions(preset.config(), SessionSpec.defaults(), SplitPlan.DEFAULT, DEFAULT_REFERENCE_CAP,
            Threshold.FALSE_ALARM_TARGET, Threshold.DEFAULT_FALSE_ALARM_TARGET, List.of(), TrainingListener.NONE,
            Map.of());
    }

    /** Returns a copy with another training config. */
    public TrainOptions withConfig(TrainingConfig newConfig) {
        return new TrainOptions(newConfig, session, split, referenceCap, thresholdMethod, falseAlarmTarget, sources,
            listener, inputSummary);
    }

    /** Returns a copy with another sessionization. */
    public TrainOptions withSession(SessionSpec newSession) {
        return new TrainOptions(config, newSession, split, referenceCap, thresholdMethod, falseAlarmTarget, sources,
            listener, inputSummary);
    }

    /** Returns a copy with another split. */
    public TrainOptions withSplit(SplitPlan newSplit) {
        return new TrainOptions(config, session, newSplit, referenceCap, thresholdMethod, falseAlarmTarget, sources,
            listener, inputSummary);
    }

    /** Returns a copy with another listener. */
    public TrainOptions withListener(TrainingListener newListener) {
        return new TrainOptions(config, session, split, referenceCap, thresholdMethod, falseAlarmTarget, sources,
            newListener, inputSummary);
    }

    /** Returns a copy with other source descriptions. */
    public TrainOptions withSources(List<String> newSources) {
        return new TrainOptions(config, session, split, referenceCap, thresholdMethod, falseAlarmTarget,
            List.copyOf(newSources), listener, inputSummary);
    }

    /** Returns a copy with another threshold method and false-alarm target. */
    public TrainOptions withThreshold(String method, double target) {
        return new TrainOptions(config, session, split, referenceCap, method, target, sources, listener,
            inputSummary);
    }

    /** Returns a copy with another input summary for the manifest. */
    public TrainOptions withInputSummary(Map<String, Object> newSummary) {
        return new TrainOptions(config, session, split, referenceCap, thresholdMethod, falseAlarmTarget, sources,
            listener, newSummary);
    }

    /** The session settings the model can serve: the maximum length capped at the model's maximum messages. */
    public SessionSpec effectiveSession() {
        int max = config.dims().maxMessages();
        return session.maxLength() > max ? session.withMaxLength(max) : session;
    }
}
