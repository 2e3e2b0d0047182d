package dev.conduit.config;

/** Which side of the adapter an option configures. */
public enum Direction {
    /** MDB activation specs ({@code @ActivationConfigProperty}). */
    INBOUND("activation spec"),
    /** Connection factories (connector connection pools). */
    OUTBOUND("connection factory");

    private final String subject;

    Direction(String subject) {
        this.subject = subject;
    }

    /** What is being configured, as error messages name it. */
    public String subject() {
        return subject;
    }
}
