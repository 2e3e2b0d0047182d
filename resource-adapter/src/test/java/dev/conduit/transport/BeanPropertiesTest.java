package dev.conduit.transport;

import static org.assertj.core.api.Assertions.assertThat;

import java.beans.Introspector;
import java.beans.PropertyDescriptor;
import java.util.Arrays;
import java.util.Set;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;

import dev.conduit.config.Direction;
import dev.conduit.config.Option;
import dev.conduit.inbound.ConduitActivationSpec;
import dev.conduit.outbound.ConduitManagedConnectionFactory;

/**
 * The container sets options through JavaBean properties, which have to be written out by hand: every declared
 * option needs one, and every property must be a declared option (else it would be silently ignored).
 */
class BeanPropertiesTest {

    @Test
    void theActivationSpecHasAPropertyForEveryInboundOptionAndNoOther() throws Exception {
        assertThat(properties(ConduitActivationSpec.class, "resourceAdapter"))
                .isEqualTo(names(Direction.INBOUND));
    }

    @Test
    void theConnectionFactoryHasAPropertyForEveryOutboundOptionAndNoOther() throws Exception {
        assertThat(properties(ConduitManagedConnectionFactory.class, "resourceAdapter", "logWriter",
                "transactionSupport")).isEqualTo(names(Direction.OUTBOUND));
    }

    @Test
    void everyOptionIsReadBySomeTransportAndAppliesToSomeDirection() {
        for (Direction direction : Direction.values()) {
            for (Option<?> option : OptionCatalog.options(direction)) {
                assertThat(OptionCatalog.readers(option)).as(option.name()).isNotEmpty();
                assertThat(option.directions()).as(option.name()).isNotEmpty();
            }
        }
    }

    private static Set<String> names(Direction direction) {
        return OptionCatalog.options(direction).stream().map(Option::name).collect(Collectors.toSet());
    }

    private static Set<String> properties(Class<?> bean, String... notOptions) throws Exception {
        Set<String> ignored = Set.of(notOptions);
        return Arrays.stream(Introspector.getBeanInfo(bean, Object.class).getPropertyDescriptors())
                .filter(property -> property.getWriteMethod() != null && property.getReadMethod() != null)
                .map(PropertyDescriptor::getName).filter(name -> !ignored.contains(name))
                .collect(Collectors.toSet());
    }
}
