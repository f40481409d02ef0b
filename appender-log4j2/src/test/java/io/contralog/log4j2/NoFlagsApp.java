package io.contralog.log4j2;

import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.status.StatusConsoleListener;
import org.apache.logging.log4j.status.StatusLogger;

import java.net.URISyntaxException;

/** An application started without Chronicle's JVM flags, for {@link MissingJvmFlagsTest}. */
public final class NoFlagsApp {

    private NoFlagsApp() {
    }

    public static void main(String[] args) throws URISyntaxException {
        System.setProperty("contralog.queueDir", args[0]);
        StatusLogger.getLogger().registerListener(new StatusConsoleListener(Level.WARN, System.out));
        LoggerContext ctx = new LoggerContext("no-flags", null,
            NoFlagsApp.class.getResource("/contralog-log4j2.xml").toURI());
        ctx.start();
        for (int i = 0; i < 3; i++) {
            ctx.getLogger("app").info("event {}", i);
        }
        ContraLogAppender appender = ctx.getConfiguration().getAppender("queue");
        System.out.println("stats " + appender.getStats());
        ctx.stop();
        System.out.println("application finished");
    }
}
