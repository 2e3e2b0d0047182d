package dev.conduit.it.rm;

import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;

/** The JAX-RS root of the Reactive Messaging test application. */
@ApplicationPath("api")
public class MessagingApplication extends Application {
}
