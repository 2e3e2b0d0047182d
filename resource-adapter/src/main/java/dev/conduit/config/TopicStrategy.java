package dev.conduit.config;

/** What the adapter does with a topic (Kafka topic, NATS stream) on its first use. */
public enum TopicStrategy {
    /** Create it if missing; leave an existing one as it is. */
    CREATE,
    /** Create it if missing; bring an existing one to the configured options. */
    CREATE_OR_UPDATE,
    /** Never create or change; fail if it is missing. */
    VALIDATE,
    /** Do nothing; the broker (auto-creation) or an operator owns topics. */
    SKIP;

    public String id() {
        return Named.idOf(this);
    }
}
