package io.contralog.agent.pipeline;

import ai.onnxruntime.OrtException;
import io.contralog.agent.config.AgentConfig;
import io.contralog.agent.config.ScoringConfig;
import io.contralog.agent.config.SessionConfig;
import io.contralog.model.bundle.Bundle;
import io.contralog.model.bundle.BundleException;
import io.contralog.model.bundle.Manifest;
import io.contralog.model.score.ScoredSequence;
import io.contralog.model.score.ScorerOptions;
import io.contralog.model.score.ScoringTimes;
import io.contralog.model.score.SequenceScorer;
import io.contralog.model.score.Threshold;
import io.contralog.model.session.Sequence;
import io.contralog.model.session.SessionSpec;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * One loaded bundle with the scorer, threshold and sessionization the agent uses with it. Scoring is
 * serialised per slot because the pipeline and the HTTP scoring endpoint share it.
 */
public final class ModelSlot implements AutoCloseable {

    private final Bundle bundle;
    private final SequenceScorer scorer;
    private final SessionSpec session;
    private final String version;

    private ModelSlot(Bundle bundle, SequenceScorer scorer, SessionSpec session, String version) {
        this.bundle = bundle;
        this.scorer = scorer;
        this.session = session;
        this.version = version;
    }

    /**
     * Loads and verifies the bundle in {@code dir} and prepares it as the config says.
     *
     * @throws BundleException when the bundle is damaged, of another format, or cannot serve the config
     */
    public static ModelSlot load(Path dir, AgentConfig config) throws BundleException {
        ScoringConfig sc = config.scoring();
        ScorerOptions options = new ScorerOptions(sc.provider().name().toLowerCase(Locale.ROOT), sc.threads(),
            sc.cacheSize(), 0, sc.batchSize());
        Bundle bundle = Bundle.load(dir, options);
        try {
            Manifest m = bundle.manifest();
            SessionSpec spec = sessionSpec(m, config.session(), dir);
            Threshold threshold = threshold(m, sc, dir);
            SequenceScorer scorer = new SequenceScorer(bundle, threshold);
            String version = (m.preset() == null ? "model" : m.preset()) + "@" + m.createdAt();
            return new ModelSlot(bundle, scorer, spec, version);
        } catch (BundleException | RuntimeException e) {
            bundle.close();
            throw e;
        }
    }

    private static Threshold threshold(Manifest m, ScoringConfig sc, Path dir) throws BundleException {
        if (m.threshold() == null || m.fusion() == null) {
            throw new BundleException(dir.resolve(Bundle.MANIFEST),
                "has no fitted threshold or fusion statistics; train it to the end with 'trainer train'");
        }
        if (sc.threshold() != null) {
            return m.threshold().withValue(sc.threshold());
        }
        if (sc.falseAlarmTarget() != null) {
            return m.threshold().forTarget(sc.falseAlarmTarget());
        }
        return m.threshold();
    }

    /** The bundle's sessionization with the config's overrides applied; refuses what the model cannot serve. */
    static SessionSpec sessionSpec(Manifest m, SessionConfig c, Path dir) throws BundleException {
        SessionSpec base = m.session() == null ? SessionSpec.defaults() : m.session();
        int modelMax = m.dims() == null ? Integer.MAX_VALUE : m.dims().maxMessages();
        int maxLength = c.maxLength() != null ? c.maxLength() : Math.min(base.maxLength(), modelMax);
        if (maxLength > modelMax) {
            throw new BundleException(dir.resolve(Bundle.MANIFEST), "serves sequences of at most " + modelMax
                + " messages, but session.maxLength is " + maxLength + "; lower session.maxLength to " + modelMax
                + " or less");
        }
        String key = c.key() != null ? c.key() : c.field() != null ? null : base.keyRegex();
        String field = c.field() != null ? c.field() : c.key() != null ? null : base.contextField();
        try {
            return new SessionSpec(key, field, c.window() != null ? c.window() : base.window(),
                c.windowEvents() != null ? c.windowEvents() : base.windowEvents(), maxLength,
                c.idleTimeout() != null ? c.idleTimeout() : base.idleTimeout());
        } catch (IllegalArgumentException e) {
            throw new BundleException(dir.resolve(Bundle.MANIFEST), "cannot be combined with the session settings: "
                + e.getMessage());
        }
    }

    /** Scores closed sequences. */
    public synchronized List<ScoredSequence> score(List<Sequence> sequences) throws OrtException {
        return scorer.score(sequences);
    }

    /** Scores sequences given as canonical texts. */
    public synchronized List<ScoredSequence> scoreTexts(List<List<String>> texts) throws OrtException {
        return scorer.scoreTexts(texts);
    }

    public SessionSpec session() {
        return session;
    }

    public String version() {
        return version;
    }

    public Path dir() {
        return bundle.dir();
    }

    /** Hit rate of the scorer's caches since it was loaded, or 0 before any lookup. */
    public double cacheHitRate() {
        long hits = scorer.scorer().cacheHits();
        long total = hits + scorer.scorer().cacheMisses();
        return total == 0 ? 0 : (double) hits / total;
    }

    /** Messages the message encoder has embedded since the bundle was loaded. */
    public long encodedRows() {
        return scorer.scorer().encodedRows();
    }

    /** Where the scorer's time has gone since the bundle was loaded. */
    public ScoringTimes times() {
        return scorer.scorer().times();
    }

    /** The execution provider actually in use ({@code cuda} may have fallen back to {@code cpu}). */
    public String provider() {
        return scorer.scorer().effectiveProvider();
    }

    @Override
    public synchronized void close() {
        bundle.close();
    }
}
