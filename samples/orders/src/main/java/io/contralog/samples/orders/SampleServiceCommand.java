package io.contralog.samples.orders;

import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Option;

/**
 * The command line both sample services share. A subclass opens its logging framework only after the options
 * have been turned into the system properties its configuration file reads ({@code contralog.queueDir},
 * {@code contralog.service}, {@code contralog.consoleLevel}), because the framework reads them once, at start.
 */
public abstract class SampleServiceCommand implements Callable<Integer> {

    @Option(names = "--queue-dir", required = true, paramLabel = "DIR",
        description = "Folder of the Chronicle queue the ContraLog appender writes to.")
    Path queueDir;

    @Option(names = "--service", defaultValue = "orders",
        description = "Service name on every event (${DEFAULT-VALUE}).")
    String service;

    @Option(names = "--requests", defaultValue = "0", description = "Stop after this many requests (0: no limit).")
    long requests;

    @Option(names = "--duration", converter = Durations.class,
        description = "Stop after this long, like 30s or 5m (default 30s unless --requests is given).")
    Duration duration;

    @Option(names = "--rate", defaultValue = "20", description = "Requests per second (${DEFAULT-VALUE}).")
    double rate;

    @Option(names = "--threads", defaultValue = "4", description = "Request threads (${DEFAULT-VALUE}).")
    int threads;

    @Option(names = "--fault", defaultValue = "none",
        description = "Fault to inject: none, payment-timeout, skip-reserve or db-slow (${DEFAULT-VALUE}).")
    String fault;

    @Option(names = "--fault-after", defaultValue = "0s", converter = Durations.class,
        description = "When the fault starts, into the run (${DEFAULT-VALUE}).")
    Duration faultAfter;

    @Option(names = "--fault-for", converter = Durations.class,
        description = "How long the fault lasts (default: until the end).")
    Duration faultFor;

    @Option(names = "--fault-share", defaultValue = "1.0",
        description = "Share of requests in the fault window that suffer it (${DEFAULT-VALUE}).")
    double faultShare;

    @Option(names = "--seed", defaultValue = "1", description = "Seed of the simulated orders (${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--console-level", defaultValue = "off",
        description = "Also print log events at this level and above on stderr: off, error, warn, info, debug.")
    String consoleLevel;

    /** Opens the logging framework, which reads its configuration now. */
    protected abstract FlowLogging openLogging();

    /** Flushes and stops the logging framework so that every event reaches the queue. */
    protected abstract void closeLogging();

    @Override
    public Integer call() throws Exception {
        LoadPlan plan = plan();
        System.setProperty("contralog.queueDir", queueDir.toAbsolutePath().toString());
        System.setProperty("contralog.service", service);
        System.setProperty("contralog.consoleLevel", consoleLevel);
        PrintStream out = System.out;
        out.printf("%s: %s at %.0f requests/s, %s, queue %s%n", service, describe(plan), plan.rate(),
            plan.faults().describe(), queueDir);
        LoadRunner runner;
        long start = System.nanoTime();
        try {
            runner = new LoadRunner(openLogging(), plan, out);
            runner.run();
        } finally {
            closeLogging();
        }
        report(out, runner.outcomes(), runner.faulted(), (System.nanoTime() - start) / 1e9);
        return 0;
    }

    private LoadPlan plan() {
        Duration length = duration == null && requests <= 0 ? Duration.ofSeconds(30) : duration;
        FaultPlan faults;
        try {
            Fault f = Fault.parse(fault);
            faults = f == Fault.NONE ? FaultPlan.NONE : new FaultPlan(f, faultAfter, faultFor, faultShare);
            return new LoadPlan(requests, length, rate, threads, faults, seed);
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(new CommandLine(this), e.getMessage(), e);
        }
    }

    private static String describe(LoadPlan plan) {
        if (plan.requests() > 0 && plan.duration() != null) {
            return plan.requests() + " requests or " + Durations.format(plan.duration());
        }
        return plan.requests() > 0 ? plan.requests() + " requests" : Durations.format(plan.duration());
    }

    private static void report(PrintStream out, Map<Outcome, Long> outcomes, long faulted, double seconds) {
        long total = outcomes.values().stream().mapToLong(Long::longValue).sum();
        out.printf("handled %d requests in %.1f s: %d created, %d rejected, %d declined, %d failed; "
            + "%d with the fault%n", total, seconds, outcomes.get(Outcome.CREATED), outcomes.get(Outcome.REJECTED),
            outcomes.get(Outcome.DECLINED), outcomes.get(Outcome.FAILED), faulted);
    }

    /** Runs a sample service command and exits with its code: 0 done, 1 runtime failure, 2 bad usage. */
    public static void main(SampleServiceCommand command, String[] args) {
        System.exit(new CommandLine(command)
            .setExecutionExceptionHandler((e, cmd, parsed) -> {
                cmd.getErr().println(cmd.getCommandName() + ": " + e);
                return 1;
            })
            .execute(args));
    }
}
