package dev.conduit.transport.nats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;

import org.junit.jupiter.api.Test;

class JetStreamReplyTest {

    private static final long STORED = 1_795_736_289_753_123_456L;

    @Test
    void readsTheLayoutWithPending() {
        JetStreamReply reply = JetStreamReply.of("$JS.ACK.orders.group-a.3.1042.977." + STORED + ".12");
        assertThat(reply).isEqualTo(new JetStreamReply(3, 1042, STORED, 12));
        assertThat(reply.timestamp()).isEqualTo(Instant.ofEpochSecond(1_795_736_289L, 753_123_456L));
    }

    @Test
    void readsTheOldestLayoutWithoutPending() {
        assertThat(JetStreamReply.of("$JS.ACK.orders.group-a.1.7.7." + STORED))
                .isEqualTo(new JetStreamReply(1, 7, STORED, -1));
    }

    @Test
    void readsTheLayoutWithDomainAndAccountHash() {
        assertThat(JetStreamReply.of("$JS.ACK.hub.ACCHASH.orders.group-a.2.55.50." + STORED + ".0"))
                .isEqualTo(new JetStreamReply(2, 55, STORED, 0));
        assertThat(JetStreamReply.of("$JS.ACK.hub.ACCHASH.orders.group-a.2.55.50." + STORED + ".0.xyz"))
                .as("with the trailing random token")
                .isEqualTo(new JetStreamReply(2, 55, STORED, 0));
    }

    @Test
    void refusesWhatIsNotAJetStreamReply() {
        for (String subject : new String[] {null, "_INBOX.abc", "$JS.NAK.orders.group-a.3.1042.977.1.12",
                "$JS.ACK.orders.group-a.x.1042.977.1.12", "$JS.ACK.a.b.c.d.1.2.3.4", "$JS.ACK.orders.g.1.2"}) {
            assertThatThrownBy(() -> JetStreamReply.of(subject)).as(subject)
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not a JetStream message");
        }
    }
}
