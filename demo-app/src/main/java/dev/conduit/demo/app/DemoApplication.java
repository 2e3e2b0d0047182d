package dev.conduit.demo.app;

import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;

@ApplicationPath("api")
public class DemoApplication extends Application {
}
