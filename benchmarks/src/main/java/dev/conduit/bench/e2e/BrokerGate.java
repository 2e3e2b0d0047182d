package dev.conduit.bench.e2e;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.ArrayList;
import java.util.List;

/**
 * A loopback port in front of the broker that accepts connections but passes nothing on until {@link #open}: a
 * client bootstrapping through it sends its first request and waits for the answer (kafka-clients gives up after
 * {@code request.timeout.ms} and connects again, into the same wait), so a consumer configured with it cannot read
 * anything before, without a stream of refused connections and without a reconnect back-off when it opens. Once
 * open, every held and later connection is piped to the broker.
 */
final class BrokerGate implements AutoCloseable {

    private final ServerSocket listener;
    private final int brokerPort;
    private final List<Socket> held = new ArrayList<>();
    private final List<Socket> open = new ArrayList<>();
    private boolean opened;

    private BrokerGate(ServerSocket listener, int brokerPort) {
        this.listener = listener;
        this.brokerPort = brokerPort;
        Thread acceptor = new Thread(this::accept, "broker-gate-" + listener.getLocalPort());
        acceptor.setDaemon(true);
        acceptor.start();
    }

    /** A closed gate to the broker's plaintext port, listening on a port of its own. */
    static BrokerGate closed(int brokerPort) {
        try {
            return new BrokerGate(new ServerSocket(0, 50, InetAddress.getLoopbackAddress()), brokerPort);
        } catch (IOException e) {
            throw new UncheckedIOException("could not open a gate port", e);
        }
    }

    int port() {
        return listener.getLocalPort();
    }

    /** Passes every held connection on to the broker, and every later one. */
    synchronized void open() {
        opened = true;
        for (Socket client : held) {
            pipeToBroker(client);
        }
        held.clear();
    }

    @Override
    public synchronized void close() {
        closeQuietly(listener);
        held.forEach(BrokerGate::closeQuietly);
        open.forEach(BrokerGate::closeQuietly);
    }

    private void accept() {
        while (!listener.isClosed()) {
            try {
                Socket client = listener.accept();
                client.setTcpNoDelay(true);
                synchronized (this) {
                    if (opened) {
                        pipeToBroker(client);
                    } else {
                        held.removeIf(Socket::isClosed);
                        held.add(client);
                    }
                }
            } catch (IOException e) {
                // the gate was closed
            }
        }
    }

    private void pipeToBroker(Socket client) {
        try {
            Socket broker = new Socket(InetAddress.getLoopbackAddress(), brokerPort);
            broker.setTcpNoDelay(true);
            open.add(client);
            open.add(broker);
            pipe(client, broker);
            pipe(broker, client);
        } catch (IOException e) {
            closeQuietly(client);
        }
    }

    private static void pipe(Socket from, Socket to) {
        Thread thread = new Thread(() -> {
            byte[] buffer = new byte[64 * 1024];
            try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
                int read;
                while ((read = in.read(buffer)) >= 0) {
                    out.write(buffer, 0, read);
                }
            } catch (IOException e) {
                // one side closed
            } finally {
                closeQuietly(from);
                closeQuietly(to);
            }
        }, "broker-gate-pipe-" + from.getPort());
        thread.setDaemon(true);
        thread.start();
    }

    private static void closeQuietly(AutoCloseable closeable) {
        try {
            closeable.close();
        } catch (Exception e) {
            // closing anyway
        }
    }
}
