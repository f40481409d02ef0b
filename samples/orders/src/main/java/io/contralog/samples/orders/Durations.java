package io.contralog.samples.orders;

import java.time.Duration;
import picocli.CommandLine.ITypeConverter;

/** Picocli converter for durations written like {@code 500ms}, {@code 2s}, {@code 5m} or {@code 1h}. */
public final class Durations implements ITypeConverter<Duration> {

    @Override
    public Duration convert(String value) {
        return parse(value);
    }

    /** Returns the duration, or throws naming the accepted forms. */
    public static Duration parse(String value) {
        return io.contralog.core.util.Durations.parse(value);
    }

    /** Formats a duration in the same units, for messages. */
    public static String format(Duration d) {
        return io.contralog.core.util.Durations.format(d);
    }
}
