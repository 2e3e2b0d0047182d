package dev.conduit.brokers;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Freezes a broker process the way a long GC pause or an overloaded host does: {@code SIGSTOP}, then
 * {@code SIGCONT}. Its sockets stay open, so clients see a silent broker rather than a disconnect.
 *
 * <p>{@code kill} returning only means the signal was queued: a thread busy in a system call (a disk sync) keeps
 * running until it returns, and can still answer a request sent "after" the pause began. So a pause starts when
 * {@code /proc} shows every thread of the process stopped.
 */
public final class ProcessPauses {

    private ProcessPauses() {
    }

    /** Stops the process for {@code duration} and lets it continue; returns once it runs again. */
    public static void freeze(Process process, Duration duration) throws InterruptedException {
        suspend(process);
        try {
            Thread.sleep(duration.toMillis());
        } finally {
            signal(process, "CONT");
        }
    }

    /** Stops the process (SIGSTOP) until {@link #resume}; returns once all its threads are stopped. */
    public static void suspend(Process process) throws InterruptedException {
        signal(process, "STOP");
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!allThreadsStopped(process.pid())) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("process " + process.pid() + " did not stop within 10 s of SIGSTOP");
            }
            Thread.sleep(1);
        }
    }

    /** Lets a suspended process continue (SIGCONT). */
    public static void resume(Process process) throws InterruptedException {
        signal(process, "CONT");
    }

    /** Whether every thread of the process is stopped now (by {@link #suspend} or {@link #freeze}). */
    public static boolean isStopped(Process process) {
        return process.isAlive() && allThreadsStopped(process.pid());
    }

    /** Every task of the process is in state T (stopped); a process without /proc entries counts as stopped. */
    private static boolean allThreadsStopped(long pid) {
        Path tasks = Path.of("/proc", Long.toString(pid), "task");
        if (!Files.isDirectory(tasks)) {
            return true;
        }
        try (Stream<Path> threads = Files.list(tasks)) {
            return threads.allMatch(ProcessPauses::isStopped);
        } catch (NoSuchFileException gone) {
            return true;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static boolean isStopped(Path task) {
        try {
            // /proc/<pid>/task/<tid>/stat: "tid (comm) S ..."; comm may hold spaces, so read after the last ')'.
            String stat = Files.readString(task.resolve("stat"));
            String state = stat.substring(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3);
            return state.equals("T") || state.equals("t");
        } catch (NoSuchFileException exited) {
            return true;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
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
