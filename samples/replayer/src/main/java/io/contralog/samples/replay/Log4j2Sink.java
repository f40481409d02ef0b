package io.contralog.samples.replay;

import java.net.URISyntaxException;
import java.net.URL;
import java.util.Map;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.config.Configuration;
import org.apache.logging.log4j.core.config.Configurator;
import org.apache.logging.log4j.core.impl.Log4jLogEvent;
import org.apache.logging.log4j.core.time.MutableInstant;
import org.apache.logging.log4j.message.SimpleMessage;
import org.apache.logging.log4j.util.SortedArrayStringMap;

/**
 * Replays into a Log4j2 context configured from the given file. Events are built with their original instant and
 * handed to the logger's configuration, which passes them to its appenders as a live log call would.
 */
final class Log4j2Sink implements ReplaySink {

    private final LoggerContext context;
    private final Configuration configuration;

    Log4j2Sink(URL config) {
        try {
            this.context = Configurator.initialize("contralog-replay", Log4j2Sink.class.getClassLoader(),
                config.toURI());
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("cannot read the Log4j2 configuration " + config, e);
        }
        if (context == null || context.getConfiguration().getAppenders().isEmpty()) {
            throw new IllegalArgumentException("the Log4j2 configuration " + config
                + " defines no appender (see the errors above)");
        }
        this.configuration = context.getConfiguration();
    }

    @Override
    public void replay(LogLine line, Map<String, String> ctx) {
        MutableInstant instant = new MutableInstant();
        instant.initFromEpochSecond(line.timestamp().getEpochSecond(), line.timestamp().getNano());
        Log4jLogEvent event = Log4jLogEvent.newBuilder()
            .setLoggerName(line.logger())
            .setLoggerFqcn(Log4j2Sink.class.getName())
            .setLevel(Level.toLevel(line.level(), Level.INFO))
            .setMessage(new SimpleMessage(line.message()))
            .setThreadName(line.thread())
            .setInstant(instant)
            .setContextData(new SortedArrayStringMap(ctx))
            .setThrown(ReplayedThrowables.of(ParsedError.parse(line.errorLines())))
            .build();
        configuration.getLoggerConfig(line.logger()).log(event);
    }

    @Override
    public void close() {
        Configurator.shutdown(context);
    }
}
