package io.contralog.core.event;

import java.util.Map;
import java.util.Objects;

/**
 * One log event as it travels on the queue (contract 1), and as every reader of historical logs produces it.
 *
 * <p>Field names match the record's keys on the queue and in {@code dump-queue}'s JSON lines: {@code v},
 * {@code ts}, {@code level}, {@code logger}, {@code thread}, {@code msg}, {@code truncated}, {@code error},
 * {@code ctx}, {@code service}, {@code host}, {@code pid}, {@code seq}. Optional text fields may be null;
 * {@code ctx} is never null.
 *
 * @param v         schema version of the record that was read
 * @param ts        time of the logging event in epoch nanoseconds (not the time of the write)
 * @param level     level name such as {@code INFO}
 * @param logger    full logger name
 * @param thread    name of the logging thread
 * @param msg       the formatted message, possibly truncated
 * @param truncated whether {@code msg} (or the error) was cut to the configured size
 * @param error     the attached throwable, or null
 * @param ctx       MDC / ThreadContext entries captured on the calling thread
 * @param service   name of the service that logged the event
 * @param host      host name of the writer
 * @param pid       process id of the writer, or -1 where unknown
 * @param seq       per-writer sequence number, so that a reader can count gaps; -1 where unknown
 */
public record LogEvent(int v, long ts, String level, String logger, String thread, String msg, boolean truncated,
                       ErrorInfo error, Map<String, String> ctx, String service, String host, long pid, long seq) {

    /** The schema version this code writes. Readers accept newer versions and ignore fields they do not know. */
    public static final int SCHEMA_VERSION = 1;

    /** Normalises the optional context map to an unmodifiable, never-null map. */
    public LogEvent {
        ctx = ctx == null ? Map.of() : Map.copyOf(ctx);
    }

    /** Starts a builder for the current schema version; useful for readers of historical logs and tests. */
    public static Builder builder() {
        return new Builder();
    }

    /** Builds a {@link LogEvent} field by field; unset fields take neutral defaults. */
    public static final class Builder {
        private int v = SCHEMA_VERSION;
        private long ts;
        private String level = "INFO";
        private String logger = "";
        private String thread = "";
        private String msg = "";
        private boolean truncated;
        private ErrorInfo error;
        private Map<String, String> ctx = Map.of();
        private String service = "";
        private String host = "";
        private long pid = -1;
        private long seq = -1;

        /** Sets the schema version; readers use it to report the version a record was written with. */
        public Builder v(int version) {
            this.v = version;
            return this;
        }

        public Builder ts(long epochNanos) {
            this.ts = epochNanos;
            return this;
        }

        public Builder level(String level) {
            this.level = level;
            return this;
        }

        public Builder logger(String logger) {
            this.logger = logger;
            return this;
        }

        public Builder thread(String thread) {
            this.thread = thread;
            return this;
        }

        public Builder msg(String msg) {
            this.msg = msg;
            return this;
        }

        public Builder truncated(boolean truncated) {
            this.truncated = truncated;
            return this;
        }

        public Builder error(ErrorInfo error) {
            this.error = error;
            return this;
        }

        public Builder ctx(Map<String, String> ctx) {
            this.ctx = Objects.requireNonNullElse(ctx, Map.of());
            return this;
        }

        public Builder service(String service) {
            this.service = service;
            return this;
        }

        public Builder host(String host) {
            this.host = host;
            return this;
        }

        public Builder pid(long pid) {
            this.pid = pid;
            return this;
        }

        public Builder seq(long seq) {
            this.seq = seq;
            return this;
        }

        public LogEvent build() {
            return new LogEvent(v, ts, level, logger, thread, msg, truncated, error, ctx, service, host,
                pid, seq);
        }
    }
}
