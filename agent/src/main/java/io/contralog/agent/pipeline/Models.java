package io.contralog.agent.pipeline;

import io.contralog.agent.config.AgentConfig;
import io.contralog.model.bundle.BundleException;
import io.contralog.model.score.ScoringTimes;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.ToLongFunction;

/**
 * The models the agent serves: the default and one per configured service, each replaceable while running.
 *
 * <p>Implementation notes: a reloaded bundle is staged by the watcher thread and installed by the pipeline
 * thread between batches, so no batch ever sees two models; the replaced bundle is closed after the swap.
 */
public final class Models implements AutoCloseable {

    /** Slot name of the default model. */
    public static final String DEFAULT = "";

    private static final Logger LOG = LoggerFactory.getLogger(Models.class);

    private final AgentConfig config;
    private final Map<String, Path> dirs = new LinkedHashMap<>();
    private final Map<String, ModelSlot> slots = new ConcurrentHashMap<>();
    private final Map<String, ModelSlot> staged = new ConcurrentHashMap<>();
    private final java.util.concurrent.atomic.AtomicLong accepted = new java.util.concurrent.atomic.AtomicLong();
    private final java.util.concurrent.atomic.AtomicLong refused = new java.util.concurrent.atomic.AtomicLong();

    /** Loads every configured bundle; any failure is fatal at start. */
    public Models(AgentConfig config) throws BundleException {
        this.config = config;
        dirs.put(DEFAULT, config.model().dir());
        dirs.putAll(config.model().services());
        try {
            for (Map.Entry<String, Path> e : dirs.entrySet()) {
                ModelSlot slot = ModelSlot.load(e.getValue(), config);
                slots.put(e.getKey(), slot);
                LOG.info("Model {} loaded from {} for {} (sessions: {}, provider {})", slot.version(), e.getValue(),
                    e.getKey().isEmpty() ? "every other service" : "service " + e.getKey(),
                    slot.session().describe(), slot.provider());
            }
        } catch (BundleException | RuntimeException e) {
            close();
            throw e;
        }
    }

    /** Slot names: {@link #DEFAULT} and the configured services. */
    public List<String> names() {
        return new ArrayList<>(dirs.keySet());
    }

    /** The slot name serving a service. */
    public String slotOf(String service) {
        return service != null && dirs.containsKey(service) && !service.isEmpty() ? service : DEFAULT;
    }

    public ModelSlot slot(String name) {
        return slots.get(name);
    }

    /** The model serving a service. */
    public ModelSlot forService(String service) {
        return slots.get(slotOf(service));
    }

    /** Bundle folders by slot name, for the watcher. */
    public Map<String, Path> dirs() {
        return Map.copyOf(dirs);
    }

    /**
     * Loads the bundle now in a slot's folder and stages it; a bundle that fails to load is refused and the
     * current one keeps serving.
     *
     * @return whether the new bundle was accepted
     */
    public boolean reload(String name) {
        Path dir = dirs.get(name);
        ModelSlot current = slots.get(name);
        try {
            ModelSlot fresh = ModelSlot.load(dir, config);
            ModelSlot previous = staged.put(name, fresh);
            if (previous != null) {
                previous.close();
            }
            LOG.info("New model {} found in {}; it replaces {} before the next batch", fresh.version(), dir,
                current.version());
            if (!fresh.session().equals(current.session())) {
                LOG.warn("The new model in {} was trained with other sessions ({}); open sessions keep {} until the"
                    + " agent restarts", dir, fresh.session().describe(), current.session().describe());
            }
            accepted.incrementAndGet();
            return true;
        } catch (BundleException | RuntimeException e) {
            LOG.error("Refused the new bundle in {}: {}. Still serving model {}", dir, e.getMessage(),
                current.version());
            refused.incrementAndGet();
            return false;
        }
    }

    /** Installs staged bundles; called by the pipeline thread between batches. */
    void installStaged() {
        if (staged.isEmpty()) {
            return;
        }
        for (String name : new ArrayList<>(staged.keySet())) {
            ModelSlot fresh = staged.remove(name);
            ModelSlot old = slots.put(name, fresh);
            if (old != null) {
                old.close();
            }
            LOG.info("Now scoring with model {} from {}", fresh.version(), fresh.dir());
        }
    }

    /** New bundles accepted while running. */
    public long reloadsAccepted() {
        return accepted.get();
    }

    /** New bundles refused while running. */
    public long reloadsRefused() {
        return refused.get();
    }

    /** Mean cache hit rate over the slots. */
    public double cacheHitRate() {
        return slots.values().stream().mapToDouble(ModelSlot::cacheHitRate).average().orElse(0);
    }

    /** Messages the message encoders have embedded (cache misses, each distinct one once per batch). */
    public double encodedRows() {
        return slots.values().stream().mapToLong(s -> s.encodedRows()).sum();
    }

    /** Seconds spent in one stage of scoring, summed over the loaded slots. */
    public double stageSeconds(ToLongFunction<ScoringTimes> stage) {
        return slots.values().stream().mapToLong(s -> stage.applyAsLong(s.times())).sum() / 1e9;
    }

    @Override
    public void close() {
        slots.values().forEach(ModelSlot::close);
        staged.values().forEach(ModelSlot::close);
        slots.clear();
        staged.clear();
    }
}
