package io.contralog.agent.http;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.contralog.core.event.ErrorInfo;
import io.contralog.core.event.LogEvent;
import io.contralog.model.text.CanonicalText;

import java.util.List;

/**
 * The body of {@code POST /api/v1/score}: one sequence, given either as events or as canonical text lines.
 *
 * @param service which service's model scores it; the default model when absent or unknown
 * @param events  events with {@code level}, {@code logger}, {@code msg} and an optional {@code error}
 * @param lines   canonical texts ({@code LEVEL Logger: message}), scored as they are
 */
@JsonIgnoreProperties(ignoreUnknown = false)
record ScoreRequest(String service, List<Event> events, List<String> lines) {

    /**
     * One posted event.
     *
     * @param level  level name
     * @param logger logger name (its short name is what the model reads)
     * @param msg    the message
     * @param error  an optional throwable
     */
    record Event(String level, String logger, String msg, Error error) {
    }

    /**
     * A posted throwable.
     *
     * @param className class name
     * @param message   its message
     * @param cause     its cause
     */
    record Error(@JsonProperty("class") String className, String message, Error cause) {

        ErrorInfo toInfo() {
            return new ErrorInfo(className, message, List.of(), cause == null ? null : cause.toInfo());
        }
    }

    /** The canonical texts to score, or throws with a message for the client. */
    List<String> texts() {
        if ((events == null) == (lines == null)) {
            throw new IllegalArgumentException("give exactly one of 'events' or 'lines'");
        }
        if (lines != null) {
            if (lines.isEmpty()) {
                throw new IllegalArgumentException("'lines' is empty");
            }
            return lines.stream().map(l -> l == null ? "" : l).toList();
        }
        if (events.isEmpty()) {
            throw new IllegalArgumentException("'events' is empty");
        }
        return events.stream().map(e -> CanonicalText.of(LogEvent.builder()
            .level(e.level() == null ? "INFO" : e.level())
            .logger(e.logger() == null ? "" : e.logger())
            .msg(e.msg() == null ? "" : e.msg())
            .error(e.error() == null ? null : e.error().toInfo())
            .service(service == null ? "" : service)
            .build())).toList();
    }
}
