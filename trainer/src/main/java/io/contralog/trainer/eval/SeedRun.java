package io.contralog.trainer.eval;

import io.contralog.model.score.Threshold;

import java.util.List;
import java.util.Map;

/**
 * One repetition of the benchmark protocol.
 *
 * @param seed         seed of weights, masking and balancing
 * @param order        how sequences were ordered before the split
 * @param trainSeconds wall-clock seconds of training, export and threshold fit
 * @param stepsPerSecond optimisation speed measured in this run
 * @param trainSeqs    normal sequences learned from
 * @param validSeqs    normal sequences for early stopping
 * @param fitSeqs      normal sequences the fusion and thresholds were fitted on
 * @param results      every detector's figures, per protocol
 * @param natural      the scored test part at its natural ratio (the paper test part is a subset)
 * @param threshold    the model's threshold
 */
public record SeedRun(long seed, String order, double trainSeconds, double stepsPerSecond, int trainSeqs,
                      int validSeqs, int fitSeqs, Map<Protocol, List<DetectorResult>> results, ScoredSet natural,
                      Threshold threshold) {
}
