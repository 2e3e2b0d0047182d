package dev.conduit.it;

import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.asset.EmptyAsset;
import org.jboss.shrinkwrap.api.spec.WebArchive;

import dev.conduit.facade.EventPublisher;
import dev.conduit.it.app.EventsResource;

/** The application under test: REST window, one MDB per transport, the EJB facade. */
final class TestApplicationArchive {

    private TestApplicationArchive() {
    }

    static WebArchive create() {
        return ShrinkWrap.create(WebArchive.class, "conduit-it.war")
                .addPackage(EventsResource.class.getPackage())
                .addPackage(EventPublisher.class.getPackage())
                .addAsWebInfResource(EmptyAsset.INSTANCE, "beans.xml");
    }
}
