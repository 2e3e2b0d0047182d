package dev.conduit.adapter;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import dev.conduit.outbound.ConduitManagedConnectionFactory;

/**
 * What application servers' resource adapter validators check (WildFly's IronJacamar refuses a RAR otherwise):
 * the ResourceAdapter and ManagedConnectionFactory JavaBeans implement equals and hashCode themselves.
 */
class SpecCleanJavaBeansTest {

    @Test
    void theResourceAdapterAndTheConnectionFactoryImplementEqualsAndHashCode() throws Exception {
        for (Class<?> bean : new Class<?>[] {ConduitResourceAdapter.class, ConduitManagedConnectionFactory.class}) {
            assertThat(bean.getMethod("equals", Object.class).getDeclaringClass()).as(bean + " equals").isEqualTo(bean);
            assertThat(bean.getMethod("hashCode").getDeclaringClass()).as(bean + " hashCode").isEqualTo(bean);
        }
        assertThat(new ConduitResourceAdapter()).isEqualTo(new ConduitResourceAdapter())
                .hasSameHashCodeAs(new ConduitResourceAdapter());
        ConduitManagedConnectionFactory a = new ConduitManagedConnectionFactory();
        ConduitManagedConnectionFactory b = new ConduitManagedConnectionFactory();
        a.setTransport("kafka");
        b.setTransport("kafka");
        assertThat(a).isEqualTo(b).hasSameHashCodeAs(b);
        b.setServers("other:9092");
        assertThat(a).isNotEqualTo(b);
    }
}
