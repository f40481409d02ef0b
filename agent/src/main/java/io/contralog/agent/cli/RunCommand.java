package io.contralog.agent.cli;

import io.contralog.agent.Agent;
import io.contralog.agent.config.AgentConfig;
import io.contralog.agent.config.ConfigException;
import io.contralog.agent.config.ConfigLoader;
import io.contralog.core.ChronicleSupport;
import io.contralog.model.bundle.BundleException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;

/** Runs the agent until it is stopped (SIGTERM or Ctrl-C finish the current batch and checkpoint). */
@Command(name = "run", mixinStandardHelpOptions = true,
    description = "Tail the queue, score sequences and send alerts, as the config says.")
public final class RunCommand implements Callable<Integer> {

    private static final Logger LOG = LoggerFactory.getLogger(RunCommand.class);

    @Option(names = "--config", required = true, paramLabel = "FILE", description = "the agent's YAML config")
    private Path config;

    @Override
    public Integer call() throws InterruptedException {
        AgentConfig c;
        try {
            c = ConfigLoader.withSystemEnv().load(config);
        } catch (ConfigException e) {
            System.err.println("error: " + e.getMessage());
            return 2;
        }
        String flags = ChronicleSupport.missingJvmFlagsMessage();
        if (flags != null) {
            System.err.println("error: " + flags);
            return 2;
        }
        Agent agent;
        try {
            agent = new Agent(c);
        } catch (BundleException e) {
            System.err.println("error: " + config + ": key 'model.dir' (or model.services): " + e.getMessage());
            return 2;
        } catch (Exception e) {
            System.err.println("error: the agent cannot start: " + e.getMessage());
            return 1;
        }
        Runtime.getRuntime().addShutdownHook(new Thread(agent::close, "contralog-shutdown"));
        try {
            agent.start();
            agent.finished().get();
            return 0;
        } catch (ExecutionException e) {
            LOG.error("The agent stopped on an error: {}", e.getCause().toString());
            return 1;
        } catch (Exception e) {
            LOG.error("The agent cannot start: {}", e.toString());
            agent.close();
            return 1;
        }
    }
}
