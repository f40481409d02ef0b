package io.contralog.agent.config;

import java.time.Duration;
import java.util.List;

/**
 * What the agent does with an anomalous sequence: where it sends alerts and how it keeps their number sane.
 *
 * @param webhooks    destinations
 * @param warmUp      time after start during which anomalies are counted but not alerted
 * @param topMessages most anomalous messages an alert lists
 * @param recent      alerts kept in memory for {@code /api/v1/alerts}
 * @param retry       backoff of failed deliveries
 * @param spool       bound of the on-disk spool
 * @param grouping    folding of repeated alerts of one incident
 * @param rateLimit   cap of alerts per service
 * @param suppress    rules that silence matching alerts
 * @param redact      patterns masked in every text that leaves the host
 */
public record AlertsConfig(List<WebhookConfig> webhooks, Duration warmUp, Integer topMessages, Integer recent,
                           RetryConfig retry, SpoolConfig spool, GroupingConfig grouping, RateLimitConfig rateLimit,
                           List<SuppressRule> suppress, List<RedactRule> redact) {

    /** Most messages one alert may explain, so that a body stays small enough for chat receivers. */
    public static final int MAX_TOP_MESSAGES = 10;

    /** Fills defaults for keys the file leaves out. */
    public AlertsConfig {
        webhooks = webhooks == null ? List.of() : List.copyOf(webhooks);
        warmUp = warmUp == null ? Duration.ZERO : warmUp;
        topMessages = topMessages == null ? 5 : topMessages;
        recent = recent == null ? 100 : recent;
        retry = retry == null ? RetryConfig.defaults() : retry;
        spool = spool == null ? SpoolConfig.defaults() : spool;
        grouping = grouping == null ? GroupingConfig.defaults() : grouping;
        rateLimit = rateLimit == null ? RateLimitConfig.defaults() : rateLimit;
        suppress = suppress == null ? List.of() : List.copyOf(suppress);
        redact = redact == null ? List.of() : List.copyOf(redact);
    }

    /** The defaults: no destination. */
    public static AlertsConfig defaults() {
        return new AlertsConfig(null, null, null, null, null, null, null, null, null, null);
    }

    /**
     * Exponential backoff with full jitter between attempts of one delivery.
     *
     * @param initialBackoff first wait
     * @param maxBackoff     longest wait
     * @param maxAge         an alert still undelivered after this long is dropped and counted
     */
    public record RetryConfig(Duration initialBackoff, Duration maxBackoff, Duration maxAge) {

        /** Fills defaults for keys the file leaves out. */
        public RetryConfig {
            initialBackoff = initialBackoff == null ? Duration.ofSeconds(1) : initialBackoff;
            maxBackoff = maxBackoff == null ? Duration.ofMinutes(5) : maxBackoff;
            maxAge = maxAge == null ? Duration.ofHours(24) : maxAge;
        }

        static RetryConfig defaults() {
            return new RetryConfig(null, null, null);
        }
    }

    /**
     * Bound of the spool on disk.
     *
     * @param maxSize total size of spooled alerts per destination; the oldest are dropped (and counted) beyond it
     */
    public record SpoolConfig(DataSize maxSize) {

        /** Fills defaults for keys the file leaves out. */
        public SpoolConfig {
            maxSize = maxSize == null ? DataSize.ofMiB(100) : maxSize;
        }

        static SpoolConfig defaults() {
            return new SpoolConfig(null);
        }
    }

    /**
     * Folding of repeats: alerts of one service whose most anomalous message reads the same (digits masked)
     * within the window are one incident; the first is sent and the rest are counted as grouped.
     *
     * @param window how long an incident stays open; {@code 0s} turns grouping off
     */
    public record GroupingConfig(Duration window) {

        /** Fills defaults for keys the file leaves out. */
        public GroupingConfig {
            window = window == null ? Duration.ofMinutes(5) : window;
        }

        static GroupingConfig defaults() {
            return new GroupingConfig(null);
        }
    }

    /**
     * Cap of alerts per service; alerts beyond it are dropped and counted.
     *
     * @param perService alerts allowed per service per interval; 0 means no cap
     * @param per        the interval
     */
    public record RateLimitConfig(Integer perService, Duration per) {

        /** Fills defaults for keys the file leaves out. */
        public RateLimitConfig {
            perService = perService == null ? 20 : perService;
            per = per == null ? Duration.ofMinutes(1) : per;
        }

        static RateLimitConfig defaults() {
            return new RateLimitConfig(null, null);
        }
    }

    /**
     * Silences alerts whose fields match every regex given (a regex left out matches anything).
     *
     * @param service regex on the service name
     * @param host    regex on the host name
     * @param message regex found in any of the alert's top messages
     * @param key     regex on the session key
     */
    public record SuppressRule(String service, String host, String message, String key) {
    }

    /**
     * Masks every match of a regex in text that leaves the host.
     *
     * @param pattern     the regex
     * @param replacement what replaces each match; {@code $1} style group references work
     */
    public record RedactRule(String pattern, String replacement) {

        /** Fills defaults for keys the file leaves out. */
        public RedactRule {
            replacement = replacement == null ? "[REDACTED]" : replacement;
        }
    }
}
