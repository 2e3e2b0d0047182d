package dev.conduit.brokers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.time.Duration;

import io.nats.client.Connection;
import io.nats.client.JetStream;
import io.nats.client.JetStreamManagement;
import io.nats.client.Nats;
import io.nats.client.Options;
import io.nats.client.api.MessageInfo;
import io.nats.client.api.PublishAck;
import io.nats.client.api.StorageType;
import io.nats.client.api.StreamConfiguration;
import org.junit.jupiter.api.Test;

class NatsServerTest {

    @Test
    void startsJetStreamOnAFreePortAndKeepsFileStreamsAcrossARestart() throws Exception {
        try (NatsServer server = NatsServer.start()) {
            Options options = Options.builder().server(server.url()).connectionTimeout(Duration.ofSeconds(5))
                    .maxReconnects(-1).reconnectWait(Duration.ofMillis(100)).build();
            try (Connection connection = Nats.connect(options)) {
                JetStreamManagement management = connection.jetStreamManagement();
                management.addStream(StreamConfiguration.builder().name("LAUNCHER").subjects("launcher.>")
                        .storageType(StorageType.File).build());
                JetStream jetStream = connection.jetStream();
                PublishAck ack = jetStream.publish("launcher.test", "kept".getBytes(StandardCharsets.UTF_8));
                assertThat(ack.getSeqno()).isEqualTo(1);

                server.restart();

                MessageInfo stored = awaitMessage(connection.jetStreamManagement(), ack.getSeqno());
                assertThat(new String(stored.getData(), StandardCharsets.UTF_8)).isEqualTo("kept");
            }
            assertThat(server.storeDir()).isDirectory();
        }
    }

    /** The client reconnects by itself; ask until the restarted server answers. */
    private static MessageInfo awaitMessage(JetStreamManagement management, long sequence) throws Exception {
        return await("message " + sequence + " from the restarted server").atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(100)).ignoreExceptions()
                .until(() -> management.getMessage("LAUNCHER", sequence), message -> message != null);
    }
}
