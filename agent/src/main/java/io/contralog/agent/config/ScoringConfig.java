package io.contralog.agent.config;

import com.fasterxml.jackson.annotation.JsonProperty;

import java.time.Duration;

/**
 * How sequences are scored.
 *
 * @param provider         ONNX Runtime execution provider
 * @param threads          intra-op threads per ONNX session
 * @param batchSize        closed sequences scored together
 * @param batchDelay       longest a closed sequence waits for its batch to fill
 * @param cacheSize        entries in the embedding and nearest-normal caches (0 turns them off)
 * @param threshold        fixed threshold that replaces the bundle's
 * @param falseAlarmTarget target false-alarm rate that replaces the bundle's threshold method
 */
public record ScoringConfig(Provider provider, Integer threads, Integer batchSize, Duration batchDelay,
                            Integer cacheSize, Double threshold, Double falseAlarmTarget) {

    /** Fills defaults for keys the file leaves out. */
    public ScoringConfig {
        provider = provider == null ? Provider.CPU : provider;
        threads = threads == null ? 1 : threads;
        batchSize = batchSize == null ? 64 : batchSize;
        batchDelay = batchDelay == null ? Duration.ofMillis(200) : batchDelay;
        cacheSize = cacheSize == null ? 100_000 : cacheSize;
    }

    /** The defaults. */
    public static ScoringConfig defaults() {
        return new ScoringConfig(null, null, null, null, null, null, null);
    }

    /** ONNX Runtime execution provider. */
    public enum Provider {
        @JsonProperty("cpu") CPU,
        @JsonProperty("cuda") CUDA
    }
}
