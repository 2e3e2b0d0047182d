package dev.conduit.transport.nats;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Level;
import java.util.logging.Logger;

import io.nats.client.Connection;
import io.nats.client.ConnectionListener;
import io.nats.client.ErrorListener;
import io.nats.client.Nats;
import io.nats.client.Options;

import dev.conduit.config.CommonOptions;
import dev.conduit.config.ConfigValues;

/** Opens NATS connections from adapter configuration, with reconnects, named threads and logged events. */
public final class NatsConnections {

    private static final Logger LOG = Logger.getLogger(NatsConnections.class.getName());
    private static final Duration REQUEST_SWEEP = Duration.ofMillis(100);

    private NatsConnections() {
    }

    public static Options options(ConfigValues config, String connectionName) {
        return options(config, connectionName, null, null, new ArrayList<>());
    }

    private static Options options(ConfigValues config, String connectionName, ExecutorService connectExecutor,
                                   ExecutorService callbackExecutor, List<String> serverErrors) {
        String[] servers = Arrays.stream(config.get(CommonOptions.SERVERS).split(",")).map(String::trim)
                .filter(s -> !s.isEmpty()).toArray(String[]::new);
        Options.Builder builder = Options.builder()
                .servers(servers)
                .connectionName(connectionName)
                .maxReconnects(config.get(NatsOptions.MAX_RECONNECTS))
                .reconnectWait(Duration.ofMillis(config.get(NatsOptions.RECONNECT_WAIT_MS)))
                .connectionTimeout(Duration.ofSeconds(5))
                // Publish acknowledgements are requests with their own timeout (publishTimeoutMs), expired by
                // jnats' sweep rather than a timer per message; this is how late after its timeout one fails.
                .requestCleanupInterval(REQUEST_SWEEP)
                .useTimeoutException()
                // Every subject sent on is checked already: topics by NatsSubjects before a publish or an
                // activation, the rest are the server's (ack reply subjects) or jnats' own (the JetStream API).
                // jnats checking each again was half of what acknowledging a message cost a delivery worker.
                .noSubjectValidation()
                .connectionListener(events(connectionName, connectExecutor, callbackExecutor))
                .errorListener(logErrors(connectionName, serverErrors));
        if (connectExecutor != null) {
            builder.connectExecutor(connectExecutor).callbackExecutor(callbackExecutor);
        }
        String user = config.get(NatsOptions.USERNAME);
        if (!user.isBlank()) {
            builder.userInfo(user.toCharArray(), config.get(NatsOptions.PASSWORD).toCharArray());
        }
        String token = config.get(NatsOptions.TOKEN);
        if (!token.isBlank()) {
            builder.token(token.toCharArray());
        }
        String creds = config.get(NatsOptions.CREDS_FILE);
        if (!creds.isBlank()) {
            builder.authHandler(Nats.credentials(creds));
        }
        String seed = config.get(NatsOptions.NKEY_SEED);
        if (!seed.isBlank()) {
            builder.authHandler(Nats.staticCredentials(null, seed.toCharArray()));
        }
        if (CommonOptions.wantsTls(config)) {
            builder.sslContext(NatsTls.context(config));
        }
        return builder.build();
    }

    /**
     * @throws IOException naming the servers (never credentials) when no server could be reached
     */
    public static Connection connect(ConfigValues config, String connectionName) throws IOException {
        // The adapter owns the executors behind jnats' connect and callback threads and ends them once the
        // connection reports CLOSED, so no thread of a closed connection outlives it.
        ExecutorService connectExecutor = Executors.newSingleThreadExecutor(named(connectionName + "-connect"));
        ExecutorService callbackExecutor = Executors.newSingleThreadExecutor(named(connectionName + "-callback"));
        boolean connected = false;
        List<String> serverErrors = new CopyOnWriteArrayList<>();
        try {
            Connection connection = Nats.connect(options(config, connectionName, connectExecutor, callbackExecutor,
                    serverErrors));
            connected = true;
            return connection;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while connecting to NATS at " + config.get(CommonOptions.SERVERS), e);
        } catch (IOException e) {
            awaitCallbacks(callbackExecutor);
            throw new IOException("could not connect to NATS at " + config.get(CommonOptions.SERVERS) + ": "
                    + NatsConnectFailures.explain(e, serverErrors), e);
        } finally {
            if (!connected) {
                connectExecutor.shutdownNow();
                callbackExecutor.shutdownNow();
            }
        }
    }

    /** jnats reports errors on the callback thread; let what it queued run before reading them. */
    private static void awaitCallbacks(ExecutorService callbackExecutor) {
        try {
            callbackExecutor.submit(() -> { }).get(2, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException | RejectedExecutionException e) {
            // explain with what arrived so far
        }
    }

    private static ConnectionListener events(String name, ExecutorService connectExecutor,
                                             ExecutorService callbackExecutor) {
        return (connection, event) -> {
            Level level = switch (event) {
                case DISCONNECTED, CLOSED -> Level.WARNING;
                default -> Level.INFO;
            };
            LOG.log(level, () -> "Conduit NATS connection " + name + ": " + event);
            if (event == ConnectionListener.Events.CLOSED && connectExecutor != null) {
                connectExecutor.shutdownNow();
                // This runs on the callback thread: it ends once this event is handled.
                callbackExecutor.shutdown();
            }
        };
    }

    private static ErrorListener logErrors(String name, List<String> serverErrors) {
        return new ErrorListener() {
            @Override
            public void errorOccurred(Connection connection, String error) {
                if (serverErrors.size() < 20) {
                    serverErrors.add(error);
                }
                NatsServerErrors.record(connection, error);
                LOG.warning(() -> "Conduit NATS connection " + name + ": server error " + error);
            }

            @Override
            public void exceptionOccurred(Connection connection, Exception exception) {
                if (serverErrors.size() < 20) {
                    serverErrors.add(NatsConnectFailures.chain(exception));
                }
                LOG.log(Level.FINE, "Conduit NATS connection " + name + ": " + exception, exception);
            }
        };
    }

    private static ThreadFactory named(String prefix) {
        AtomicInteger counter = new AtomicInteger();
        return runnable -> {
            Thread thread = new Thread(runnable, prefix + "-" + counter.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }
}
