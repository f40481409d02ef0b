package io.contralog.agent.cli;

import io.contralog.agent.config.AgentConfig;
import io.contralog.agent.config.ConfigException;
import io.contralog.agent.config.ConfigLoader;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.concurrent.Callable;

/** Validates an agent config file, and the bundles it names, without starting anything. */
@Command(name = "check-config", mixinStandardHelpOptions = true,
    description = "Validate the agent's YAML config and the model bundles it names; exit 2 when it is unusable.")
public final class CheckConfigCommand implements Callable<Integer> {

    @Option(names = "--config", required = true, paramLabel = "FILE", description = "the agent's YAML config")
    private Path config;

    private final PrintStream out;
    private final PrintStream err;

    /** Prints to the process's standard streams. */
    public CheckConfigCommand() {
        this(System.out, System.err);
    }

    CheckConfigCommand(PrintStream out, PrintStream err) {
        this.out = out;
        this.err = err;
    }

    @Override
    public Integer call() {
        try {
            AgentConfig c = ConfigLoader.withSystemEnv().load(config);
            ModelCheck.check(c);
            out.println("config OK: " + config);
            out.println("  queue " + c.queue().dir() + " (tailer " + c.queue().tailer() + ")");
            out.println("  model " + c.model().dir() + (c.model().services().isEmpty() ? ""
                : " plus per-service models for " + c.model().services().keySet()));
            out.println("  state " + c.state().dir());
            out.println("  http  " + (c.http().enabled() ? c.http().bind() + ":" + c.http().port() : "off"));
            out.println("  alert destinations: " + c.alerts().webhooks().size());
            return 0;
        } catch (ConfigException e) {
            err.println("error: " + e.getMessage());
            return 2;
        }
    }
}
