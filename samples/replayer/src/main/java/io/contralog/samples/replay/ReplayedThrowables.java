package io.contralog.samples.replay;

/**
 * Rebuilds a parsed error as a {@link Throwable} for Log4j2, which takes only real throwables. Where the original
 * class is on the class path with a message constructor (the JDK's own exceptions, for example) it is used, so the
 * class name survives; otherwise a {@link ReplayedThrowable} stands in and prints the original class name.
 */
final class ReplayedThrowables {

    private ReplayedThrowables() {
    }

    static Throwable of(ParsedError error) {
        if (error == null) {
            return null;
        }
        Throwable cause = of(error.cause());
        Throwable t = instantiate(error, cause);
        t.setStackTrace(error.frames().toArray(new StackTraceElement[0]));
        return t;
    }

    private static Throwable instantiate(ParsedError error, Throwable cause) {
        try {
            Class<?> type = Class.forName(error.className(), false, ReplayedThrowables.class.getClassLoader());
            if (Throwable.class.isAssignableFrom(type)) {
                Throwable t = (Throwable) type.getConstructor(String.class).newInstance(error.message());
                if (cause != null) {
                    t.initCause(cause);
                }
                return t;
            }
        } catch (ReflectiveOperationException | LinkageError | IllegalStateException | IllegalArgumentException e) {
            // Not loadable here, or not built from a message alone: the stand-in keeps the name in its text.
        }
        return new ReplayedThrowable(error.className(), error.message(), cause);
    }

    /** Stands in for an error whose class is not on the replayer's class path. */
    static final class ReplayedThrowable extends Exception {

        private static final long serialVersionUID = 1L;

        private final String originalClass;

        ReplayedThrowable(String originalClass, String message, Throwable cause) {
            super(message, cause);
            this.originalClass = originalClass;
        }

        /** The class name the log printed. */
        String originalClass() {
            return originalClass;
        }

        @Override
        public String toString() {
            return getMessage() == null ? originalClass : originalClass + ": " + getMessage();
        }
    }
}
