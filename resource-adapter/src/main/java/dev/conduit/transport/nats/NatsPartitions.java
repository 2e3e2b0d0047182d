package dev.conduit.transport.nats;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * How a partitioned topic is laid out on NATS: a topic with {@code partitions=n} (n > 1) is published to the
 * subjects {@code <topic>.0} ... {@code <topic>.<n-1>}, and its stream captures exactly those n subjects, so the
 * stream's own configuration tells every publisher and consumer how many partitions there are. An aggregate always
 * goes to the same partition: FNV-1a (32 bit) of its id's UTF-8 bytes, modulo n, which other languages can compute
 * too. Messages without an aggregate id have no order to keep and are spread round-robin.
 */
final class NatsPartitions {

    private static final int FNV_OFFSET = 0x811c9dc5;
    private static final int FNV_PRIME = 0x01000193;
    private static final AtomicInteger UNKEYED = new AtomicInteger();

    private NatsPartitions() {
    }

    /** The subject of partition {@code partition} of {@code topic}. */
    static String subject(String topic, int partition) {
        return topic + "." + partition;
    }

    /** The subjects a stream of {@code topic} with {@code partitions} partitions captures. */
    static List<String> subjects(String topic, int partitions) {
        if (partitions <= 1) {
            return List.of(topic);
        }
        String[] subjects = new String[partitions];
        for (int p = 0; p < partitions; p++) {
            subjects[p] = subject(topic, p);
        }
        return List.of(subjects);
    }

    /** The partition of {@code aggregateId} among {@code partitions}; {@code null} spreads round-robin. */
    static int partitionOf(String aggregateId, int partitions) {
        if (aggregateId == null) {
            return Math.floorMod(UNKEYED.getAndIncrement(), partitions);
        }
        return Math.floorMod(fnv1a(aggregateId), partitions);
    }

    static int fnv1a(String text) {
        int hash = FNV_OFFSET;
        for (byte b : text.getBytes(StandardCharsets.UTF_8)) {
            hash ^= b & 0xff;
            hash *= FNV_PRIME;
        }
        return hash;
    }

    /**
     * The partitions of {@code topic} that a stream capturing {@code subjects} has: 1 if it captures the topic's
     * own subject, n if it captures exactly {@code <topic>.0} ... {@code <topic>.<n-1>}.
     *
     * @throws IllegalArgumentException if the subjects are neither (the stream was made for something else)
     */
    static int countIn(String topic, List<String> subjects) {
        if (subjects.contains(topic)) {
            return 1;
        }
        int count = 0;
        for (String subject : subjects) {
            if (subject.startsWith(topic + ".")) {
                count++;
            }
        }
        if (count > 1 && subjects(topic, count).stream().allMatch(subjects::contains)) {
            return count;
        }
        throw new IllegalArgumentException("captures " + subjects + ": neither topic '" + topic + "' itself nor "
                + "its partition subjects " + topic + ".0 ... " + topic + ".<n-1>");
    }
}
