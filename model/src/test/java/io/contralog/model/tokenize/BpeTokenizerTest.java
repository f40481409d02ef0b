package io.contralog.model.tokenize;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BpeTokenizerTest {

    static List<String> corpus(int lines, long seed) {
        Random r = new Random(seed);
        String[] templates = {
            "INFO OrderService: Received order %d for customer %d",
            "INFO PaymentClient: Payment authorised for order %d in %d ms",
            "DEBUG Inventory: Reserved %d items in warehouse %d",
            "WARN Gateway: Slow response from upstream after %d ms (attempt %d)",
            "INFO OrderService: Order %d shipped to region %d",
        };
        List<String> out = new ArrayList<>();
        for (int i = 0; i < lines; i++) {
            out.add(String.format(templates[r.nextInt(templates.length)], r.nextInt(100000), r.nextInt(500)));
        }
        return out;
    }

    @Test
    void learnsFrequentWordsAsSingleTokensAndStaysWithinVocabulary() {
        BpeTokenizer tok = BpeTokenizer.learn(corpus(2000, 1), 300, 64);

        int[] ids = tok.encode("INFO OrderService: Received order");
        assertThat(ids.length).isLessThanOrEqualTo(8);
        assertThat(tok.idsInUse()).isLessThanOrEqualTo(300);
        for (String line : corpus(200, 2)) {
            for (int id : tok.encode(line)) {
                assertThat(id).isBetween(1, 299);
            }
        }
    }

    @Test
    void lowercasesAndCollapsesWhitespace() {
        BpeTokenizer tok = BpeTokenizer.learn(corpus(500, 1), 400, 64);

        assertThat(tok.encode("INFO  OrderService:\tReceived"))
            .containsExactly(tok.encode("info orderservice: received"));
    }

    @Test
    void truncatesAtMaxTokensAndMapsUnseenBytesToUnk() {
        BpeTokenizer tok = BpeTokenizer.learn(corpus(500, 1), 400, 5);

        assertThat(tok.encode(String.join(" ", corpus(20, 3)))).hasSize(5);
        assertThat(tok.encode("\u00e9")).containsOnly(BpeTokenizer.UNK_ID);
        assertThat(tok.encode("   ")).containsExactly(BpeTokenizer.UNK_ID);
    }

    @Test
    void isDeterministicAndRoundTripsThroughJson(@TempDir Path dir) throws IOException {
        BpeTokenizer a = BpeTokenizer.learn(corpus(1000, 1), 512, 64);
        BpeTokenizer b = BpeTokenizer.learn(corpus(1000, 1), 512, 64);
        Path file = dir.resolve("tokenizer.json");
        a.save(file);
        BpeTokenizer loaded = BpeTokenizer.load(file);

        assertThat(loaded.vocabSize()).isEqualTo(512);
        assertThat(loaded.maxTokens()).isEqualTo(64);
        for (String line : corpus(300, 9)) {
            assertThat(b.encode(line)).containsExactly(a.encode(line));
            assertThat(loaded.encode(line)).containsExactly(a.encode(line));
        }
    }

    @Test
    void encodingMatchesTheLearnedSegmentationOnTrainingWords() {
        BpeTokenizer tok = BpeTokenizer.learn(List.of("abab abab abab", "ab ab"), 10, 64);

        assertThat(tok.encode("ab abab")).hasSize(2);
        assertThat(tok.encode("abab")).hasSize(2);
        assertThat(tok.encode("ba")).hasSize(2);
    }

    @Test
    void keepsTheMostFrequentBytesWhenTheAlphabetDoesNotFit() {
        BpeTokenizer tok = BpeTokenizer.learn(List.of("aaaa bbb cc d"), 5, 64);

        assertThat(tok.idsInUse()).isLessThanOrEqualTo(5);
        assertThat(tok.encode("a")).containsExactly(2 + 1);
        assertThat(tok.encode("d")).containsExactly(BpeTokenizer.UNK_ID);
    }

    @Test
    void refusesADamagedFileNamingIt(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("tokenizer.json");
        Files.writeString(file, "{\"format\":\"other\",\"version\":1}");

        assertThatThrownBy(() -> BpeTokenizer.load(file)).isInstanceOf(IOException.class)
            .hasMessageContaining(file.toString()).hasMessageContaining("not supported");
    }
}
