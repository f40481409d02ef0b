package io.contralog.samples.replay;

/**
 * Rebuilds a parsed error as a {@link Throwable} for Log4j2, which takes only real throwables. Where the original
 * class is on the class path with a message constructor (the JDK's own exceptions, for example) it is used;
 * otherwise a class of that name is defined on the fly, so the class name survives either way. Only a
 * {@code java.*} class missing from this JDK falls back to a {@link ReplayedThrowable} that prints the name.
 */
final class ReplayedThrowables {

    private static final ExceptionClasses GENERATED = new ExceptionClasses();

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
        Throwable t = create(existing(error.className()), error.message());
        if (t == null) {
            t = create(GENERATED.define(error.className()), error.message());
        }
        if (t == null) {
            return new ReplayedThrowable(error.className(), error.message(), cause);
        }
        if (cause != null) {
            try {
                t.initCause(cause);
            } catch (IllegalStateException | IllegalArgumentException e) {
                return new ReplayedThrowable(error.className(), error.message(), cause);
            }
        }
        return t;
    }

    private static Class<?> existing(String name) {
        try {
            return Class.forName(name, false, ReplayedThrowables.class.getClassLoader());
        } catch (ClassNotFoundException | LinkageError e) {
            return null;
        }
    }

    private static Throwable create(Class<?> type, String message) {
        if (type == null || !Throwable.class.isAssignableFrom(type)) {
            return null;
        }
        try {
            return (Throwable) type.getConstructor(String.class).newInstance(message);
        } catch (ReflectiveOperationException | LinkageError | RuntimeException e) {
            return null;
        }
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
