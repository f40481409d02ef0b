package io.contralog.core;

import java.lang.management.ManagementFactory;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;

/**
 * Prepares the JVM for Chronicle Queue: switches its analytics off and names the JVM flags it still needs.
 *
 * <p>Implementation note: both methods avoid touching any Chronicle class, because Chronicle reads its
 * system properties in static initialisers; {@link #disableAnalytics()} must therefore run before the first
 * queue is built, which every queue class of this module guarantees.
 */
public final class ChronicleSupport {

    private static final String[] QUIET_PROPERTIES = {
        "chronicle.analytics.disable", "chronicle.announcer.disable", "chronicle.disk.monitor.disable",
    };

    private ChronicleSupport() {
    }

    /** Sets the system properties that keep Chronicle from sending analytics or writing to the home folder. */
    public static void disableAnalytics() {
        for (String name : QUIET_PROPERTIES) {
            if (System.getProperty(name) == null) {
                System.setProperty(name, "true");
            }
        }
        // JNA, which Chronicle loads for native calls, otherwise unpacks its library under ~/.cache.
        if (System.getProperty("jna.tmpdir") == null && System.getProperty("java.io.tmpdir") != null) {
            System.setProperty("jna.tmpdir", System.getProperty("java.io.tmpdir"));
        }
    }

    /**
     * Returns the JVM flags Chronicle Queue needs on the running Java version that this JVM was not started with.
     *
     * @return the exact flags to add to the java command line, empty when nothing is missing
     */
    public static List<String> missingJvmFlags() {
        return missingJvmFlags(Runtime.version().feature(), ChronicleSupport.class.getModule(), inputArguments());
    }

    /** Formats the missing flags as one status line, or returns null when none are missing. */
    public static String missingJvmFlagsMessage() {
        List<String> missing = missingJvmFlags();
        if (missing.isEmpty()) {
            return null;
        }
        return "Chronicle Queue cannot run in this JVM: add these flags to the java command line: "
            + String.join(" ", missing);
    }

    static List<String> missingJvmFlags(int javaVersion, Module self, List<String> jvmArguments) {
        Module base = Object.class.getModule();
        List<String> missing = new ArrayList<>();
        if (!base.isExported("jdk.internal.ref", self)) {
            missing.add("--add-exports=java.base/jdk.internal.ref=ALL-UNNAMED");
        }
        addIfNotOpen(missing, base, "java.lang.reflect", self);
        addIfNotOpen(missing, base, "sun.nio.ch", self);
        if (javaVersion >= 22 && !nativeAccessEnabled(self)) {
            missing.add("--enable-native-access=ALL-UNNAMED");
        }
        if (javaVersion >= 24 && !jvmArguments.contains("--sun-misc-unsafe-memory-access=allow")) {
            missing.add("--sun-misc-unsafe-memory-access=allow");
        }
        return List.copyOf(missing);
    }

    private static void addIfNotOpen(List<String> missing, Module base, String pkg, Module self) {
        if (!base.isOpen(pkg, self)) {
            missing.add("--add-opens=java.base/" + pkg + "=ALL-UNNAMED");
        }
    }

    private static boolean nativeAccessEnabled(Module self) {
        try {
            Method method = Module.class.getMethod("isNativeAccessEnabled");
            return (Boolean) method.invoke(self);
        } catch (ReflectiveOperationException | RuntimeException e) {
            // Before Java 22 the question does not exist, so nothing can be missing.
            return true;
        }
    }

    private static List<String> inputArguments() {
        try {
            return ManagementFactory.getRuntimeMXBean().getInputArguments();
        } catch (RuntimeException | LinkageError e) {
            return List.of();
        }
    }
}
