package dev.conduit.config;

import java.util.List;

import jakarta.resource.spi.InvalidPropertyException;

/**
 * Raised at deploy/activation time when properties are missing, invalid or set where they do not apply. The
 * message lists every problem with the property name and what is allowed; secret values are never included.
 * {@link #properties()} names the failing properties, so a JavaBean can attach their descriptors
 * ({@link InvalidPropertyException#setInvalidPropertyDescriptors}) as the JCA contract asks.
 */
public class InvalidConfigurationException extends InvalidPropertyException {

    private static final long serialVersionUID = 1L;

    /** One thing wrong: the property it is about (blank when it concerns several) and a full sentence. */
    public record Problem(String property, String message) {
    }

    private final List<Problem> problems;

    public InvalidConfigurationException(String subject, List<Problem> problems) {
        super("Invalid " + subject + " configuration: "
                + String.join("; ", problems.stream().map(Problem::message).toList()));
        this.problems = List.copyOf(problems);
    }

    /** A single problem about {@code property}. */
    public static InvalidConfigurationException of(String subject, String property, String message) {
        return new InvalidConfigurationException(subject, List.of(new Problem(property, message)));
    }

    public List<Problem> problemList() {
        return problems;
    }

    public List<String> problems() {
        return problems.stream().map(Problem::message).toList();
    }

    /** The properties that failed, in the order their problems were found, without repeats. */
    public List<String> properties() {
        return problems.stream().map(Problem::property).filter(name -> !name.isBlank()).distinct().toList();
    }
}
