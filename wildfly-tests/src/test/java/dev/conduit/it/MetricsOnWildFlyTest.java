package dev.conduit.it;

import org.jboss.arquillian.container.test.api.RunAsClient;

/**
 * {@link MetricsInContainerTest}'s scrape, unchanged, of the facade's endpoint in the application on WildFly, whose
 * factories (the server's resource-adapters entry) share the adapter instance with the MDBs.
 */
@RunAsClient
class MetricsOnWildFlyTest extends MetricsInContainerTest {
}
