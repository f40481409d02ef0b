package io.contralog.model.session;

import io.contralog.core.event.LogEvent;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Extracts the session key of an event as a {@link SessionSpec} defines it; events without a key get "". */
public final class SessionKeys {

    private final Pattern regex;
    private final String contextField;

    /** Keys as {@code spec} says. */
    public SessionKeys(SessionSpec spec) {
        this.regex = spec.keyRegex() == null ? null : Pattern.compile(spec.keyRegex());
        this.contextField = spec.contextField();
    }

    /** The key of {@code event}, or the empty string when it has none. */
    public String keyOf(LogEvent event) {
        if (regex != null) {
            if (event.msg() == null) {
                return "";
            }
            Matcher m = regex.matcher(event.msg());
            if (!m.find()) {
                return "";
            }
            String key = m.groupCount() >= 1 ? m.group(1) : m.group();
            return key == null ? "" : key;
        }
        if (contextField != null) {
            String key = event.ctx().get(contextField);
            return key == null ? "" : key;
        }
        return "";
    }
}
