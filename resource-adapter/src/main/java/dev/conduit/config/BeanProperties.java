package dev.conduit.config;

import java.beans.IntrospectionException;
import java.beans.PropertyDescriptor;
import java.util.ArrayList;
import java.util.List;

/** Connects configuration problems to the JavaBean properties a container set. */
public final class BeanProperties {

    private BeanProperties() {
    }

    /**
     * Attaches the descriptors of the failing properties of {@code beanType} to {@code failure} (as the Artemis
     * adapter does), so a container or tool can point at them; returns it for throwing.
     */
    public static InvalidConfigurationException describe(InvalidConfigurationException failure, Class<?> beanType) {
        List<PropertyDescriptor> descriptors = new ArrayList<>();
        for (String property : failure.properties()) {
            try {
                descriptors.add(new PropertyDescriptor(property, beanType));
            } catch (IntrospectionException e) {
                // Not a property of this bean (a problem spanning several): the message still names it.
            }
        }
        failure.setInvalidPropertyDescriptors(descriptors.toArray(PropertyDescriptor[]::new));
        return failure;
    }
}
