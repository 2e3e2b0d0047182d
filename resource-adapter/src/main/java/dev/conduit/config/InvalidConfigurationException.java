package dev.conduit.config;

import java.util.List;

import jakarta.resource.spi.InvalidPropertyException;

/**
 * Raised at deploy/activation time when properties are missing or invalid. The message lists every problem with
 * the property name and what is allowed; secret values are never included.
 */
public class InvalidConfigurationException extends InvalidPropertyException {

    private static final long serialVersionUID = 1L;

    private final List<String> problems;

    public InvalidConfigurationException(String subject, List<String> problems) {
        super("Invalid " + subject + " configuration: " + String.join("; ", problems));
        this.problems = List.copyOf(problems);
    }

    public List<String> problems() {
        return problems;
    }
}
