package io.contralog.agent.pipeline;

import io.contralog.agent.alert.AlertDispatcher;
import io.contralog.agent.config.AgentConfig;
import io.contralog.agent.metrics.AgentMetrics;
import io.contralog.agent.tail.Checkpoint;
import io.contralog.agent.tail.CheckpointStore;
import io.contralog.core.event.LogEvent;
import io.contralog.core.queue.EventQueueReader;
import io.contralog.model.score.ScoredSequence;
import io.contralog.model.session.Sequence;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.locks.LockSupport;

/**
 * The agent's one data-flow thread: read an event, add it to its session, score the sequences that close,
 * hand anomalies to the dispatcher, and checkpoint.
 *
 * <p>Implementation notes on the checkpoint: it is written only when every sequence closed so far has been
 * scored and its alert spooled, and it names each open session with the index of its first event. A restart
 * moves the reader back to the oldest of those and, up to the checkpoint's read index, feeds the sessionizer
 * only events of the sessions that were open, so open sessions are rebuilt whole and closed ones are not
 * rebuilt in part. Events after the read index are new. Alerts raised between the last checkpoint and a crash
 * are raised again on the same sequences, and the dispatcher's ledger and spool turn them into no-ops.
 */
public final class Pipeline implements Runnable {

    private static final Logger LOG = LoggerFactory.getLogger(Pipeline.class);
    private static final long IDLE_CHECK_NANOS = Duration.ofMillis(100).toNanos();
    private static final long CHECKPOINT_NANOS = Duration.ofSeconds(1).toNanos();

    private final AgentConfig config;
    private final Models models;
    private final AlertDispatcher dispatcher;
    private final AgentMetrics metrics;
    private final CheckpointStore checkpoints;
    private final AlertFactory alerts;
    private final Map<String, SessionTracker> trackers = new LinkedHashMap<>();
    private final List<Sequence> batch = new ArrayList<>();
    private final CountDownLatch stopped = new CountDownLatch(1);
    private volatile boolean running = true;
    private volatile boolean ready;
    private EventQueueReader reader;
    private long lastIndex = -1;
    private long lastSkipped;
    private long batchSince;
    private long lastIdleCheck;
    private long lastCheckpoint;
    private boolean dirty;
    private Map<String, Long> replay = Map.of();
    private long replayUntil = -1;
    private long startIndex = -1;

    /** Wires the pipeline; nothing runs until {@link #run()}. */
    public Pipeline(AgentConfig config, Models models, AlertDispatcher dispatcher, AgentMetrics metrics) {
        this.config = config;
        this.models = models;
        this.dispatcher = dispatcher;
        this.metrics = metrics;
        this.checkpoints = new CheckpointStore(config.state().dir());
        this.alerts = new AlertFactory(config.alerts().topMessages());
        for (String name : models.names()) {
            trackers.put(name, new SessionTracker(models.slot(name).session(), config.session().maxOpen(),
                metrics::sessionFieldMissing));
        }
    }

    /** Whether the queue is open and events flow. */
    public boolean ready() {
        return ready;
    }

    @Override
    public void run() {
        try {
            reader = openQueue();
            if (reader == null) {
                return;
            }
            restore();
            ready = true;
            loop();
            drainAndCheckpoint();
        } catch (IOException e) {
            LOG.error("Agent state in {} cannot be written ({}); stopping without moving the checkpoint",
                config.state().dir(), e.getMessage());
            throw new java.io.UncheckedIOException(e);
        } finally {
            ready = false;
            if (reader != null) {
                reader.close();
            }
            stopped.countDown();
        }
    }

    private EventQueueReader openQueue() {
        boolean told = false;
        while (running) {
            if (Files.isDirectory(config.queue().dir())) {
                return EventQueueReader.open(config.queue().dir(), config.queue().tailer());
            }
            if (!told) {
                LOG.warn("Queue folder {} does not exist yet; waiting for the application to create it",
                    config.queue().dir());
                told = true;
            }
            LockSupport.parkNanos(Duration.ofMillis(500).toNanos());
        }
        return null;
    }

    private void restore() throws IOException {
        Optional<Checkpoint> cp = checkpoints.read();
        if (cp.isEmpty()) {
            LOG.info("No checkpoint in {}; reading {} from the named position '{}'", config.state().dir(),
                config.queue().dir(), config.queue().tailer());
            return;
        }
        Checkpoint c = cp.get();
        startIndex = c.startIndex();
        if (c.readIndex() < 0) {
            reader.moveTo(c.startIndex());
            LOG.info("Resuming at event {}, the first one this agent read", c.startIndex());
            return;
        }
        replay = new HashMap<>();
        for (Checkpoint.OpenSession s : c.openSessions()) {
            replay.put(s.service() + '\u0000' + s.key(), s.firstIndex());
        }
        replayUntil = c.readIndex();
        reader.moveTo(c.restartIndex());
        LOG.info("Resuming after event {}; rebuilding {} open sessions from event {}", c.readIndex(),
            c.openSessions().size(), c.restartIndex());
    }

