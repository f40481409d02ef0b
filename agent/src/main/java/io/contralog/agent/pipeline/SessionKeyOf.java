package io.contralog.agent.pipeline;

import io.contralog.core.event.LogEvent;
import io.contralog.model.session.SessionSpec;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The session key of an event under a {@link SessionSpec}, as the spec documents it: the first group of the key
 * regex (or its whole match), or the context field, or {@code ""}. The agent needs it before a session closes,
 * to say in its checkpoint which events belong to sessions still open; a test holds it equal to the key of
 * every sequence the sessionizer closes.
 */
final class SessionKeyOf {

    private final Pattern regex;
    private final String field;

    SessionKeyOf(SessionSpec spec) {
        this.regex = spec.keyRegex() == null ? null : Pattern.compile(spec.keyRegex());
        this.field = spec.contextField();
    }

    String keyOf(LogEvent event) {
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
        if (field != null) {
            String key = event.ctx().get(field);
            return key == null ? "" : key;
        }
        return "";
    }
}
