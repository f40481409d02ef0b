package io.contralog.trainer.eval;

/**
 * The figures of one detector on one test set.
 *
 * @param detector  {@code model}, {@code context-free}, {@code in-context}, {@code unseen-exact} or
 *                  {@code unseen-masked}
 * @param threshold how its threshold was chosen, and its value
 * @param metrics   precision, recall, F1 and AUROC with the counts behind them
 */
public record DetectorResult(String detector, String threshold, Metrics metrics) {
}
