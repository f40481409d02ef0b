package io.contralog.agent.cli;

import io.contralog.core.ChronicleSupport;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** Entry point of the agent jar: tails the queue, scores sequences and alerts, plus tools around it. */
@Command(name = "contralog-agent", mixinStandardHelpOptions = true,
    subcommands = {RunCommand.class, CheckConfigCommand.class, DumpQueueCommand.class},
    description = "Tail a ContraLog queue, score sequences with a model bundle and send alerts.")
public final class AgentMain {

    private AgentMain() {
    }

    /** Runs the command line and exits with its code: 0 success, 1 runtime failure, 2 bad usage or config. */
    public static void main(String[] args) {
        ChronicleSupport.disableAnalytics();
        System.exit(new CommandLine(new AgentMain()).execute(args));
    }
}
