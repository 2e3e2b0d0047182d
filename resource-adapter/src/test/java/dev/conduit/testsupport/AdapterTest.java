package dev.conduit.testsupport;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.function.BooleanSupplier;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

import dev.conduit.adapter.ConduitResourceAdapter;
import dev.conduit.api.IncomingEvent;

/** A freshly started adapter per test, stopped afterwards, and helpers for waiting on what it delivers. */
public abstract class AdapterTest {

    protected ConduitResourceAdapter adapter;
    protected TestBootstrapContext context;

    @BeforeEach
    void startAdapter() throws Exception {
        adapter = new ConduitResourceAdapter();
        context = new TestBootstrapContext();
        adapter.start(context);
    }

    @AfterEach
    void stopAdapter() {
        adapter.stop();
    }

    /** Polls an observable condition until it holds, failing after 60 s. */
    protected static void await(BooleanSupplier condition, String what) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting for " + what);
            }
            Thread.sleep(20);
        }
    }

    protected static String text(IncomingEvent event) {
        return new String(event.payload(), StandardCharsets.UTF_8);
    }
}
