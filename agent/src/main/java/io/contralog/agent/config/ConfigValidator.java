package io.contralog.agent.config;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.CertificateException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/** Checks a bound configuration for values that bind but cannot work, naming the key and the fix. */
final class ConfigValidator {

    private ConfigValidator() {
    }

    static AgentConfig validate(AgentConfig c) {
        if (c.queue() == null || c.queue().dir() == null) {
            throw missing("queue.dir", "the folder the appenders write (their queueDir)");
        }
        Path queueParent = c.queue().dir().getParent();
        if (!Files.isDirectory(c.queue().dir()) && (queueParent == null || !Files.isDirectory(queueParent))) {
            throw new ConfigException("key 'queue.dir' names " + c.queue().dir()
                + ", which does not exist and neither does its parent; point it at the appenders' queueDir");
        }
        positive("queue.pollInterval", c.queue().pollInterval());
        validateModel(c.model());
        validateState(c.state());
        validateSession(c.session());
        validateScoring(c.scoring());
        if (c.http().port() < 0 || c.http().port() > 65535) {
            throw new ConfigException("key 'http.port' is " + c.http().port() + "; use 0..65535 (0 picks a free port)");
        }
        return new AgentConfig(c.queue(), c.model(), c.session(), c.scoring(), c.http(), c.state(),
            validateAlerts(c.alerts()));
    }

    private static void validateModel(ModelConfig model) {
        if (model == null || model.dir() == null) {
            throw missing("model.dir", "the folder of a bundle written by 'trainer train'");
        }
        bundleDir("model.dir", model.dir());
        for (Map.Entry<String, Path> e : model.services().entrySet()) {
            bundleDir("model.services." + e.getKey(), e.getValue());
        }
    }

    private static void bundleDir(String key, Path dir) {
        if (!Files.isDirectory(dir)) {
            throw new ConfigException("key '" + key + "' names " + dir
                + ", which is not a folder; point it at a bundle written by 'trainer train'");
        }
        Path manifest = dir.resolve("manifest.json");
        if (!Files.isReadable(dir) || !Files.isExecutable(dir)
                || Files.isRegularFile(manifest) && !Files.isReadable(manifest)) {
            throw new ConfigException("key '" + key + "' names " + dir + ", which the agent's user ("
                + System.getProperty("user.name") + ") may not read; give it read access, for example with"
                + " 'chmod -R a+rX " + dir + "'");
        }
        if (!Files.isRegularFile(manifest)) {
            throw new ConfigException("key '" + key + "' names " + dir
                + ", which has no manifest.json; point it at a complete bundle written by 'trainer train'");
        }
    }

    private static void validateState(StateConfig state) {
        if (state == null || state.dir() == null) {
            throw missing("state.dir", "a folder the agent may write for its checkpoint and alert spool");
        }
        Path dir = state.dir();
        Path existing = Files.isDirectory(dir) ? dir : dir.getParent();
        if (existing == null || !Files.isDirectory(existing)) {
            throw new ConfigException("key 'state.dir' names " + dir
                + ", whose parent folder does not exist; create it or choose another folder");
        }
        if (!Files.isWritable(existing)) {
            throw new ConfigException("key 'state.dir' names " + dir + ", but " + existing
                + " is not writable by this user; fix its permissions or choose another folder");
        }
    }

    private static void validateSession(SessionConfig s) {
        if (s.key() != null && s.field() != null) {
            throw new ConfigException("keys 'session.key' and 'session.field' are both set; keep one of them");
        }
        if (s.key() != null) {
            regex("session.key", s.key());
        }
        positive("session.window", s.window());
        positive("session.idleTimeout", s.idleTimeout());
        atLeast("session.windowEvents", s.windowEvents(), 0);
        atLeast("session.maxLength", s.maxLength(), 1);
        atLeast("session.maxOpen", s.maxOpen(), 1);
    }

