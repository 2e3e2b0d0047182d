package dev.conduit.brokers;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A loopback TCP proxy in front of a broker, so a test can cut every client connection ({@link #dropConnections})
 * while the broker itself keeps running: what was on the wire is lost, as in a network failure. A proxy made
 * {@link #held} accepts connections but passes nothing on until {@link #open}: a client bootstrapping through it
 * sends its first request and waits for the answer (kafka-clients gives up after {@code request.timeout.ms} and
 * connects again, into the same wait), so it reads nothing before, without a stream of refused connections and
 * without a reconnect back-off once it opens (the end-to-end benchmark's backlog drains).
 */
public final class TcpProxy implements AutoCloseable {

    private final ServerSocket listener;
    private final InetSocketAddress target;
    private final List<Socket> open = new CopyOnWriteArrayList<>();
    private final List<Socket> held = new ArrayList<>();
    private final Thread acceptor;
    private boolean passing;

    private TcpProxy(ServerSocket listener, InetSocketAddress target, boolean passing) {
        this.listener = listener;
        this.target = target;
        this.passing = passing;
        this.acceptor = new Thread(this::accept, "tcp-proxy-" + listener.getLocalPort());
        this.acceptor.setDaemon(true);
        this.acceptor.start();
    }

    public static TcpProxy to(int targetPort) {
        return start(targetPort, true);
    }

    /** A proxy that holds every connection, passing nothing on, until {@link #open}. */
    public static TcpProxy held(int targetPort) {
        return start(targetPort, false);
    }

    private static TcpProxy start(int targetPort, boolean passing) {
        try {
            ServerSocket listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
            return new TcpProxy(listener, new InetSocketAddress(InetAddress.getLoopbackAddress(), targetPort),
                    passing);
        } catch (IOException e) {
            throw new UncheckedIOException("could not open a proxy port", e);
        }
    }

    /** Passes every held connection on to the target, and every later one. */
    public synchronized void open() {
        passing = true;
        for (Socket client : held) {
            connect(client);
        }
        held.clear();
    }

    public int port() {
        return listener.getLocalPort();
    }

    /** Closes every connection through the proxy; clients reconnect through it afterwards. */
    public void dropConnections() {
        for (Socket socket : open) {
            closeQuietly(socket);
        }
        open.clear();
    }

    @Override
    public void close() {
        closeQuietly(listener);
        synchronized (this) {
            held.forEach(TcpProxy::closeQuietly);
            held.clear();
        }
        dropConnections();
    }

    private void accept() {
        while (!listener.isClosed()) {
            try {
                Socket client = listener.accept();
                client.setTcpNoDelay(true);
                synchronized (this) {
                    if (passing) {
                        connect(client);
                    } else {
                        held.removeIf(Socket::isClosed);
                        held.add(client);
                    }
                }
            } catch (IOException e) {
                // the listener was closed
            }
        }
    }

    private void connect(Socket client) {
        try {
            Socket server = new Socket(target.getAddress(), target.getPort());
            server.setTcpNoDelay(true);
            open.add(client);
            open.add(server);
            pipe(client, server);
            pipe(server, client);
        } catch (IOException e) {
            // the target refused: the client sees its connection fail
            closeQuietly(client);
        }
    }

    private void pipe(Socket from, Socket to) {
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
        }, "tcp-proxy-pipe-" + from.getPort());
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
