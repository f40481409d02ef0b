package io.contralog.trainer.cli;

import io.contralog.core.util.Durations;
import io.contralog.model.session.SessionSpec;
import io.contralog.trainer.eval.SequenceSet;
import io.contralog.trainer.eval.Sequences;
import io.contralog.trainer.read.LabelFile;
import io.contralog.trainer.read.LogReader;
import io.contralog.trainer.read.LogReaders;
import io.contralog.trainer.read.ReadOptions;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * The input options shared by {@code evaluate}, {@code benchmark} and {@code score}: what to read, in which format,
 * with which labels, and how to cut it into sequences.
 */
public final class SequenceInputOptions {

    @Option(names = "--input", required = true, arity = "1..*", paramLabel = "PATH",
        description = "Log files, folders or queue folders.")
    List<Path> inputs;

    @Option(names = "--format", defaultValue = "auto", paramLabel = "FORMAT",
        description = "auto, raw, pattern, jsonl, queue, bgl, thunderbird, hdfs or multilog (default: auto).")
    String format;

    @Option(names = "--labels", paramLabel = "CSV",
        description = "Labels per session key, a CSV with a header such as BlockId,Label.")
    Path labels;

    @Option(names = "--pattern", paramLabel = "LAYOUT",
        description = "Logback/Log4j pattern layout of the files, such as '%%d [%%t] %%-5level %%logger - %%msg%%n'.")
    String pattern;

    @Option(names = "--service", paramLabel = "NAME", description = "Service name for events that carry none.")
    String service;

    @Option(names = "--session-key", paramLabel = "REGEX", description = "Key sessions by this regex on the message.")
    String sessionKey;

    @Option(names = "--session-field", paramLabel = "NAME", description = "Key sessions by this context field.")
    String sessionField;

    @Option(names = "--window", paramLabel = "DURATION", description = "Time window, such as 60s (0 for none).")
    String window;

    @Option(names = "--window-events", paramLabel = "N", description = "Cut sequences every N events (0 for none).")
    Integer windowEvents;

    @Option(names = "--max-length", paramLabel = "N", description = "Most messages in one sequence.")
    Integer maxLength;

    /** Returns the format the inputs resolve to. */
    String resolvedFormat() {
        return LogReaders.resolvedFormat(inputs, format);
    }

    /** Returns {@code base} with every session option given on the command line applied. */
    SessionSpec session(SessionSpec base) {
        String key = sessionKey != null ? sessionKey : sessionField != null ? null : base.keyRegex();
        String field = sessionField != null ? sessionField : sessionKey != null ? null : base.contextField();
        Duration time = window == null ? base.window() : Durations.parse("--window", window);
        int events = windowEvents == null ? base.windowEvents() : windowEvents;
        int max = maxLength == null ? base.maxLength() : maxLength;
        if (events < 0 || max < 1) {
            throw new IllegalArgumentException("--window-events must be 0 or positive and --max-length at least 1");
        }
        return new SessionSpec(key, field, time, events, max, base.idleTimeout());
    }

    /** Returns the session settings for these inputs when no model says otherwise. */
    SessionSpec defaultSession() {
        return session(Sequences.defaultSpec(resolvedFormat()));
    }

    /** Reads the inputs and cuts them into labelled sequences. */
    SequenceSet read(SessionSpec spec) throws IOException {
        LabelFile labelFile = labels == null ? null : LabelFile.load(labels);
        ReadOptions options = ReadOptions.defaults().withPattern(pattern).withService(service).withLabels(labels);
        SequenceSet set;
        try (LogReader reader = LogReaders.open(inputs, format, options)) {
            set = Sequences.build(reader, spec, labelFile);
        }
        if (labelFile != null) {
            labelFile.requireSomeMatched(inputs.toString());
        }
        if (set.sequences().isEmpty()) {
            throw new IllegalArgumentException("--input " + inputs + " holds no event");
        }
        return set;
    }

    /** A one-line description of the inputs. */
    String describe() {
        return inputs + " (" + resolvedFormat() + (labels == null ? "" : ", labels " + labels) + ")";
    }
}
