package dev.conduit.it;

import org.jboss.arquillian.container.test.api.RunAsClient;

/** {@link TracingInContainerTest}'s scenarios, unchanged, on WildFly with MicroProfile Telemetry. */
@RunAsClient
class TracingOnWildFlyTest extends TracingInContainerTest {
}
