package io.contralog.samples.replay;

import java.io.IOException;
import java.net.MalformedURLException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.concurrent.Callable;
import java.util.concurrent.locks.LockSupport;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * Feeds historical log files through a real Logback or Log4j2 logger configured with the ContraLog appender,
 * keeping each event's original timestamp, thread, level and logger. Several files are merged in time order, as
 * the nodes of one cluster would have logged; each event's context names its file under {@code source}.
 */
@Command(name = "replayer", mixinStandardHelpOptions = true,
    description = "Replays log files through Logback or Log4j2 into a ContraLog queue, with original timestamps.")
public final class ReplayerMain implements Callable<Integer> {

    /** Frameworks the replayer can feed. */
    enum Framework { logback, log4j2 }

    @Parameters(arity = "1..*", paramLabel = "FILE", description = "Log files, plain or .gz.")
    List<Path> files;

    @Option(names = "--queue-dir", required = true, paramLabel = "DIR", description = "Queue the appender writes.")
    Path queueDir;

    @Option(names = "--service", defaultValue = "replay",
        description = "Service name on every event (${DEFAULT-VALUE}).")
    String service;

    @Option(names = "--framework", defaultValue = "logback", description = "logback or log4j2 (${DEFAULT-VALUE}).")
    Framework framework;

    @Option(names = "--config", paramLabel = "FILE",
        description = "Your own logging configuration instead of the built-in one (which reads contralog.queueDir "
            + "and contralog.service).")
    Path config;

    @Option(names = "--zone", defaultValue = "UTC", description = "Zone of timestamps without one (${DEFAULT-VALUE}).")
    ZoneId zone;

    @Option(names = "--from", description = "Replay events at or after this moment (epoch seconds or date-time).")
    String from;

    @Option(names = "--until", description = "Replay events before this moment (epoch seconds or date-time).")
    String until;

    @Option(names = "--only", defaultValue = "all",
        description = "In labelled files (normal lines start with '- '): all, normal or anomalous (${DEFAULT-VALUE}).")
    ReplayFilter.Only only;

    @Option(names = "--speed", defaultValue = "0",
        description = "0 replays as fast as possible; 1 keeps the original pace; 10 is ten times faster.")
    double speed;

    @Option(names = "--dry-run", description = "Parse and count only; log nothing.")
    boolean dryRun;

    public static void main(String[] args) {
        System.exit(new CommandLine(new ReplayerMain()).setCaseInsensitiveEnumValuesAllowed(true)
            .setExecutionExceptionHandler((e, cmd, parsed) -> {
                cmd.getErr().println("replayer: " + e.getMessage());
                return e instanceof IllegalArgumentException ? 2 : 1;
            })
            .execute(args));
    }

    @Override
    public Integer call() throws Exception {
        ReplayFilter filter = filter();
        for (Path file : files) {
            if (!Files.isReadable(file)) {
                throw new CommandLine.ParameterException(new CommandLine(this), "cannot read log file " + file);
            }
        }
        System.setProperty("contralog.queueDir", queueDir.toAbsolutePath().toString());
        System.setProperty("contralog.service", service);
        long start = System.nanoTime();
        Counts counts;
        try (ReplaySink sink = openSink()) {
            counts = replay(sink, filter);
        }
        System.out.printf("%s %d events from %d files into %s as service %s in %.1f s "
                + "(%d filtered out, %d lines outside any event)%n", dryRun ? "would replay" : "replayed",
            counts.replayed, files.size(), queueDir, service, (System.nanoTime() - start) / 1e9, counts.filtered,
            counts.skipped);
        return 0;
    }

    private ReplayFilter filter() {
        try {
            return new ReplayFilter(ReplayFilter.moment(from, zone, "--from"), ReplayFilter.moment(until, zone,
                "--until"), only);
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(new CommandLine(this), e.getMessage(), e);
        }
    }

    private ReplaySink openSink() throws MalformedURLException {
        if (dryRun) {
            return new CountingSink();
        }
        URL url = config != null ? config.toUri().toURL()
            : ReplayerMain.class.getResource(framework == Framework.logback
                ? "/contralog-replay-logback.xml" : "/contralog-replay-log4j2.xml");
        return framework == Framework.logback ? new LogbackSink(url) : new Log4j2Sink(url);
    }

    private Counts replay(ReplaySink sink, ReplayFilter filter) throws IOException {
        PriorityQueue<Cursor> cursors = new PriorityQueue<>(Comparator
            .comparing((Cursor c) -> c.line.timestamp()).thenComparingInt(c -> c.order));
        List<LogFileReader> readers = new ArrayList<>();
        HeaderParser parser = new HeaderParser(zone);
        for (Path file : files) {
            LogFileReader reader = new LogFileReader(file, parser);
            readers.add(reader);
            Cursor.push(cursors, reader, readers.size());
        }
        Counts counts = new Counts();
        Pacer pacer = new Pacer(speed);
        while (!cursors.isEmpty()) {
            Cursor c = cursors.poll();
            if (filter.accepts(c.line)) {
                pacer.await(c.line.timestamp());
                sink.replay(c.line, Map.of("source", c.reader.source()));
                counts.replayed++;
            } else {
                counts.filtered++;
            }
            Cursor.push(cursors, c.reader, c.order);
        }
        for (LogFileReader reader : readers) {
            counts.skipped += reader.skipped();
            reader.close();
        }
        return counts;
    }

    /** The next event of one file, ordered by time and then by the file's place on the command line. */
    private static final class Cursor {
        final LogFileReader reader;
        final LogLine line;
        final int order;

        private Cursor(LogFileReader reader, LogLine line, int order) {
            this.reader = reader;
            this.line = line;
            this.order = order;
        }

        static void push(PriorityQueue<Cursor> cursors, LogFileReader reader, int order) {
            LogLine next = reader.next();
            if (next != null) {
                cursors.add(new Cursor(reader, next, order));
            }
        }
    }

    /** Holds each event back until its original offset from the first one, divided by the speed, has passed. */
    private static final class Pacer {
        private final double speed;
        private Instant first;
        private long startNanos;

        Pacer(double speed) {
            this.speed = speed;
        }

        void await(Instant at) {
            if (speed <= 0) {
                return;
            }
            if (first == null) {
                first = at;
                startNanos = System.nanoTime();
                return;
            }
            long due = startNanos + (long) (Duration.between(first, at).toNanos() / speed);
            LockSupport.parkNanos(due - System.nanoTime());
        }
    }

    /** Stands in for a framework when only parsing is wanted. */
    private static final class CountingSink implements ReplaySink {
        @Override
        public void replay(LogLine line, Map<String, String> context) {
            ParsedError.parse(line.errorLines());
        }

        @Override
        public void close() {
        }
    }

    private static final class Counts {
        long replayed;
        long filtered;
        long skipped;
    }
}