    private static void validateScoring(ScoringConfig s) {
        atLeast("scoring.threads", s.threads(), 1);
        atLeast("scoring.batchSize", s.batchSize(), 1);
        atLeast("scoring.cacheSize", s.cacheSize(), 0);
        positive("scoring.batchDelay", s.batchDelay());
        if (s.threshold() != null && s.falseAlarmTarget() != null) {
            throw new ConfigException("keys 'scoring.threshold' and 'scoring.falseAlarmTarget' are both set; keep one");
        }
        if (s.threshold() != null && !(s.threshold() > 0)) {
            throw new ConfigException("key 'scoring.threshold' is " + s.threshold() + "; use a positive number");
        }
        if (s.falseAlarmTarget() != null && !(s.falseAlarmTarget() > 0 && s.falseAlarmTarget() < 1)) {
            throw new ConfigException("key 'scoring.falseAlarmTarget' is " + s.falseAlarmTarget()
                + "; use a fraction between 0 and 1, such as 0.001 for one false alarm per thousand sequences");
        }
    }

    private static AlertsConfig validateAlerts(AlertsConfig a) {
        List<WebhookConfig> named = new ArrayList<>();
        Set<String> names = new HashSet<>();
        for (int i = 0; i < a.webhooks().size(); i++) {
            WebhookConfig w = a.webhooks().get(i);
            String key = "alerts.webhooks[" + i + "]";
            if (w == null) {
                throw new ConfigException("key '" + key + "' is empty; give it at least a url");
            }
            String name = w.name() == null ? "webhook-" + i : w.name();
            if (!name.matches("[A-Za-z0-9_.-]+")) {
                throw new ConfigException("key '" + key + ".name' is '" + name
                    + "'; use letters, digits, '.', '_' and '-' only (it names a spool folder)");
            }
            if (!names.add(name)) {
                throw new ConfigException("key '" + key + ".name' repeats '" + name + "'; give each webhook its own");
            }
            validateWebhook(key, w);
            named.add(w.withName(name));
        }
        positive("alerts.retry.initialBackoff", a.retry().initialBackoff());
        positive("alerts.retry.maxBackoff", a.retry().maxBackoff());
        positive("alerts.retry.maxAge", a.retry().maxAge());
        positive("alerts.rateLimit.per", a.rateLimit().per());
        atLeast("alerts.rateLimit.perService", a.rateLimit().perService(), 0);
        atLeast("alerts.topMessages", a.topMessages(), 1);
        if (a.topMessages() > AlertsConfig.MAX_TOP_MESSAGES) {
            throw new ConfigException("key 'alerts.topMessages' is " + a.topMessages() + "; use 1 to "
                + AlertsConfig.MAX_TOP_MESSAGES + ", the most messages an alert body carries");
        }
        atLeast("alerts.recent", a.recent(), 0);
        if (a.spool().maxSize().bytes() < 1024) {
            throw new ConfigException("key 'alerts.spool.maxSize' is " + a.spool().maxSize()
                + "; use at least 1KiB, such as 100MiB");
        }
        for (int i = 0; i < a.suppress().size(); i++) {
            validateSuppress("alerts.suppress[" + i + "]", a.suppress().get(i));
        }
        for (int i = 0; i < a.redact().size(); i++) {
            AlertsConfig.RedactRule r = a.redact().get(i);
            if (r == null || r.pattern() == null) {
                throw missing("alerts.redact[" + i + "].pattern", "a regex whose matches are masked");
            }
            regex("alerts.redact[" + i + "].pattern", r.pattern());
        }
        return new AlertsConfig(named, a.warmUp(), a.topMessages(), a.recent(), a.retry(), a.spool(), a.grouping(),
            a.rateLimit(), a.suppress(), a.redact());
    }

    private static void validateWebhook(String key, WebhookConfig w) {
        if (w.url() == null) {
            throw missing(key + ".url", "the http or https URL that receives alerts");
        }
        String scheme = w.url().getScheme();
        if (!"http".equalsIgnoreCase(scheme) && !"https".equalsIgnoreCase(scheme) || w.url().getHost() == null) {
            throw new ConfigException("key '" + key + ".url' is '" + w.url()
                + "'; use an absolute http:// or https:// URL with a host");
        }
        if (w.url().getPort() != -1 && !validPort(w.url().getPort())) {
            throw new ConfigException("key '" + key + ".url' is '" + w.url() + "', whose port " + w.url().getPort()
                + " is out of range; use a port from 1 to 65535, or leave it out for the scheme's default "
                + "(80 for http, 443 for https)");
        }
        if (w.secret() != null) {
            secret(key + ".secret", w.secret());
        }
        positive(key + ".timeout", w.timeout());
        if (w.proxy() != null) {
            URI p = w.proxy();
            String ps = p.getScheme();
            if (ps == null || !ps.matches("(?i)http|socks5") || p.getHost() == null || p.getPort() < 0) {
                throw new ConfigException("key '" + key + ".proxy' is '" + p
                    + "'; write it as http://host:port or socks5://host:port");
            }
            if (!validPort(p.getPort())) {
                throw new ConfigException("key '" + key + ".proxy' is '" + p + "', whose port " + p.getPort()
                    + " is out of range; use the proxy's port, from 1 to 65535, such as http://proxy.internal:3128");
            }
        }
        if (w.caFile() != null) {
            caFile(key, w);
        }
    }

