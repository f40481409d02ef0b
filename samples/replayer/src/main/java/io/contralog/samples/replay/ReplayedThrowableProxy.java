package io.contralog.samples.replay;

import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.classic.spi.StackTraceElementProxy;

/** A parsed error shown to Logback as a throwable proxy, so the original class names survive the replay. */
final class ReplayedThrowableProxy implements IThrowableProxy {

    private static final IThrowableProxy[] NONE = new IThrowableProxy[0];

    private final ParsedError error;
    private final StackTraceElementProxy[] frames;
    private final IThrowableProxy cause;

    ReplayedThrowableProxy(ParsedError error) {
        this.error = error;
        this.frames = error.frames().stream().map(StackTraceElementProxy::new).toArray(StackTraceElementProxy[]::new);
        this.cause = error.cause() == null ? null : new ReplayedThrowableProxy(error.cause());
    }

    @Override
    public String getMessage() {
        return error.message();
    }

    @Override
    public String getClassName() {
        return error.className();
    }

    @Override
    public StackTraceElementProxy[] getStackTraceElementProxyArray() {
        return frames;
    }

    @Override
    public int getCommonFrames() {
        return error.commonFrames();
    }

    @Override
    public IThrowableProxy getCause() {
        return cause;
    }

    @Override
    public IThrowableProxy[] getSuppressed() {
        return NONE;
    }

    @Override
    public boolean isCyclic() {
        return false;
    }
}
