package io.contralog.trainer.read;

import java.nio.file.Path;

/** Opens the appenders' queue for reading. */
final class QueueReaders {

    private QueueReaders() {
    }

    static LogReader open(Path dir, ReadOptions options) {
        throw new LogReadException("--format queue: reading a queue folder (" + dir + ") is not available in this "
            + "build; export it with 'contralog-agent dump-queue' and read the JSON lines with --format jsonl");
    }
}
