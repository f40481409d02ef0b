package io.contralog.benchmarks;

import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.CommandLineOptionException;
import org.openjdk.jmh.runner.options.CommandLineOptions;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.util.Statistics;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * Runs both appender benchmarks in one JMH run and prints, per framework, appender and thread count, the median
 * and 99th percentile cost of one log call. JMH options given on the command line (such as {@code -wi 1 -i 2})
 * override the benchmarks' own.
 */
public final class AppenderCost {

    private AppenderCost() {
    }

    public static void main(String[] args) throws RunnerException, CommandLineOptionException {
        Options options = new OptionsBuilder().parent(new CommandLineOptions(args))
            .include(Log4j2AppenderBenchmark.class.getSimpleName())
            .include(LogbackAppenderBenchmark.class.getSimpleName())
            .build();
        Collection<RunResult> results = new Runner(options).run();
        System.out.println();
        System.out.println(table(results));
    }

    static String table(Collection<RunResult> results) {
        List<RunResult> sorted = new ArrayList<>(results);
        sorted.sort(Comparator.comparing((RunResult r) -> r.getParams().getBenchmark())
            .thenComparing(r -> r.getParams().getParam("appender")));
        StringBuilder out = new StringBuilder();
        out.append(String.format(Locale.ROOT, "| %-9s | %-9s | %7s | %12s | %12s | %9s |%n", "framework", "appender",
            "threads", "median (ns)", "p99 (ns)", "samples"));
        out.append("|-----------|-----------|---------|--------------|--------------|-----------|\n");
        for (RunResult r : sorted) {
            Statistics stats = r.getPrimaryResult().getStatistics();
            String benchmark = r.getParams().getBenchmark();
            String framework = benchmark.contains("Log4j2") ? "Log4j2" : "Logback";
            out.append(String.format(Locale.ROOT, "| %-9s | %-9s | %7d | %12.0f | %12.0f | %9d |%n", framework,
                r.getParams().getParam("appender"), r.getParams().getThreads(), stats.getPercentile(50),
                stats.getPercentile(99), stats.getN()));
        }
        return out.toString();
    }
}
