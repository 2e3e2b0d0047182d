package dev.conduit.testsupport;

import java.io.OutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.text.MessageFormat;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * Captures everything written while it is open: java.util.logging records (the adapter's, with stack traces) and
 * System.out/err (where the client libraries' loggers write in tests), still passing them through. For checks that
 * no secret ever reaches a log line.
 */
public final class LogCapture implements AutoCloseable {

    private final StringBuffer captured = new StringBuffer();
    private final Handler handler = new Handler() {
        @Override
        public void publish(LogRecord record) {
            String message = record.getMessage() == null ? "" : record.getMessage();
            if (record.getParameters() != null && record.getParameters().length > 0) {
                try {
                    message = MessageFormat.format(message, record.getParameters());
                } catch (IllegalArgumentException notAPattern) {
                    message = message + " " + java.util.Arrays.toString(record.getParameters());
                }
            }
            captured.append(record.getLevel()).append(' ').append(record.getLoggerName()).append(": ")
                    .append(message).append('\n');
            if (record.getThrown() != null) {
                StringWriter trace = new StringWriter();
                record.getThrown().printStackTrace(new PrintWriter(trace));
                captured.append(trace).append('\n');
            }
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };
    private final PrintStream originalOut = System.out;
    private final PrintStream originalErr = System.err;

    private LogCapture() {
    }

    public static LogCapture start() {
        LogCapture capture = new LogCapture();
        capture.handler.setLevel(Level.ALL);
        Logger.getLogger("").addHandler(capture.handler);
        System.setOut(capture.tee(capture.originalOut));
        System.setErr(capture.tee(capture.originalErr));
        return capture;
    }

    /** Everything captured so far. */
    public String text() {
        return captured.toString();
    }

    @Override
    public void close() {
        Logger.getLogger("").removeHandler(handler);
        System.setOut(originalOut);
        System.setErr(originalErr);
    }

    private PrintStream tee(PrintStream original) {
        return new PrintStream(new OutputStream() {
            @Override
            public void write(int b) {
                original.write(b);
                captured.append((char) b);
            }

            @Override
            public void write(byte[] bytes, int offset, int length) {
                original.write(bytes, offset, length);
                captured.append(new String(bytes, offset, length, StandardCharsets.UTF_8));
            }
        }, true, StandardCharsets.UTF_8);
    }
}
