package io.contralog.core.queue;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Collects the writer's problem reports so that tests can assert on what a person would have seen. */
final class RecordingListener implements ProblemListener {

    final List<String> reports = new CopyOnWriteArrayList<>();

    @Override
    public void onProblem(QueueProblem problem, String message, Throwable cause) {
        reports.add(problem + ": " + message);
    }

    long count(QueueProblem problem) {
        return reports.stream().filter(r -> r.startsWith(problem + ":")).count();
    }
}
