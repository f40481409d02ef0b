package io.contralog.agent.alert;

import io.contralog.agent.config.AlertsConfig.RedactRule;

import java.util.List;
import java.util.regex.Pattern;

/** Masks secrets and personal data in text before it leaves the host, by the configured regexes in order. */
public final class Redactor {

    private final List<Pattern> patterns;
    private final List<String> replacements;

    /** Compiles the rules; they were validated with the config. */
    public Redactor(List<RedactRule> rules) {
        this.patterns = rules.stream().map(r -> Pattern.compile(r.pattern())).toList();
        this.replacements = rules.stream().map(RedactRule::replacement).toList();
    }

    /** Returns the text with every rule applied, or null for null. */
    public String apply(String text) {
        if (text == null) {
            return null;
        }
        String out = text;
        for (int i = 0; i < patterns.size(); i++) {
            out = patterns.get(i).matcher(out).replaceAll(replacements.get(i));
        }
        return out;
    }

    /** Returns the alert with every free text masked. */
    public Alert apply(Alert alert) {
        return patterns.isEmpty() ? alert : alert.mapTexts(this::apply);
    }
}
