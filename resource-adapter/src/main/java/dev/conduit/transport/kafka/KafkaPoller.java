package dev.conduit.transport.kafka;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

import dev.conduit.inbound.AdapterWork;
import dev.conduit.inbound.CatchUpTracker;
import dev.conduit.inbound.ConsumedEvent;
import dev.conduit.inbound.Dispatch;
import dev.conduit.inbound.InFlightEvent;
import dev.conduit.inbound.SourceContext;
import dev.conduit.inbound.StartupTimes;

/**
 * The one Kafka consumer of an activation (one group member serving all its topics). It polls, hands records to
 * the activation's {@link Dispatch}, and is the only thread that commits ({@link KafkaCommits}: per partition only
 * the watermark below which everything completed). When too much is buffered it pauses its partitions and keeps polling, so the group membership
 * stays alive while the workers catch up.
 */
final class KafkaPoller extends AdapterWork {

    private static final Logger LOG = Logger.getLogger(KafkaPoller.class.getName());
    private static final Duration ERROR_PAUSE = Duration.ofSeconds(1);
    private static final Duration REVOKE_WAIT = Duration.ofSeconds(30);
    private static final Duration LAG_INTERVAL = Duration.ofMillis(500);
    private static final Duration ROOM_WAIT = Duration.ofMillis(100);

    private final Properties consumerProperties;
    private final SourceContext context;
    private final String who;
    private final List<String> topics;
    private final Duration pollTimeout;
    private final Dispatch dispatch;
    private final CatchUpTracker catchUp;
    private final CountDownLatch workersDone;
    private final int highWater;
    private final int lowWater;
    private final KafkaCommits commits = new KafkaCommits();
    private volatile KafkaConsumer<byte[], byte[]> consumer;
    private boolean paused;
    private volatile boolean connected = true;
    private long lastLagCheck;
    private final StartupTimes startup;
    private boolean started;

    KafkaPoller(String name, Properties consumerProperties, SourceContext context) {
        super(name, context.stop());
        this.context = context;
        this.who = KafkaFailures.who(context.config());
        this.consumerProperties = consumerProperties;
        this.topics = context.topics();
        this.pollTimeout = context.pollTimeout();
        this.dispatch = context.dispatch();
        this.catchUp = context.catchUp();
        this.workersDone = context.workersDone();
        // A poll returns at most maxPollRecords: pausing that far below capacity means offers never wait long.
        this.highWater = Math.max(1, dispatch.capacity() - context.maxPollRecords());
        this.lowWater = Math.max(0, highWater / 2);
        this.startup = new StartupTimes(name);
    }

    @Override
    protected void execute() {
        startup.reached("poller running");
        KafkaConsumer<byte[], byte[]> created;
        try {
            created = AdapterClassLoader.create(() -> new KafkaConsumer<>(consumerProperties,
                    new ByteArrayDeserializer(), new ByteArrayDeserializer()));
        } catch (KafkaException e) {
            context.fail("could not create the Kafka consumer of " + topics + ": " + e.getMessage()
                    + (e.getCause() == null ? "" : " (" + e.getCause().getMessage() + ")"));
            return;
        }
        try (KafkaConsumer<byte[], byte[]> kafka = created) {
            consumer = kafka;
            startup.reached("consumer created");
            if (stop.isRaised()) {
                return;
            }
            kafka.subscribe(topics, new Rebalance(kafka));
            while (!stop.isRaised()) {
                commits.settle(kafka, false);
                applyBackPressure(kafka);
                ConsumerRecords<byte[], byte[]> records;
                try {
                    records = kafka.poll(pollTimeout);
                } catch (WakeupException e) {
                    continue;
                } catch (KafkaException e) {
                    RuntimeException security = KafkaFailures.security(e);
                    if (security != null) {
                        // Refused credentials, an untrusted certificate or a missing ACL do not heal by polling.
                        context.fail("consuming " + topics + " failed: " + KafkaFailures.explain(security, who));
                        break;
                    }
                    LOG.log(Level.WARNING, "Conduit: poll failed on " + topics + "; retrying", e);
                    stop.awaitFor(ERROR_PAUSE);
                    continue;
                }
                if (!started) {
                    reportStart(kafka, records);
                }
                if (!dispatchAll(kafka, records)) {
                    break;
                }
                measureBacklog(kafka);
            }
            finish(kafka);
        }
    }

    private void reportStart(KafkaConsumer<byte[], byte[]> kafka, ConsumerRecords<byte[], byte[]> records) {
        if (!kafka.assignment().isEmpty()) {
            startup.reached("partitions assigned");
        }
        if (!records.isEmpty()) {
            startup.reached("first records polled");
            started = true;
        }
    }

