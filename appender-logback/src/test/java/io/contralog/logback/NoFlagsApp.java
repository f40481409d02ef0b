package io.contralog.logback;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.joran.JoranConfigurator;
import ch.qos.logback.core.joran.spi.JoranException;
import ch.qos.logback.core.status.Status;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** An application started without Chronicle's JVM flags, for {@link MissingJvmFlagsTest}. */
public final class NoFlagsApp {

    private NoFlagsApp() {
    }

    public static void main(String[] args) throws JoranException {
        System.setProperty("contralog.queueDir", args[0]);
        LoggerContext ctx = (LoggerContext) LoggerFactory.getILoggerFactory();
        ctx.reset();
        JoranConfigurator configurator = new JoranConfigurator();
        configurator.setContext(ctx);
        configurator.doConfigure(NoFlagsApp.class.getResource("/contralog-logback.xml"));
        for (int i = 0; i < 3; i++) {
            ctx.getLogger("app").info("event {}", i);
        }
        ContraLogAppender appender = (ContraLogAppender) ctx.getLogger(Logger.ROOT_LOGGER_NAME).getAppender("queue");
        System.out.println("stats " + appender.getStats());
        for (Status status : ctx.getStatusManager().getCopyOfStatusList()) {
            System.out.println("status " + status.getMessage());
        }
        ctx.stop();
        System.out.println("application finished");
    }
}
