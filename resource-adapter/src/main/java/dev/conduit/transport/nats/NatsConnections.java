package dev.conduit.transport.nats;

import java.io.IOException;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
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
        return options(config, connectionName, null, null);
    }

    private static Options options(ConfigValues config, String connectionName, ExecutorService connectExecutor,
                                   ExecutorService callbackExecutor) {
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
                .connectionListener(events(connectionName, connectExecutor, callbackExecutor))
                .errorListener(logErrors(connectionName));
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
        try {
            Connection connection = Nats.connect(options(config, connectionName, connectExecutor, callbackExecutor));
            connected = true;
            return connection;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while connecting to NATS at " + config.get(CommonOptions.SERVERS), e);
        } catch (IOException e) {
            throw new IOException("could not connect to NATS at " + config.get(CommonOptions.SERVERS) + ": "
                    + e.getMessage() + ". Check that the server runs with JetStream (-js) and is reachable", e);
        } finally {
            if (!connected) {
                connectExecutor.shutdownNow();
                callbackExecutor.shutdownNow();
            }
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

    private static ErrorListener logErrors(String name) {
        return new ErrorListener() {
            @Override
            public void errorOccurred(Connection connection, String error) {
                LOG.warning(() -> "Conduit NATS connection " + name + ": server error " + error);
            }

            @Override
            public void exceptionOccurred(Connection connection, Exception exception) {
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
