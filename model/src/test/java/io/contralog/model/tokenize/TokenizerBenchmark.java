package io.contralog.model.tokenize;

import java.util.List;

/** Measures encoding speed in lines per second on generated log lines; run as a plain main. */
public final class TokenizerBenchmark {

    private TokenizerBenchmark() {
    }

    public static void main(String[] args) {
        List<String> train = BpeTokenizerTest.corpus(20_000, 1);
        long t0 = System.nanoTime();
        BpeTokenizer tok = BpeTokenizer.learn(train, 1024, 64);
        System.out.printf("learn: %d lines, %d ids in use, %.0f ms%n", train.size(), tok.idsInUse(),
            (System.nanoTime() - t0) / 1e6);
        List<String> lines = BpeTokenizerTest.corpus(200_000, 2);
        long sink = 0;
        for (int round = 0; round < 5; round++) {
            long start = System.nanoTime();
            for (String line : lines) {
                sink += tok.encode(line).length;
            }
            double secs = (System.nanoTime() - start) / 1e9;
            System.out.printf("encode round %d: %.0f lines/s (%.1f tokens/line)%n", round, lines.size() / secs,
                sink / (double) lines.size() / (round + 1));
        }
    }
}
