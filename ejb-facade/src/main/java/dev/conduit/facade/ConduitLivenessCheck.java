package dev.conduit.facade;

import java.util.List;

import javax.naming.InitialContext;
import javax.naming.NamingException;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Liveness;

import dev.conduit.api.EventStreamConnectionFactory;

/**
 * MicroProfile liveness of the Conduit adapter: DOWN when an MDB activation lost a thread it needs while it should
 * be running, which only a redeploy or restart heals. A broker that is away is a readiness matter (it comes back by
 * itself), and so is an activation stopped by failureStrategy=fail (a restart would stop it again on the same
 * event). Factories as for {@link ConduitReadinessCheck}.
 */
@Liveness
@ApplicationScoped
public class ConduitLivenessCheck implements HealthCheck {

    @Inject
    @ConfigProperty(name = "conduit.health.factories", defaultValue = "conduit/default")
    List<String> factories;

    @Override
    public HealthCheckResponse call() {
        for (String name : factories) {
            try {
                EventStreamConnectionFactory factory = InitialContext.doLookup(name.trim());
                return HealthCheckResponse.named("conduit").status(factory.health().live()).build();
            } catch (NamingException | ClassCastException e) {
                // try the next name; without any factory there is nothing of Conduit's to be dead
            }
        }
        return HealthCheckResponse.up("conduit");
    }
}
