package io.contralog.model.testing;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/** Generated canonical texts of two normal request flows, and the anomalies the scoring tests inject. */
public final class Flows {

    private static final String[] CHECKOUT = {
        "INFO Checkout: cart %d opened by user %d",
        "INFO Checkout: %d items priced in %d ms",
        "INFO Payments: card authorised for cart %d",
        "INFO Checkout: order %d confirmed",
        "INFO Mailer: receipt sent for order %d",
    };
    private static final String[] STORAGE = {
        "DEBUG Storage: flushing segment %d",
        "DEBUG Storage: wrote %d bytes to segment %d",
        "DEBUG Storage: compaction of level %d done",
        "DEBUG Storage: checkpoint %d written",
    };

    /** A message never seen in training. */
    public static final String UNSEEN = "ERROR Checkout: connection pool exhausted while reserving stock";

    private Flows() {
    }

    /** Which flow a generated text belongs to: 0 checkout, 1 storage. */
    public static int flowOf(String text) {
        return text.startsWith("DEBUG Storage") ? 1 : 0;
    }

    /** {@code n} normal sequences: each one flow, its steps in order, once or twice. */
    public static List<List<String>> normal(int n, long seed) {
        Random r = new Random(seed);
        List<List<String>> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            String[] flow = r.nextBoolean() ? CHECKOUT : STORAGE;
            List<String> seq = new ArrayList<>();
            int repeats = 1 + r.nextInt(2);
            for (int k = 0; k < repeats; k++) {
                for (String step : flow) {
                    seq.add(String.format(step, r.nextInt(1000), r.nextInt(1000)));
                }
            }
            out.add(seq);
        }
        return out;
    }

    /** A twice-run checkout sequence with one message replaced by a message never seen. */
    public static List<String> withUnseenMessage(long seed) {
        List<String> seq = checkout(seed);
        seq.set(7, UNSEEN);
        return seq;
    }

    /** A twice-run checkout sequence with one message replaced by a known storage message: known text, wrong place. */
    public static List<String> withMisplacedMessage(long seed) {
        List<String> seq = checkout(seed);
        seq.set(7, String.format(STORAGE[1], 17, 4));
        return seq;
    }

    private static List<String> checkout(long seed) {
        Random r = new Random(seed);
        List<String> seq = new ArrayList<>();
        for (int k = 0; k < 2; k++) {
            for (String step : CHECKOUT) {
                seq.add(String.format(step, r.nextInt(1000), r.nextInt(1000)));
            }
        }
        return seq;
    }
}
