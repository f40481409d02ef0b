package io.contralog.core.queue;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;

/** The host name and process id written into every event. */
final class HostInfo {

    static final String HOST = hostName();
    static final long PID = ProcessHandle.current().pid();

    private HostInfo() {
    }

    /** Prefers sources that never touch DNS, because a slow resolver must not stall an application's start. */
    private static String hostName() {
        String env = System.getenv("HOSTNAME");
        if (env != null && !env.isBlank()) {
            return env.trim();
        }
        try {
            String file = Files.readString(Path.of("/proc/sys/kernel/hostname")).trim();
            if (!file.isEmpty()) {
                return file;
            }
        } catch (IOException | RuntimeException e) {
            // Not Linux; fall through to the resolver.
        }
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (IOException | RuntimeException e) {
            return "unknown";
        }
    }
}
