package io.contralog.it;

import io.contralog.core.event.ErrorInfo;
import io.contralog.core.event.LogEvent;
import io.contralog.trainer.testing.RequestFlowLogs;
import java.util.ArrayList;
import java.util.List;

/**
 * An application that logs the web-shop request flows the shared tiny model was trained on through a real
 * Logback or Log4j2 logger, with one request in the middle failing with an error never seen in training. It
 * prints that request's id, so a test can look for the alert about it. Run as its own JVM.
 */
public final class FlowApp {

    /** Printed before the anomalous request's id. */
    static final String ANOMALY_PREFIX = "anomalous request ";

    private FlowApp() {
    }

    /** Arguments: {@code logback|log4j2}, the number of normal requests, the seed. */
    public static void main(String[] args) {
        Emitter emitter = "log4j2".equals(args[0]) ? new Log4j2Emitter() : new LogbackEmitter();
        RequestFlowLogs flows = new RequestFlowLogs(Long.parseLong(args[2]));
        List<LogEvent> normal = flows.normal(Integer.parseInt(args[1]));
        List<LogEvent> anomaly = flows.unseenError();
        System.out.println(ANOMALY_PREFIX + anomaly.get(0).ctx().get(RequestFlowLogs.KEY));

        List<LogEvent> all = new ArrayList<>(normal.subList(0, normal.size() / 2));
        all.addAll(anomaly);
        all.addAll(normal.subList(normal.size() / 2, normal.size()));
        for (LogEvent event : all) {
            Thread.currentThread().setName(event.thread());
            emitter.log(event, throwable(event.error()));
        }
        emitter.close();
        System.out.println("logged " + all.size() + " events");
    }

    /** A real throwable of the event's error class where the class is loadable, as the application threw it. */
    static Throwable throwable(ErrorInfo error) {
        if (error == null) {
            return null;
        }
        Throwable cause = throwable(error.cause());
        Throwable t;
        try {
            t = (Throwable) Class.forName(error.className()).getConstructor(String.class).newInstance(error.message());
        } catch (ReflectiveOperationException | ClassCastException e) {
            t = new IllegalStateException(error.message());
        }
        if (cause != null) {
            t.initCause(cause);
        }
        return t;
    }

    /** One logging framework. */
    interface Emitter {
        void log(LogEvent event, Throwable error);

        void close();
    }

    private static final class LogbackEmitter implements Emitter {
        @Override
        public void log(LogEvent e, Throwable error) {
            org.slf4j.Logger logger = org.slf4j.LoggerFactory.getLogger(e.logger());
            org.slf4j.MDC.setContextMap(e.ctx());
            logger.atLevel(org.slf4j.event.Level.valueOf(e.level())).setCause(error).log(e.msg());
            org.slf4j.MDC.clear();
        }

        @Override
        public void close() {
            ((ch.qos.logback.classic.LoggerContext) org.slf4j.LoggerFactory.getILoggerFactory()).stop();
        }
    }

    private static final class Log4j2Emitter implements Emitter {
        @Override
        public void log(LogEvent e, Throwable error) {
            org.apache.logging.log4j.Logger logger = org.apache.logging.log4j.LogManager.getLogger(e.logger());
            org.apache.logging.log4j.ThreadContext.putAll(e.ctx());
            logger.log(org.apache.logging.log4j.Level.valueOf(e.level()), e.msg(), error);
            org.apache.logging.log4j.ThreadContext.clearMap();
        }

        @Override
        public void close() {
            org.apache.logging.log4j.LogManager.shutdown();
        }
    }
}