    private static boolean validPort(int port) {
        return port >= 1 && port <= 65535;
    }

    private static void caFile(String key, WebhookConfig w) {
        String caKey = key + ".caFile";
        if (!"https".equalsIgnoreCase(w.url().getScheme())) {
            throw new ConfigException("key '" + caKey + "' is set, but '" + key + ".url' is '" + w.url()
                + "'; a CA file only applies to https:// URLs, so remove caFile or switch the url to https://");
        }
        Path file = w.caFile();
        if (!Files.isRegularFile(file)) {
            throw new ConfigException("key '" + caKey + "' names " + file + ", which does not exist or is not a "
                + "file; point it at a PEM file holding the receiver's CA or self-signed certificate");
        }
        try {
            PemCertificates.read(file);
        } catch (IOException e) {
            throw new ConfigException("key '" + caKey + "' names " + file + ", which cannot be read ("
                + e.getMessage() + "); fix its permissions");
        } catch (CertificateException e) {
            throw new ConfigException("key '" + caKey + "' names " + file + ", which is not a PEM certificate file: "
                + e.getMessage() + "; export the certificate as PEM, for example with 'keytool -exportcert -rfc' "
                + "or 'openssl x509 -inform der -in ca.der -out ca.pem'");
        }
    }

    private static void secret(String key, String secret) {
        if (!secret.startsWith("whsec_")) {
            throw new ConfigException("key '" + key + "' must be a Standard Webhooks secret: 'whsec_' followed by "
                + "base64 of 24 to 64 random bytes, for example from 'openssl rand -base64 32'");
        }
        try {
            byte[] raw = Base64.getDecoder().decode(secret.substring("whsec_".length()));
            if (raw.length < 16) {
                throw new ConfigException("key '" + key + "' decodes to " + raw.length
                    + " bytes; use at least 24 random bytes");
            }
        } catch (IllegalArgumentException e) {
            throw new ConfigException("key '" + key + "' is not 'whsec_' followed by valid base64 ("
                + e.getMessage() + ")");
        }
    }

    private static void validateSuppress(String key, AlertsConfig.SuppressRule r) {
        if (r == null || r.service() == null && r.host() == null && r.message() == null && r.key() == null) {
            throw new ConfigException("key '" + key + "' matches every alert; give at least one of service, host, "
                + "message or key");
        }
        regexIfSet(key + ".service", r.service());
        regexIfSet(key + ".host", r.host());
        regexIfSet(key + ".message", r.message());
        regexIfSet(key + ".key", r.key());
    }

    private static void regexIfSet(String key, String regex) {
        if (regex != null) {
            regex(key, regex);
        }
    }

    private static void regex(String key, String regex) {
        try {
            Pattern.compile(regex);
        } catch (PatternSyntaxException e) {
            throw new ConfigException("key '" + key + "' is not a valid regex: " + e.getDescription()
                + " near index " + e.getIndex() + " of '" + regex + "'");
        }
    }

    private static void positive(String key, Duration d) {
        if (d != null && (d.isNegative() || d.isZero()) && !key.equals("alerts.warmUp")) {
            throw new ConfigException("key '" + key + "' must be longer than zero, such as 500ms, 2s or 5m");
        }
    }

    private static void atLeast(String key, Integer value, int min) {
        if (value != null && value < min) {
            throw new ConfigException("key '" + key + "' is " + value + "; use " + min + " or more");
        }
    }

    private static ConfigException missing(String key, String what) {
        return new ConfigException("key '" + key + "' is missing; set it to " + what);
    }
}
