package io.contralog.trainer.train;

import io.contralog.core.event.LogEvent;
import io.contralog.model.text.CanonicalText;
import io.contralog.model.tokenize.BpeTokenizer;
import io.contralog.trainer.nn.ContrastiveLoss;
import io.contralog.trainer.testing.RequestFlowLogs;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class ModelTrainerTest {

    private static List<List<String>> train;
    private static List<List<String>> valid;
    private static BpeTokenizer tokenizer;

    @BeforeAll
    static void generate() {
        List<List<String>> all = byRequest(new RequestFlowLogs(5).normal(400));
        train = all.subList(0, 360);
        valid = all.subList(360, all.size());
        tokenizer = BpeTokenizer.learn(train.stream().flatMap(List::stream).toList(), 384, 32);
    }

    static List<List<String>> byRequest(List<LogEvent> events) {
        Map<String, List<String>> grouped = new LinkedHashMap<>();
        for (LogEvent e : events) {
            grouped.computeIfAbsent(e.ctx().get(RequestFlowLogs.KEY), k -> new ArrayList<>()).add(CanonicalText.of(e));
        }
        return new ArrayList<>(grouped.values());
    }

    private static TrainingConfig tiny(int epochs) {
        return Preset.TINY.config().withDims(Preset.TINY.dims().withVocabSize(tokenizer.vocabSize()))
            .withMaxEpochs(epochs).withSeed(11);
    }

    @Test
    void validationLossFallsWhileTraining() {
        try (TrainedModel model = ModelTrainer.train(train, valid, tokenizer::encode, tiny(4), TrainingListener.NONE)) {
            List<EpochStats> epochs = model.epochs();
            assertThat(epochs).isNotEmpty();
            assertThat(model.bestValidationLoss()).isLessThan(epochs.get(0).validationLoss() * 0.9);
            assertThat(model.steps()).isPositive();
            assertThat(model.stepsPerSecond()).isPositive();
        }
    }

    @Test
    void sameSeedGivesSameWeights() {
        Map<String, float[]> first;
        try (TrainedModel a = ModelTrainer.train(train, valid, tokenizer::encode, tiny(1), TrainingListener.NONE)) {
            first = a.net().params().snapshot();
        }
        try (TrainedModel b = ModelTrainer.train(train, valid, tokenizer::encode, tiny(1), TrainingListener.NONE)) {
            Map<String, float[]> second = b.net().params().snapshot();
            assertThat(second.keySet()).containsExactlyElementsOf(first.keySet());
            double worst = 0;
            for (Map.Entry<String, float[]> e : first.entrySet()) {
                float[] other = second.get(e.getKey());
                for (int i = 0; i < other.length; i++) {
                    worst = Math.max(worst, Math.abs(other[i] - e.getValue()[i]));
                }
            }
            // The math library may sum in another order when buffers land at other alignments; weights then
            // differ in the last bits, never by more.
            assertThat(worst).as("largest weight difference between two runs with one seed").isLessThan(1e-5);
        }
    }

    @Test
    void authorsVariantAndInfoNceTrainToFiniteLosses() {
        for (ContrastiveLoss loss : ContrastiveLoss.values()) {
            for (boolean sameTextPositive : new boolean[] {true, false}) {
                TrainingConfig config = tiny(1).withLoss(loss, sameTextPositive).withMaxSteps(3);
                try (TrainedModel model = ModelTrainer.train(train, valid, tokenizer::encode, config,
                        TrainingListener.NONE)) {
                    assertThat(model.steps()).isEqualTo(3);
                    assertThat(model.bestValidationLoss()).isFinite().isPositive();
                }
            }
        }
    }
}
