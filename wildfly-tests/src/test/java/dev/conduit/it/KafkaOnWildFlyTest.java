package dev.conduit.it;

import org.jboss.arquillian.container.test.api.RunAsClient;

/** {@link KafkaInContainerTest}'s scenarios, unchanged, against the RAR deployed on WildFly. */
@RunAsClient
class KafkaOnWildFlyTest extends KafkaInContainerTest {
}
