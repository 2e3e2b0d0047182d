package dev.conduit.bench.e2e;

/** One way of getting events from the broker into application code, measured publish -> all consumed. */
interface Contender {

    String name();

    /** {@code kafka} or {@code nats}: which raw client it is compared with. */
    String transport();

    /** Publishes {@code events} and returns the seconds until all of them were consumed. */
    double run(int events) throws Exception;
}
