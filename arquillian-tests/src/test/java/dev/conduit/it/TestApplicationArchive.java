package dev.conduit.it;

import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.asset.EmptyAsset;
import org.jboss.shrinkwrap.api.asset.StringAsset;
import org.jboss.shrinkwrap.api.spec.WebArchive;

import dev.conduit.facade.EventPublisher;
import dev.conduit.it.app.EventsResource;
import dev.conduit.it.app.SecureKafkaListener;
import dev.conduit.it.app.SecureNatsListener;

/**
 * The application under test: REST window, MDBs per transport, the EJB facade with its health checks. One archive
 * for every server; the system property {@code conduit.it.server} ({@code payara}, the default, or
 * {@code wildfly}) only decides what is server-specific: the secured brokers' MDBs (and factories) exist on Payara
 * alone (their secrets are Payara password aliases), on WildFly the REST window publishes through the factories of
 * the server's resource-adapters entry, and the facade's reference is mapped ({@code wildfly-web.xml}).
 */
public final class TestApplicationArchive {

    private TestApplicationArchive() {
    }

    public static WebArchive create() {
        WebArchive archive = ShrinkWrap.create(WebArchive.class, "conduit-it.war")
                .addPackage(EventsResource.class.getPackage())
                .addPackage(EventPublisher.class.getPackage())
                .addAsWebInfResource(EmptyAsset.INSTANCE, "beans.xml")
                // WildFly binds MDBs to its default adapter (messaging) unless told otherwise, and shows a
                // deployment the classes of another (the adapter's API) only when it asks; Payara ignores both.
                .addAsWebInfResource("jboss-ejb3.xml", "jboss-ejb3.xml")
                .setManifest(new StringAsset("Manifest-Version: 1.0\nDependencies: deployment.conduit.rar\n"))
                .addAsResource(new StringAsset(configuration()), "META-INF/microprofile-config.properties");
        if (onWildFly()) {
            archive.deleteClasses(SecureKafkaListener.class, SecureNatsListener.class);
            // The facade's default "conduit/default" is a server-wide name on Payara; on WildFly a name without
            // "java:" is relative to java:comp/env, so the reference is mapped to the application's factory.
            archive.setWebXML("wildfly-web.xml");
        }
        return archive;
    }

    /**
     * The facade's health checks and metrics endpoint ask the adapter through the factories named here: the server's
     * pools on Payara. On WildFly, the factories of the resource-adapters entry (wildfly-tests' configure.cli), which
     * share the adapter instance with the MDBs; the REST window publishes through them too (an application's
     * {@code @ConnectionFactoryDefinition} gets an adapter instance of its own there, which sees no MDB).
     */
    private static String configuration() {
        if (!onWildFly()) {
            return "conduit.health.factories=conduit/kafka,conduit/nats\n";
        }
        return String.join("\n", "conduit.health.factories=java:global/conduit/kafka,java:global/conduit/nats",
                "conduit.it.factory.kafka=java:global/conduit/kafka",
                "conduit.it.factory.nats=java:global/conduit/nats",
                "conduit.it.factory.memory=java:global/conduit/memory", "");
    }

    static boolean onWildFly() {
        return "wildfly".equals(System.getProperty("conduit.it.server", "payara"));
    }
}
