package io.contralog.trainer.eval;

import io.contralog.core.event.LogEvent;
import io.contralog.model.session.Sequence;
import io.contralog.model.session.SessionSpec;
import io.contralog.model.session.Sessionizer;
import io.contralog.trainer.read.HdfsReader;
import io.contralog.trainer.read.LabelFile;
import io.contralog.trainer.read.LabeledEvent;
import io.contralog.trainer.read.LogReader;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;

/**
 * Builds labelled sequences from a reader with the model module's {@link Sessionizer}, so that evaluation cuts
 * sequences exactly as the agent does; and the session settings each benchmark layout uses by default.
 *
 * <p>Implementation notes: a sequence is anomalous when a labels file names its key as anomalous or, without a
 * labels file, when any of its events is labelled anomalous; with a labels file and keyed sessions, the events
 * without a key are left out, since no label can speak for them. Events keep their identity through the sessionizer,
 * so the anomalous ones are remembered in an identity set rather than copied into the event.
 */
public final class Sequences {

    /** Events per window for logs that are dense in time (MultiLog), as in the design. */
    public static final int DENSE_WINDOW_EVENTS = 64;

    private Sequences() {
    }

    /** Returns the default session settings for a format name. */
    public static SessionSpec defaultSpec(String format) {
        Duration idle = SessionSpec.DEFAULT_IDLE_TIMEOUT;
        switch (format) {
            case "hdfs":
                return new SessionSpec(null, HdfsReader.BLOCK_FIELD, Duration.ZERO, 0,
                    SessionSpec.DEFAULT_MAX_LENGTH, idle);
            case "multilog":
                return new SessionSpec(null, null, Duration.ZERO, DENSE_WINDOW_EVENTS,
                    SessionSpec.DEFAULT_MAX_LENGTH, idle);
            default:
                return SessionSpec.defaults();
        }
    }

    /** Reads every event of {@code reader} and returns its sequences; {@code labels} may be null. */
    public static SequenceSet build(LogReader reader, SessionSpec spec, LabelFile labels) throws IOException {
        Sessionizer sessionizer = new Sessionizer(spec, () -> 0L, Integer.MAX_VALUE);
        Set<LogEvent> anomalous = Collections.newSetFromMap(new IdentityHashMap<>());
        List<Sequence> closed = new ArrayList<>();
        boolean inlineLabels = false;
        ContextFieldCheck fieldCheck = new ContextFieldCheck(spec.contextField());
        int read = 0;
        LabeledEvent event;
        while ((event = reader.next()) != null) {
            read++;
            fieldCheck.accept(event.event());
            inlineLabels |= event.anomalous() != null;
            if (event.isAnomalous()) {
                anomalous.add(event.event());
            }
            closed.addAll(sessionizer.accept(event.event()));
        }
        closed.addAll(sessionizer.flush());
        fieldCheck.require(read);
        List<LabeledSequence> out = new ArrayList<>(closed.size());
        int unkeyed = 0;
        for (Sequence sequence : closed) {
            if (labels != null && spec.keyed() && sequence.key().isEmpty()) {
                unkeyed++;
                continue;
            }
            out.add(new LabeledSequence(sequence, isAnomalous(sequence, labels, anomalous)));
        }
        return new SequenceSet(out, inlineLabels || labels != null, spec.describe(), unkeyed);
    }

    private static boolean isAnomalous(Sequence sequence, LabelFile labels, Set<LogEvent> anomalous) {
        if (labels != null && !sequence.key().isEmpty()) {
            Boolean label = labels.labelOf(sequence.key());
            if (label != null) {
                return label;
            }
        }
        for (LogEvent event : sequence.events()) {
            if (anomalous.contains(event)) {
                return true;
            }
        }
        return false;
    }
}
