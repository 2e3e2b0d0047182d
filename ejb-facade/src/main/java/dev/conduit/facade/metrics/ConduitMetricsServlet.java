package dev.conduit.facade.metrics;

import javax.naming.InitialContext;
import javax.naming.NamingException;

import jakarta.servlet.annotation.WebServlet;

import io.prometheus.metrics.exporter.servlet.jakarta.PrometheusMetricsServlet;
import io.prometheus.metrics.model.registry.PrometheusRegistry;

import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;

import dev.conduit.api.AdapterMetrics;
import dev.conduit.api.EventStreamConnectionFactory;

/**
 * The Prometheus scrape endpoint of the application that bundles the facade: {@code <context root>/conduit/metrics}
 * in the text exposition format (or whatever format the scraper asks for). It serves its own registry holding only
 * the Conduit metrics, read from the adapter at each scrape, so it works the same on any server whatever metrics
 * stack the server has. The factory asked is named in MicroProfile Config: {@code conduit.metrics.factory}, else the
 * first of {@code conduit.health.factories}, else {@code conduit/default}; one is enough, since every factory of
 * one adapter reports the whole adapter.
 */
@WebServlet(name = "conduit-metrics", urlPatterns = "/conduit/metrics")
public class ConduitMetricsServlet extends PrometheusMetricsServlet {

    private static final long serialVersionUID = 1L;

    public ConduitMetricsServlet() {
        this(new PrometheusRegistry());
    }

    private ConduitMetricsServlet(PrometheusRegistry registry) {
        super(registry);
        registry.register(new ConduitCollector(ConduitMetricsServlet::adapterMetrics));
    }

    private static AdapterMetrics adapterMetrics() {
        String name = factoryName(ConfigProvider.getConfig());
        EventStreamConnectionFactory factory;
        try {
            factory = InitialContext.doLookup(name);
        } catch (NamingException | ClassCastException e) {
            throw new IllegalStateException("no Conduit connection factory at the JNDI name '" + name + "' ("
                    + e.getMessage() + "); set conduit.metrics.factory in MicroProfile Config", e);
        }
        return factory.metrics();
    }

    private static String factoryName(Config config) {
        return config.getOptionalValue("conduit.metrics.factory", String.class)
                .or(() -> config.getOptionalValues("conduit.health.factories", String.class)
                        .map(names -> names.get(0)))
                .map(String::trim)
                .orElse("conduit/default");
    }
}
