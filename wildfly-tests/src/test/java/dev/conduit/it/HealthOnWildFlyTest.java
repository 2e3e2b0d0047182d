package dev.conduit.it;

import java.net.URI;

import org.jboss.arquillian.container.test.api.RunAsClient;

/**
 * {@link HealthInContainerTest}'s scenario against WildFly's MicroProfile Health, which serves {@code /health} on
 * the management interface (port 9990 moved by the offset {@link WildFlyEnvironment} chose), with the facade's
 * checks asking the factories of the server's resource-adapters entry (configure.cli).
 */
@RunAsClient
class HealthOnWildFlyTest extends HealthInContainerTest {

    @Override
    URI healthEndpoint(String path) {
        return URI.create("http://127.0.0.1:" + System.getProperty("wildfly.managementPort") + path);
    }
}
