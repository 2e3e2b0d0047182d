package dev.conduit.it;

import org.jboss.arquillian.container.test.api.RunAsClient;

/**
 * {@link MemoryInContainerTest}'s scenarios, unchanged, against the RAR deployed on WildFly: the REST window publishes
 * through the memory factory of the server's resource-adapters entry, the adapter instance the MDBs run in.
 */
@RunAsClient
class MemoryOnWildFlyTest extends MemoryInContainerTest {
}
