package io.contralog.core;

import io.contralog.core.event.LogEvent;
import io.contralog.core.queue.EventQueueWriter;
import io.contralog.core.queue.ProblemListener;
import io.contralog.core.queue.QueueSettings;
import io.contralog.core.queue.WriterStats;

import java.nio.file.Path;

/** Runs a writer in a JVM started without Chronicle's flags, for {@link ChronicleSupportTest}. */
public final class NoFlagsMain {

    private NoFlagsMain() {
    }

    public static void main(String[] args) {
        ProblemListener print = (problem, message, cause) -> System.out.println(problem + ": " + message);
        try (EventQueueWriter writer = EventQueueWriter.open(Path.of(args[0]), QueueSettings.defaults(), print)) {
            for (int i = 0; i < 3; i++) {
                writer.write(LogEvent.builder().msg("event " + i).build());
            }
            WriterStats stats = writer.stats();
            System.out.println("written=" + stats.written() + " dropped=" + stats.dropped());
        }
    }
}
