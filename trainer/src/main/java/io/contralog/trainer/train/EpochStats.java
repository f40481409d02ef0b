package io.contralog.trainer.train;

/**
 * Figures of one epoch.
 *
 * @param epoch epoch number, from 1
 * @param trainLoss mean training loss over the epoch's steps
 * @param validationLoss loss on the early-stopping split with fixed masks (the training loss when that split is
 *     empty)
 * @param improved whether the validation loss is the best so far
 */
public record EpochStats(int epoch, double trainLoss, double validationLoss, boolean improved) {
}
