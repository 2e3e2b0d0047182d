package dev.conduit.facade;

import java.util.List;

import javax.naming.InitialContext;
import javax.naming.NamingException;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

import dev.conduit.api.AdapterHealth;
import dev.conduit.api.EventStreamConnectionFactory;

/**
 * MicroProfile readiness of the Conduit adapter the application uses: DOWN while a publishing client cannot reach
 * its brokers or an MDB activation is stopped or cut off, with one data entry per client and activation.
 * The connection factories to ask are looked up by JNDI name, from {@code conduit.health.factories} (MicroProfile
 * Config, comma-separated, default {@code conduit/default}); every factory of one adapter reports the same.
 */
@Readiness
@ApplicationScoped
public class ConduitReadinessCheck implements HealthCheck {

    @Inject
    @ConfigProperty(name = "conduit.health.factories", defaultValue = "conduit/default")
    List<String> factories;

    @Override
    public HealthCheckResponse call() {
        HealthCheckResponseBuilder response = HealthCheckResponse.named("conduit");
        boolean up = true;
        for (String name : factories) {
            EventStreamConnectionFactory factory;
            try {
                factory = InitialContext.doLookup(name.trim());
            } catch (NamingException | ClassCastException e) {
                response.withData(name, "DOWN: no Conduit connection factory at this JNDI name (" + e.getMessage()
                        + "); set conduit.health.factories");
                up = false;
                continue;
            }
            AdapterHealth health = factory.health();
            up &= health.up();
            for (AdapterHealth.Check check : health.checks()) {
                response.withData(check.name(), (check.up() ? "UP: " : "DOWN: ") + check.detail());
            }
        }
        return response.status(up).build();
    }
}
