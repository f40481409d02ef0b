package io.contralog.agent.alert;

import io.contralog.agent.config.AlertsConfig;
import io.contralog.agent.config.AlertsConfig.SuppressRule;

import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.function.LongSupplier;
import java.util.regex.Pattern;

/**
 * Decides whether an anomaly becomes an alert: warm-up, suppression rules, grouping of repeats of one
 * incident, and a cap per service, in that order. Time is the wall clock's monotonic nanoseconds.
 */
final class AlertPolicy {

    /** What happens to an anomaly. */
    enum Decision {
        SEND, WARMUP, SUPPRESSED, GROUPED, RATE_LIMITED
    }

    private final long warmUpEndsNanos;
    private final List<CompiledRule> rules;
    private final long groupWindowNanos;
    private final int perService;
    private final long perNanos;
    private final LongSupplier clock;
    private final Map<String, Long> openGroups = new HashMap<>();
    private final Map<String, ArrayDeque<Long>> sentTimes = new HashMap<>();

    AlertPolicy(AlertsConfig config, LongSupplier clock) {
        this.clock = clock;
        this.warmUpEndsNanos = clock.getAsLong() + config.warmUp().toNanos();
        this.rules = config.suppress().stream().map(CompiledRule::new).toList();
        this.groupWindowNanos = config.grouping().window().toNanos();
        this.perService = config.rateLimit().perService();
        this.perNanos = config.rateLimit().per().toNanos();
    }

    synchronized Decision decide(Alert alert) {
        long now = clock.getAsLong();
        if (now - warmUpEndsNanos < 0) {
            return Decision.WARMUP;
        }
        for (CompiledRule r : rules) {
            if (r.matches(alert)) {
                return Decision.SUPPRESSED;
            }
        }
        if (grouped(alert, now)) {
            return Decision.GROUPED;
        }
        if (limited(alert.service(), now)) {
            return Decision.RATE_LIMITED;
        }
        return Decision.SEND;
    }

    private boolean grouped(Alert alert, long now) {
        if (groupWindowNanos <= 0) {
            return false;
        }
        expireGroups(now);
        String key = alert.service() + '\u0000' + alert.topText().replaceAll("\\d+", "#");
        Long until = openGroups.get(key);
        if (until != null && until - now > 0) {
            return true;
        }
        openGroups.put(key, now + groupWindowNanos);
        return false;
    }

    private void expireGroups(long now) {
        if (openGroups.size() < 10_000) {
            return;
        }
        for (Iterator<Long> it = openGroups.values().iterator(); it.hasNext();) {
            if (it.next() - now <= 0) {
                it.remove();
            }
        }
    }

    private boolean limited(String service, long now) {
        if (perService <= 0) {
            return false;
        }
        ArrayDeque<Long> times = sentTimes.computeIfAbsent(service, s -> new ArrayDeque<>());
        while (!times.isEmpty() && now - times.peekFirst() >= perNanos) {
            times.pollFirst();
        }
        if (times.size() >= perService) {
            return true;
        }
        times.addLast(now);
        return false;
    }

    private static final class CompiledRule {
        private final Pattern service;
        private final Pattern host;
        private final Pattern message;
        private final Pattern key;

        CompiledRule(SuppressRule r) {
            service = compile(r.service());
            host = compile(r.host());
            message = compile(r.message());
            key = compile(r.key());
        }

        private static Pattern compile(String regex) {
            return regex == null ? null : Pattern.compile(regex);
        }

        boolean matches(Alert a) {
            return full(service, a.service()) && full(host, a.host()) && full(key, a.sessionKey())
                && (message == null || a.messages().stream().anyMatch(m -> m.text() != null
                && message.matcher(m.text()).find()));
        }

        private static boolean full(Pattern p, String value) {
            return p == null || value != null && p.matcher(value).matches();
        }
    }
}
