package dev.conduit.it;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

import org.junit.platform.launcher.LauncherSession;
import org.junit.platform.launcher.LauncherSessionListener;

/**
 * Starts the brokers (the same {@link InContainerEnvironment} as the Payara tests) before Arquillian starts
 * WildFly, and gives WildFly a port offset at which all its ports are free, so it clashes with no other server on
 * the machine. The RAR is already in {@code standalone/deployments} (see the pom); Arquillian stops the server
 * after the last test, and a shutdown hook of its launcher destroys it if the test JVM ends otherwise.
 */
public final class WildFlyEnvironment implements LauncherSessionListener {

    /** Every socket binding of standalone-microprofile.xml; the offset moves all of them. */
    private static final List<Integer> BASE_PORTS = List.of(8080, 8443, 9990, 9993, 8009, 4712, 4713);

    private final InContainerEnvironment brokers = new InContainerEnvironment();

    @Override
    public void launcherSessionOpened(LauncherSession session) {
        if (System.getProperty("wildfly.javaVmArguments") != null) {
            return;
        }
        brokers.launcherSessionOpened(session);
        int offset = freePortOffset();
        System.setProperty("wildfly.managementPort", Integer.toString(9990 + offset));
        // The MDBs and factories name their brokers as ${conduit.*}: the adapter resolves them from these.
        System.setProperty("wildfly.javaVmArguments", String.join(" ", "-Xms64m", "-Xmx1g",
                "-Djava.net.preferIPv4Stack=true", "-Djboss.socket.binding.port-offset=" + offset,
                "-Dconduit.kafka.servers=" + InContainerEnvironment.kafka().bootstrapServers(),
                "-Dconduit.nats.servers=" + InContainerEnvironment.nats().url()));
    }

    @Override
    public void launcherSessionClosed(LauncherSession session) {
        brokers.launcherSessionClosed(session);
    }

    private static int freePortOffset() {
        for (int attempt = 0; attempt < 100; attempt++) {
            int offset = ThreadLocalRandom.current().nextInt(10_000, 50_000);
            if (BASE_PORTS.stream().allMatch(port -> isFree(port + offset))) {
                return offset;
            }
        }
        throw new IllegalStateException("no port offset found at which all of WildFly's ports " + BASE_PORTS
                + " are free");
    }

    private static boolean isFree(int port) {
        try (ServerSocket socket = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
            return true;
        } catch (IOException taken) {
            return false;
        }
    }
}
