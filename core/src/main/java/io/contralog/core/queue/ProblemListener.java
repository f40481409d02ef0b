package io.contralog.core.queue;

/** Receives the writer's rate-limited problem reports; appenders forward them to their status channel. */
@FunctionalInterface
public interface ProblemListener {

    /** Prints reports to standard error, for tools and tests that have no status channel. */
    ProblemListener STDERR = (problem, message, cause) ->
        System.err.println("contralog queue " + problem + ": " + message + (cause == null ? "" : " (" + cause + ")"));

    /** Ignores every report; the counters still record what happened. */
    ProblemListener IGNORE = (problem, message, cause) -> { };

    /**
     * Called at most once per report interval for each problem kind; must not block for long.
     *
     * @param problem what went wrong
     * @param message one line a person can act on, including how many similar problems were not reported
     * @param cause   the underlying exception, or null
     */
    void onProblem(QueueProblem problem, String message, Throwable cause);
}
