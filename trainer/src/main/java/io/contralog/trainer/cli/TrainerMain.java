package io.contralog.trainer.cli;

import io.contralog.core.ChronicleSupport;
import io.contralog.trainer.train.DjlRuntime;
import io.contralog.trainer.train.TrainPipeline;
import picocli.CommandLine;
import picocli.CommandLine.Command;

import java.io.PrintWriter;

/**
 * The trainer's command line: {@code train} builds a model bundle from logs; further subcommands evaluate and
 * benchmark it. Exit codes: 0 success, 1 runtime failure, 2 bad usage or input.
 */
@Command(name = "contralog-trainer", mixinStandardHelpOptions = true, versionProvider = TrainerMain.Version.class,
    description = "Trains and evaluates ContraLog log anomaly models.",
    subcommands = {TrainCommand.class, EvaluateCommand.class, BenchmarkCommand.class, ScoreCommand.class,
        CommandLine.HelpCommand.class})
public final class TrainerMain implements Runnable {

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    /** Runs the command line and exits with its code. */
    public static void main(String[] args) {
        System.exit(run(args));
    }

    /** Runs the command line and returns its exit code (for tests and embedding). */
    public static int run(String... args) {
        ChronicleSupport.disableAnalytics();
        DjlRuntime.offline();
        CommandLine cli = new CommandLine(new TrainerMain());
        cli.setExecutionExceptionHandler(TrainerMain::handle);
        return cli.execute(args);
    }

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "name a subcommand, for example: train");
    }

    private static int handle(Exception e, CommandLine cli, CommandLine.ParseResult parsed) {
        PrintWriter err = cli.getErr();
        err.println("error: " + e.getMessage());
        err.flush();
        return e instanceof IllegalArgumentException || e instanceof io.contralog.trainer.read.LogReadException
            ? CommandLine.ExitCode.USAGE : CommandLine.ExitCode.SOFTWARE;
    }

    /** The version from the jar manifest. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"contralog-trainer " + TrainPipeline.trainerVersion()};
        }
    }
}
