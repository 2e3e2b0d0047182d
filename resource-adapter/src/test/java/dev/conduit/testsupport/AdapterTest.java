package dev.conduit.testsupport;

import java.nio.charset.StandardCharsets;
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

    /** Waits until an observable condition holds, failing after 60 s (see {@link Await}). */
    protected static void await(BooleanSupplier condition, String what) throws InterruptedException {
        Await.until(condition, what);
    }

    protected static String text(IncomingEvent event) {
        return new String(event.payload(), StandardCharsets.UTF_8);
    }
}
