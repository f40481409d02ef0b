package io.contralog.samples.orders;

import java.io.PrintStream;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * Drives the order service at a steady rate on a pool of request threads, for a number of requests or a
 * duration, applying the fault plan, and reports on the console when the fault starts and ends.
 *
 * <p>Each request draws from its own random source seeded by the run's seed and its number, so two runs with the
 * same seed produce the same orders whatever the thread interleaving.
 */
public final class LoadRunner {

    private final OrderService service;
    private final FlowLogger scheduler;
    private final LoadPlan plan;
    private final PrintStream console;
    private final Map<Outcome, AtomicLong> outcomes = new EnumMap<>(Outcome.class);
    private final AtomicLong faulted = new AtomicLong();

    public LoadRunner(FlowLogging logging, LoadPlan plan, PrintStream console) {
        this.service = new OrderService(logging, /* simulateLatency= */ true);
        this.scheduler = logging.logger("com.example.shop.catalog.CatalogCache");
        this.plan = plan;
        this.console = console;
        for (Outcome o : Outcome.values()) {
            outcomes.put(o, new AtomicLong());
        }
    }

    /** Runs the whole plan and returns the number of requests handled. */
    public long run() throws InterruptedException {
        ExecutorService workers = Executors.newFixedThreadPool(plan.threads(), named("http-nio-8080-exec-"));
        ExecutorService background = Executors.newSingleThreadExecutor(named("scheduling-"));
        long start = System.nanoTime();
        long count = 0;
        boolean faultShown = false;
        try {
            while (plan.wants(count, System.nanoTime() - start)) {
                long due = start + (long) (count * 1e9 / plan.rate());
                LockSupport.parkNanos(due - System.nanoTime());
                long elapsed = System.nanoTime() - start;
                faultShown = announce(faultShown, plan.faults().windowCovers(elapsed), elapsed);
                submit(workers, count, elapsed);
                if (count % 200 == 0) {
                    background.execute(this::refreshCatalog);
                }
                count++;
            }
        } finally {
            shutdown(workers);
            shutdown(background);
        }
        if (faultShown) {
            console.printf("fault %s ended after %d affected requests%n", plan.faults().fault(), faulted.get());
        }
        return count;
    }

    private void submit(ExecutorService workers, long number, long elapsed) {
        SplittableRandom random = new SplittableRandom(plan.seed() * 1_000_003L + number);
        Fault fault = plan.faults().faultFor(elapsed, random);
        if (fault != Fault.NONE) {
            faulted.incrementAndGet();
        }
        workers.execute(() -> outcomes.get(service.handle(random, fault)).incrementAndGet());
    }

    private boolean announce(boolean shown, boolean active, long elapsed) {
        if (active && !shown) {
            console.printf("fault %s injected at %s into the run%n", plan.faults().fault(),
                Durations.format(Duration.ofMillis(elapsed / 1_000_000)));
            return true;
        }
        return shown;
    }

    private void refreshCatalog() {
        scheduler.info("Refreshed product catalog cache: {} products in {} ms", Catalog.SKUS.size(),
            5 + (System.nanoTime() & 31));
    }

    /** Requests per outcome so far. */
    public Map<Outcome, Long> outcomes() {
        Map<Outcome, Long> copy = new EnumMap<>(Outcome.class);
        outcomes.forEach((k, v) -> copy.put(k, v.get()));
        return copy;
    }

    /** Requests that ran with the fault. */
    public long faulted() {
        return faulted.get();
    }

    private static void shutdown(ExecutorService pool) throws InterruptedException {
        pool.shutdown();
        if (!pool.awaitTermination(30, TimeUnit.SECONDS)) {
            pool.shutdownNow();
        }
    }

    private static ThreadFactory named(String prefix) {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, prefix + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }
}