    private void loop() throws IOException {
        long pollNanos = config.queue().pollInterval().toNanos();
        while (running) {
            models.installStaged();
            LogEvent e = reader.next();
            long now = System.nanoTime();
            countSkipped();
            if (e != null) {
                if (startIndex < 0) {
                    // The queue's named position moves as events are read; record where handling began before
                    // handling anything, so that a crash before the first full checkpoint loses nothing.
                    startIndex = reader.index();
                    checkpoints.write(Checkpoint.start(startIndex));
                }
                handle(e, reader.index());
            }
            // Idle means nothing new was written: while a backlog is read, the next event of a quiet-looking
            // session may already be in the queue, so idle sessions close only once the reader has caught up.
            if (e == null && now - lastIdleCheck > IDLE_CHECK_NANOS) {
                closeIdle(now);
            }
            if (!batch.isEmpty() && (e == null || batch.size() >= config.scoring().batchSize()
                || now - batchSince > config.scoring().batchDelay().toNanos())) {
                scoreBatch();
            }
            if (batch.isEmpty() && dirty && replayUntil < 0 && (e == null || now - lastCheckpoint > CHECKPOINT_NANOS)) {
                checkpoint();
            }
            if (e == null) {
                LockSupport.parkNanos(pollNanos);
            }
        }
    }

    private void countSkipped() {
        long skipped = reader.skipped();
        if (skipped > lastSkipped) {
            LOG.warn("Skipped {} queue documents that are not readable events (total {})", skipped - lastSkipped,
                skipped);
            metrics.eventsSkipped(skipped - lastSkipped);
            lastSkipped = skipped;
        }
    }

    private void handle(LogEvent e, long index) {
        metrics.eventRead();
        metrics.queueLagMillis(Math.max(0, System.currentTimeMillis() - e.ts() / 1_000_000L));
        lastIndex = index;
        dirty = true;
        SessionTracker tracker = trackers.get(models.slotOf(e.service()));
        if (replayUntil >= 0) {
            boolean keep = index > replayUntil || wasOpen(tracker, e, index);
            if (index >= replayUntil) {
                replayUntil = -1;
                replay = Map.of();
            }
            if (!keep) {
                return;
            }
        }
        add(tracker.accept(e, index));
        metrics.sessionsEvicted(evictedDelta());
    }

    private boolean wasOpen(SessionTracker tracker, LogEvent e, long index) {
        String service = e.service() == null ? "" : e.service();
        Long first = replay.get(service + '\u0000' + tracker.keyOf(e));
        return first != null && index >= first;
    }

    private long evictedSeen;

    private long evictedDelta() {
        long total = trackers.values().stream().mapToLong(SessionTracker::evicted).sum();
        long delta = total - evictedSeen;
        evictedSeen = total;
        return delta;
    }

    private void closeIdle(long now) {
        lastIdleCheck = now;
        for (SessionTracker t : trackers.values()) {
            add(t.closeIdle(now));
        }
        metrics.sessionsOpen(trackers.values().stream().mapToLong(SessionTracker::open).sum());
    }

    private void add(List<Sequence> closed) {
        if (closed.isEmpty()) {
            return;
        }
        if (batch.isEmpty()) {
            batchSince = System.nanoTime();
        }
        batch.addAll(closed);
        dirty = true;
    }

    private void scoreBatch() {
        Map<String, List<Sequence>> bySlot = new LinkedHashMap<>();
        for (Sequence s : batch) {
            bySlot.computeIfAbsent(models.slotOf(s.service()), k -> new ArrayList<>()).add(s);
        }
        batch.clear();
        for (Map.Entry<String, List<Sequence>> e : bySlot.entrySet()) {
            ModelSlot slot = models.slot(e.getKey());
            for (ScoredSequence scored : score(slot, e.getValue())) {
                if (scored.anomalous() && !dispatcher.decided(scored.sequence().id())) {
                    dispatcher.offer(alerts.build(scored, slot.version()));
                }
            }
        }
    }

    private List<ScoredSequence> score(ModelSlot slot, List<Sequence> sequences) {
        long start = System.nanoTime();
        try {
            List<ScoredSequence> scored = slot.score(sequences);
            int anomalous = (int) scored.stream().filter(ScoredSequence::anomalous).count();
            metrics.scored(sequences.size(), anomalous, Duration.ofNanos(System.nanoTime() - start));
            return scored;
        } catch (Exception | LinkageError e) {
            if (sequences.size() == 1) {
                LOG.error("Sequence {} of service {} ({} events) could not be scored and is skipped: {}",
                    sequences.get(0).id(), sequences.get(0).service(), sequences.get(0).size(), e.toString());
                metrics.registry().counter("contralog.sequences.failed").increment();
                return List.of();
            }
            List<ScoredSequence> out = new ArrayList<>();
            for (Sequence s : sequences) {
                out.addAll(score(slot, List.of(s)));
            }
            return out;
        }
    }

    private void checkpoint() throws IOException {
        List<Checkpoint.OpenSession> open = new ArrayList<>();
        trackers.values().forEach(t -> t.addOpenSessions(open));
        checkpoints.write(new Checkpoint(lastIndex, open, startIndex));
        lastCheckpoint = System.nanoTime();
        dirty = false;
    }

    private void drainAndCheckpoint() throws IOException {
        if (!batch.isEmpty()) {
            scoreBatch();
        }
        if (dirty && lastIndex >= 0 && replayUntil < 0) {
            checkpoint();
        }
    }

    /** Asks the loop to finish its batch, checkpoint and return; waits up to the timeout. */
    public void stop(Duration timeout) throws InterruptedException {
        running = false;
        stopped.await(timeout.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
    }
}
