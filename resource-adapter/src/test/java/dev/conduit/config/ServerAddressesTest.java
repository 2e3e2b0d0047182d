package dev.conduit.config;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ServerAddressesTest {

    @Test
    void userAndPasswordAndTokensAreDroppedFromEveryAddress() {
        assertThat(ServerAddresses.withoutCredentials("nats://alice:s3cret@nats1:4222, nats://t0ken@nats2:4222"))
                .isEqualTo("nats://nats1:4222, nats://nats2:4222");
    }

    @Test
    void aPasswordHoldingAtSignsOrSlashesLeavesNothingBehind() {
        assertThat(ServerAddresses.withoutCredentials("nats://bob:p@ss/w@rd@localhost:4222"))
                .isEqualTo("nats://localhost:4222");
        assertThat(ServerAddresses.withoutCredentials("bob:p@ss@localhost:4222")).isEqualTo("localhost:4222");
    }

    @Test
    void addressesWithoutCredentialsAreShownAsGiven() {
        assertThat(ServerAddresses.withoutCredentials("broker1:9092,broker2:9092"))
                .isEqualTo("broker1:9092,broker2:9092");
        assertThat(ServerAddresses.withoutCredentials(null)).isEmpty();
    }
}
