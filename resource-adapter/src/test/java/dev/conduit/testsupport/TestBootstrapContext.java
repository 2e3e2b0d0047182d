package dev.conduit.testsupport;

import java.util.Timer;

import jakarta.resource.spi.BootstrapContext;
import jakarta.resource.spi.XATerminator;
import jakarta.resource.spi.work.HintsContext;
import jakarta.resource.spi.work.WorkContext;
import jakarta.resource.spi.work.WorkManager;
import jakarta.transaction.TransactionSynchronizationRegistry;

public final class TestBootstrapContext implements BootstrapContext {

    private final ThreadWorkManager workManager = new ThreadWorkManager();

    @Override
    public WorkManager getWorkManager() {
        return workManager;
    }

    public ThreadWorkManager threadWorkManager() {
        return workManager;
    }

    @Override
    public XATerminator getXATerminator() {
        return null;
    }

    @Override
    public Timer createTimer() {
        return new Timer(true);
    }

    @Override
    public boolean isContextSupported(Class<? extends WorkContext> workContextClass) {
        // As every Connector 1.6+ container: hints are supported (the adapter marks its Work long-running).
        return workContextClass == HintsContext.class;
    }

    @Override
    public TransactionSynchronizationRegistry getTransactionSynchronizationRegistry() {
        return null;
    }
}
