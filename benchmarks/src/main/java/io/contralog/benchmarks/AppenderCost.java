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
import java.util.HashMap;
import java.util.List;
import java.util.Map;
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

    /**
     * One row per framework, appender and thread count. The last column subtracts the no-op appender's median of the
     * same framework and thread count, which is the framework's own cost: on a shared machine that cost moves from
     * run to run, and the difference shows what the appender adds.
     */
    static String table(Collection<RunResult> results) {
        List<RunResult> sorted = new ArrayList<>(results);
        sorted.sort(Comparator.comparing((RunResult r) -> r.getParams().getBenchmark())
            .thenComparing(r -> r.getParams().getParam("appender")));
        Map<String, Double> noopMedians = new HashMap<>();
        for (RunResult r : sorted) {
            if ("noop".equals(r.getParams().getParam("appender"))) {
                noopMedians.put(group(r), r.getPrimaryResult().getStatistics().getPercentile(50));
            }
        }
        StringBuilder out = new StringBuilder();
        out.append(String.format(Locale.ROOT, "| %-9s | %-9s | %7s | %12s | %12s | %9s | %13s |%n", "framework",
            "appender", "threads", "median (ns)", "p99 (ns)", "samples", "over no-op"));
        out.append("|-----------|-----------|---------|--------------|--------------|-----------|---------------|\n");
        for (RunResult r : sorted) {
            Statistics stats = r.getPrimaryResult().getStatistics();
            double median = stats.getPercentile(50);
            Double noop = noopMedians.get(group(r));
            String over = noop == null ? "-" : String.format(Locale.ROOT, "%.0f", median - noop);
            out.append(String.format(Locale.ROOT, "| %-9s | %-9s | %7d | %12.0f | %12.0f | %9d | %13s |%n",
                framework(r), r.getParams().getParam("appender"), r.getParams().getThreads(), median,
                stats.getPercentile(99), stats.getN(), over));
        }
        return out.toString();
    }

    private static String framework(RunResult r) {
        return r.getParams().getBenchmark().contains("Log4j2") ? "Log4j2" : "Logback";
    }

    private static String group(RunResult r) {
        return framework(r) + "/" + r.getParams().getThreads();
    }
}
