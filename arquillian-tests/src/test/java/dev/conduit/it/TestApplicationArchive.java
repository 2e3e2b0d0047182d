package dev.conduit.it;

import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.asset.EmptyAsset;
import org.jboss.shrinkwrap.api.asset.StringAsset;
import org.jboss.shrinkwrap.api.spec.WebArchive;

import dev.conduit.facade.EventPublisher;
import dev.conduit.it.app.EventsResource;

/** The application under test: REST window, MDBs per transport, the EJB facade with its health checks. */
final class TestApplicationArchive {

    private TestApplicationArchive() {
    }

    static WebArchive create() {
        return ShrinkWrap.create(WebArchive.class, "conduit-it.war")
                .addPackage(EventsResource.class.getPackage())
                .addPackage(EventPublisher.class.getPackage())
                .addAsWebInfResource(EmptyAsset.INSTANCE, "beans.xml")
                // The facade's health checks ask the adapter through these factories.
                .addAsResource(new StringAsset("conduit.health.factories=conduit/kafka,conduit/nats\n"),
                        "META-INF/microprofile-config.properties");
    }
}
