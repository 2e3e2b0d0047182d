package dev.conduit.it;

import org.jboss.arquillian.container.test.api.RunAsClient;

/** {@link NatsInContainerTest}'s scenarios, unchanged, against the RAR deployed on WildFly. */
@RunAsClient
class NatsOnWildFlyTest extends NatsInContainerTest {
}
