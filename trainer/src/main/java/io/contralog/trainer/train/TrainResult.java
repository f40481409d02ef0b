package io.contralog.trainer.train;

import io.contralog.model.bundle.Manifest;

import java.nio.file.Path;

/**
 * What a training run produced and how fast it went.
 *
 * @param bundle the committed bundle folder
 * @param manifest its manifest
 * @param steps optimisation steps
 * @param epochs epochs run
 * @param stepsPerSecond optimisation speed
 * @param sequencesPerSecond training sequences per second
 * @param bestValidationLoss best early-stopping loss
 */
public record TrainResult(Path bundle, Manifest manifest, int steps, int epochs, double stepsPerSecond,
        double sequencesPerSecond, double bestValidationLoss) {
}
