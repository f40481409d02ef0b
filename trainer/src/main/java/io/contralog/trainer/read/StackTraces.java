package io.contralog.trainer.read;

import io.contralog.core.event.ErrorInfo;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Parses the lines that follow a log line (a printed stack trace) into an {@link ErrorInfo} chain and the lines
 * that belong to the message itself.
 *
 * <p>Implementation notes: a line is the head of a throwable when it looks like {@code a.b.SomeName[: message]}
 * and the name ends like an exception, or a frame follows it; {@code Caused by:} starts the next link;
 * {@code Suppressed:} blocks are skipped by indentation, because the queue's shape has no place for them;
 * {@code ... N more} lines are dropped. A head with no frames followed by another head is message text (some
 * applications print exception texts as plain lines).
 */
public final class StackTraces {

    private static final Pattern HEAD = Pattern.compile(
        "^(?:Exception in thread \"[^\"]*\" )?((?:[a-zA-Z_$][\\w$]*\\.)+[a-zA-Z_$][\\w$]*)(?::\\s?(.*))?$");
    private static final Pattern FRAME = Pattern.compile("^\\s*at\\s+(\\S.*)$");
    private static final Pattern MORE = Pattern.compile("^\\s*\\.\\.\\. \\d+ (?:more|common frames omitted)\\s*$");
    private static final Pattern CAUSED = Pattern.compile("^\\s*Caused by:\\s*(.*)$");
    private static final Pattern SUPPRESSED = Pattern.compile("^\\s*Suppressed:\\s*(.*)$");
    private static final Pattern EXCEPTION_NAME = Pattern.compile(
        ".*(?:Exception|Error|Throwable|Failure|Fault)(?:\\$[\\w$]+)?$");

    private StackTraces() {
    }

    /**
     * The message lines and error found in a block of continuation lines.
     *
     * @param messageLines lines that continue the message (not part of a stack trace)
     * @param error        the parsed throwable chain, or null
     */
    public record Parsed(List<String> messageLines, ErrorInfo error) {
    }

    /** Parses {@code lines}, keeping at most {@code maxFrames} frames per throwable. */
    public static Parsed parse(List<String> lines, int maxFrames) {
        return new Walker(lines, maxFrames).walk();
    }

    /** Parses one throwable printed as text (a JSON layout's stack trace field), or returns null. */
    public static ErrorInfo parseText(String text, int maxFrames) {
        if (text == null || text.isBlank()) {
            return null;
        }
        return parse(List.of(text.split("\\r?\\n")), maxFrames).error();
    }

    /** Walks the lines once, keeping the state of the chain being built. */
    private static final class Walker {
        private final List<String> lines;
        private final int maxFrames;
        private final List<String> messageLines = new ArrayList<>();
        private final List<Link> chain = new ArrayList<>();
        private int suppressedIndent = -1;
        private boolean inHead;

        Walker(List<String> lines, int maxFrames) {
            this.lines = lines;
            this.maxFrames = maxFrames;
        }

        Parsed walk() {
            for (int i = 0; i < lines.size(); i++) {
                accept(i, lines.get(i));
            }
            return new Parsed(messageLines, toErrorInfo());
        }

        private void accept(int index, String line) {
            if (suppressedIndent >= 0) {
                if (indent(line) > suppressedIndent || line.isBlank()) {
                    return;
                }
                suppressedIndent = -1;
            }
            String text = line.strip();
            if (text.isEmpty()) {
                return;
            }
            if (!chain.isEmpty() && acceptTraceLine(line, text)) {
                return;
            }
            Matcher head = HEAD.matcher(text);
            if (head.matches() && isThrowableHead(head.group(1), index)) {
                startChain(head, line);
            } else if (inHead) {
                chain.get(chain.size() - 1).appendMessage(text);
            } else {
                messageLines.add(line);
            }
        }

        private boolean acceptTraceLine(String line, String text) {
            Matcher frame = FRAME.matcher(line);
            if (frame.matches()) {
                chain.get(chain.size() - 1).addFrame(frame.group(1), maxFrames);
                inHead = false;
                return true;
            }
            if (MORE.matcher(line).matches()) {
                return true;
            }
            Matcher caused = CAUSED.matcher(text);
            if (caused.matches()) {
                chain.add(Link.of(caused.group(1)));
                inHead = true;
                return true;
            }
            if (SUPPRESSED.matcher(text).matches()) {
                suppressedIndent = indent(line);
                inHead = false;
                return true;
            }
            return false;
        }

        private void startChain(Matcher head, String line) {
            if (!chain.isEmpty()) {
                if (chain.stream().anyMatch(link -> !link.frames.isEmpty())) {
                    messageLines.add(line);
                    return;
                }
                messageLines.add(chain.get(0).raw);
                chain.clear();
            }
            chain.add(new Link(head.group(1), head.group(2), line));
            inHead = true;
        }

        private boolean isThrowableHead(String className, int index) {
            if (EXCEPTION_NAME.matcher(className).matches()) {
                return true;
            }
            for (int next = index + 1; next < lines.size(); next++) {
                if (!lines.get(next).isBlank()) {
                    return FRAME.matcher(lines.get(next)).matches();
                }
            }
            return false;
        }

        private ErrorInfo toErrorInfo() {
            ErrorInfo cause = null;
            for (int i = chain.size() - 1; i >= 0; i--) {
                Link link = chain.get(i);
                cause = new ErrorInfo(link.className, link.message(), link.frames, cause);
            }
            return cause;
        }

        private static int indent(String line) {
            int n = 0;
            while (n < line.length() && Character.isWhitespace(line.charAt(n))) {
                n++;
            }
            return n;
        }
    }

    /** One throwable of the chain while it is being read. */
    private static final class Link {
        private final String className;
        private final StringBuilder message;
        private final List<String> frames = new ArrayList<>();
        private final String raw;

        Link(String className, String message, String raw) {
            this.className = className;
            this.message = message == null ? null : new StringBuilder(message);
            this.raw = raw;
        }

        static Link of(String headText) {
            Matcher head = HEAD.matcher(headText.strip());
            if (head.matches()) {
                return new Link(head.group(1), head.group(2), headText);
            }
            int colon = headText.indexOf(": ");
            return colon < 0 ? new Link(headText.strip(), null, headText)
                : new Link(headText.substring(0, colon).strip(), headText.substring(colon + 2), headText);
        }

        void appendMessage(String text) {
            if (message == null) {
                return;
            }
            message.append('\n').append(text);
        }

        void addFrame(String frame, int maxFrames) {
            if (frames.size() < maxFrames) {
                frames.add(frame);
            }
        }

        String message() {
            return message == null ? null : message.toString();
        }
    }
}
