package dev.conduit.brokers;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * Freezes a broker process the way a long GC pause or an overloaded host does: {@code SIGSTOP}, then
 * {@code SIGCONT}. Its sockets stay open, so clients see a silent broker rather than a disconnect.
 */
public final class ProcessPauses {

    private ProcessPauses() {
    }

    /** Stops the process for {@code duration} and lets it continue; returns once it runs again. */
    public static void freeze(Process process, Duration duration) throws InterruptedException {
        signal(process, "STOP");
        try {
            Thread.sleep(duration.toMillis());
        } finally {
            signal(process, "CONT");
        }
    }

    /** Stops the process (SIGSTOP) until {@link #resume}. */
    public static void suspend(Process process) throws InterruptedException {
        signal(process, "STOP");
    }

    /** Lets a suspended process continue (SIGCONT). */
    public static void resume(Process process) throws InterruptedException {
        signal(process, "CONT");
    }

    private static void signal(Process process, String signal) throws InterruptedException {
        try {
            Process kill = new ProcessBuilder("kill", "-" + signal, Long.toString(process.pid()))
                    .redirectErrorStream(true).start();
            if (!kill.waitFor(10, TimeUnit.SECONDS) || kill.exitValue() != 0) {
                throw new IllegalStateException("kill -" + signal + " " + process.pid() + " failed: "
                        + new String(kill.getInputStream().readAllBytes()));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("could not send SIG" + signal + " to " + process.pid(), e);
        }
    }
}
