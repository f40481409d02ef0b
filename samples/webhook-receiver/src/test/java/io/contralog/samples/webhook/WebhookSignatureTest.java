package io.contralog.samples.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class WebhookSignatureTest {

    // The example delivery published with the Standard Webhooks reference libraries.
    private static final String SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
    private static final String ID = "msg_p5jXN8AQM9LWM0D4loKWxJek";
    private static final long TS = 1614265330L;
    private static final String BODY = "{\"test\": 2432232314}";
    private static final String EXPECTED = "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=";

    private final WebhookSignature signature = WebhookSignature.fromSecret(SECRET);

    @Test
    void signsThePublishedExampleLikeTheReferenceLibraries() {
        assertThat(signature.sign(ID, TS, BODY)).isEqualTo(EXPECTED);
    }

    @Test
    void acceptsAMatchingSignatureAmongSeveral() {
        String header = "v1,bm90IHRoaXMgb25l " + EXPECTED;
        assertThat(signature.problem(ID, Long.toString(TS), header, BODY, Instant.ofEpochSecond(TS + 10))).isNull();
    }

    @Test
    void refusesAnAlteredBody() {
        assertThat(signature.problem(ID, Long.toString(TS), EXPECTED, BODY + " ", Instant.ofEpochSecond(TS)))
            .contains("matches");
    }

    @Test
    void refusesATimestampOutsideTheTolerance() {
        assertThat(signature.problem(ID, Long.toString(TS), EXPECTED, BODY, Instant.ofEpochSecond(TS + 301)))
            .contains("from now");
    }

    @Test
    void refusesMissingHeaders() {
        assertThat(signature.problem(null, Long.toString(TS), EXPECTED, BODY, Instant.ofEpochSecond(TS)))
            .contains("missing");
    }

    @Test
    void namesTheFormWhenTheSecretIsNotBase64() {
        assertThatThrownBy(() -> WebhookSignature.fromSecret("whsec_not base64!"))
            .hasMessageContaining("whsec_");
    }
}