    /**
     * Hands over a poll's records: all that fit at once (room is taken for them in one step and their lanes are
     * made ready together), the rest one by one as room frees, committing meanwhile.
     *
     * @return {@code false} when the activation stopped before everything was handed over
     */
    private boolean dispatchAll(KafkaConsumer<byte[], byte[]> kafka, ConsumerRecords<byte[], byte[]> records) {
        List<InFlightEvent> items = new ArrayList<>(records.count());
        for (TopicPartition partition : records.partitions()) {
            OffsetWatermark watermark = commits.watermark(partition);
            for (ConsumerRecord<byte[], byte[]> record : records.records(partition)) {
                if (!commits.completedByPrevious(partition, record.offset())) {
                    items.add(commits.track(toEvent(record), partition, watermark));
                }
            }
        }
        int reserved = dispatch.reserve(items.size());
        dispatch.submitReserved(items.subList(0, reserved));
        for (InFlightEvent item : items.subList(reserved, items.size())) {
            try {
                while (!dispatch.submit(item, ROOM_WAIT)) {
                    commits.settle(kafka, false);
                    if (stop.isRaised()) {
                        return false;
                    }
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return true;
    }

    /**
     * Pauses fetching once the buffer could not take another full poll, and resumes as soon as it drained to half
     * of that: a worker making room wakes the poll (see {@link Dispatch#wakeWhenRoom}), so the workers never wait
     * for a paused poll to time out.
     */
    private void applyBackPressure(KafkaConsumer<byte[], byte[]> kafka) {
        int buffered = dispatch.size();
        if (!paused && buffered >= highWater) {
            kafka.pause(kafka.assignment());
            paused = true;
            if (!dispatch.wakeWhenRoom(lowWater, kafka::wakeup)) {
                resume(kafka);
            }
        } else if (paused && buffered <= lowWater) {
            resume(kafka);
        }
    }

    private void resume(KafkaConsumer<byte[], byte[]> kafka) {
        kafka.resume(kafka.paused());
        paused = false;
    }

    private void measureBacklog(KafkaConsumer<byte[], byte[]> kafka) {
        long now = System.nanoTime();
        if (now - lastLagCheck < LAG_INTERVAL.toNanos()) {
            return;
        }
        lastLagCheck = now;
        connected = connectionCount(kafka) > 0;
        long lag = 0;
        for (TopicPartition partition : kafka.assignment()) {
            OptionalLong partitionLag = kafka.currentLag(partition);
            if (partitionLag.isEmpty()) {
                return;
            }
            lag += partitionLag.getAsLong();
        }
        catchUp.backlog(name(), lag, dispatch.size());
    }

    /** Lets the workers finish what they hold, then commits what completed. */
    private void finish(KafkaConsumer<byte[], byte[]> kafka) {
        try {
            workersDone.await(REVOKE_WAIT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        commits.settle(kafka, true);
    }

    /** Before partitions move to another member, what was handed out for them completes and is committed. */
    private final class Rebalance implements ConsumerRebalanceListener {
        private final KafkaConsumer<byte[], byte[]> kafka;

        Rebalance(KafkaConsumer<byte[], byte[]> kafka) {
            this.kafka = kafka;
        }

        /**
         * Records of the revoked partitions that no worker has started yet are taken back (the new owner reads them
         * from the committed position), so no record is delivered here after its partition moved. Those in a
         * listener are waited for (bounded), then everything completed is committed.
         */
        @Override
        public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
            Set<TopicPartition> revoked = Set.copyOf(partitions);
            Map<TopicPartition, Integer> takenBack = new HashMap<>();
            dispatch.discardQueued(item -> {
                TopicPartition partition = KafkaCommits.partitionOf(item);
                if (partition != null && revoked.contains(partition)) {
                    takenBack.merge(partition, 1, Integer::sum);
                    return true;
                }
                return false;
            });
            long deadline = System.nanoTime() + REVOKE_WAIT.toNanos();
            while (commits.running(partitions, takenBack) > 0 && System.nanoTime() < deadline
                    && !stop.isRaised()) {
                commits.settle(kafka, false);
                stop.awaitFor(Duration.ofMillis(5));
            }
            commits.settle(kafka, true);
            int running = commits.running(partitions, takenBack);
            if (running > 0) {
                String why = stop.isRaised() ? "the activation stopped"
                        : "listeners still processed them after " + REVOKE_WAIT.toSeconds() + " s";
                LOG.warning(() -> "Conduit: partitions " + partitions + " were revoked with " + running + " of their "
                        + "events not completed (" + why + "); the new owner receives those events again");
            }
            commits.forget(partitions);
        }

        @Override
        public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
            if (!partitions.isEmpty()) {
                int skipped = commits.assigned(kafka, partitions);
                if (skipped > 0) {
                    LOG.info(() -> "Conduit: " + name() + ": " + skipped + " records of " + partitions + " were "
                            + "processed by their last owner beyond the committed offsets; they are not delivered "
                            + "again");
                }
            }
            if (paused) {
                kafka.pause(partitions);
            }
        }
    }

    static ConsumedEvent toEvent(ConsumerRecord<byte[], byte[]> record) {
        String key = record.key() == null ? null : new String(record.key(), StandardCharsets.UTF_8);
        byte[] value = record.value() == null ? new byte[0] : record.value();
        return new ConsumedEvent(record.topic(), record.partition(), record.offset(), key, value,
                new KafkaHeaderView(record.headers()), Instant.ofEpochMilli(record.timestamp()), 1);
    }

    /** Whether the consumer had a connection to a broker when last measured (only this thread may ask it). */
    boolean connected() {
        return connected;
    }

    private static double connectionCount(KafkaConsumer<byte[], byte[]> kafka) {
        for (var metric : kafka.metrics().entrySet()) {
            if (metric.getKey().name().equals("connection-count")
                    && metric.getKey().group().equals("consumer-metrics")
                    && metric.getValue().metricValue() instanceof Number count) {
                return count.doubleValue();
            }
        }
        return 1;
    }

    @Override
    protected void wakeUp() {
        KafkaConsumer<byte[], byte[]> current = consumer;
        if (current != null) {
            current.wakeup();
        }
    }
}
