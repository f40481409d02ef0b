package io.contralog.agent.cli;

import io.contralog.core.event.LogEvent;
import io.contralog.core.json.EventJson;
import io.contralog.core.queue.EventQueueReader;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.locks.LockSupport;

/**
 * Prints the events of a queue folder as JSON lines with the event record's keys, so that a person can see what
 * the appenders wrote. It reads without a named tailer unless asked, so it never moves the agent's position.
 */
@Command(name = "dump-queue", mixinStandardHelpOptions = true,
    description = "Print the events of a queue folder as JSON lines (keys: v ts level logger thread msg truncated"
        + " error ctx service host pid seq).")
public final class DumpQueueCommand implements Callable<Integer> {

    private static final long IDLE_PARK_NANOS = 50_000_000L;

    @Parameters(index = "0", paramLabel = "DIR", description = "the queue folder the appenders write to")
    private Path dir;

    @Option(names = {"-f", "--follow"}, description = "keep printing new events as they arrive")
    private boolean follow;

    @Option(names = "--limit", paramLabel = "N", description = "stop after N events (default: all)")
    private long limit = Long.MAX_VALUE;

    @Option(names = "--tailer", paramLabel = "NAME",
        description = "read through this named tailer, resuming and recording its position in the folder")
    private String tailer;

    private final PrintStream out;
    private final PrintStream err;

    /** Prints to the process's standard streams. */
    public DumpQueueCommand() {
        this(System.out, System.err);
    }

    DumpQueueCommand(PrintStream out, PrintStream err) {
        this.out = out;
        this.err = err;
    }

    @Override
    public Integer call() {
        if (!Files.isDirectory(dir)) {
            err.println("error: DIR " + dir + " is not a queue folder (it does not exist or is a file);"
                + " pass the folder named by the appender's queueDir");
            return 2;
        }
        if (limit < 0) {
            err.println("error: --limit must be zero or positive, got " + limit);
            return 2;
        }
        try (EventQueueReader reader = EventQueueReader.open(dir, tailer)) {
            long printed = dump(reader);
            err.println(printed + " events, " + reader.skipped() + " undecodable documents skipped, "
                + reader.gaps() + " missing by seq");
            return 0;
        } catch (IllegalArgumentException e) {
            err.println("error: " + e.getMessage());
            return 2;
        } catch (RuntimeException e) {
            err.println("error: reading queue folder " + dir + " failed: " + e);
            return 1;
        }
    }

    private long dump(EventQueueReader reader) {
        StringBuilder line = new StringBuilder(512);
        long printed = 0;
        while (printed < limit && !Thread.currentThread().isInterrupted()) {
            LogEvent event = reader.next();
            if (event == null) {
                if (!follow) {
                    break;
                }
                out.flush();
                LockSupport.parkNanos(IDLE_PARK_NANOS);
                continue;
            }
            line.setLength(0);
            EventJson.appendJson(event, line);
            out.println(line);
            printed++;
        }
        out.flush();
        return printed;
    }
}
