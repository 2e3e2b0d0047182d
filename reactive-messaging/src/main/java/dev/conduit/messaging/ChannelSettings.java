package dev.conduit.messaging;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.reactive.messaging.spi.ConnectorFactory;

import dev.conduit.config.Direction;
import dev.conduit.config.InboundOptions;
import dev.conduit.config.InvalidConfigurationException;
import dev.conduit.config.Option;
import dev.conduit.transport.OptionCatalog;
import dev.conduit.transport.TransportConfig;

/**
 * A channel's attributes ({@code mp.messaging.incoming.<channel>.*}, {@code mp.messaging.outgoing.<channel>.*},
 * and {@code mp.messaging.connector.conduit.*} for every channel) as the adapter's options: the same names, rules
 * and messages as MDB activation properties (incoming) and connection-factory properties (outgoing), validated by
 * {@link OptionCatalog}. Differences, each because of the Reactive Messaging runtime:
 * <ul>
 * <li>{@code max-concurrency} sets the option {@code concurrency}; {@code concurrency} itself is SmallRye's
 * attribute that opens that many copies of the channel, each its own consumer (on NATS they would share one
 * durable consumer with no order per aggregate between them), so it is refused.</li>
 * <li>{@code topics} (incoming) and {@code topic} (outgoing) default to the channel's name.</li>
 * <li>The runtime's own attributes ({@code connector}, {@code channel-name}, {@code enabled}, ...) are skipped.</li>
 * </ul>
 */
final class ChannelSettings {

    static final String MAX_CONCURRENCY = "max-concurrency";
    static final String TOPIC = "topic";
    private static final String SMALLRYE_CONCURRENCY = "concurrency";
    private static final Set<String> RUNTIME_ATTRIBUTES = Set.of(ConnectorFactory.CONNECTOR_ATTRIBUTE,
            ConnectorFactory.CHANNEL_NAME_ATTRIBUTE, "type", "enabled", "broadcast", "merge", "pausable",
            "initially-paused");

    private ChannelSettings() {
    }

    /** An outgoing channel: where it publishes by default, and its publisher's configuration. */
    record Outgoing(String topic, TransportConfig config) {
    }

    static String channel(Config config) {
        return config.getValue(ConnectorFactory.CHANNEL_NAME_ATTRIBUTE, String.class);
    }

    static TransportConfig incoming(Config config) {
        String channel = channel(config);
        List<String> problems = new ArrayList<>();
        Map<String, String> raw = attributes(config, Direction.INBOUND, problems);
        raw.putIfAbsent(InboundOptions.TOPICS.name(), channel);
        return configure(Direction.INBOUND, raw, channel, problems);
    }

    static Outgoing outgoing(Config config) {
        String channel = channel(config);
        List<String> problems = new ArrayList<>();
        Map<String, String> raw = attributes(config, Direction.OUTBOUND, problems);
        String topic = raw.remove(TOPIC);
        return new Outgoing(topic == null || topic.isBlank() ? channel : topic,
                configure(Direction.OUTBOUND, raw, channel, problems));
    }

    /** The attributes that are options of {@code direction}; adds a problem for each other one. */
    private static Map<String, String> attributes(Config config, Direction direction, List<String> problems) {
        Map<String, String> raw = new HashMap<>();
        for (String name : config.getPropertyNames()) {
            if (RUNTIME_ATTRIBUTES.contains(name)) {
                continue;
            }
            String value = config.getOptionalValue(name, String.class).orElse(null);
            if (value == null) {
                continue;
            }
            String option = direction == Direction.INBOUND && MAX_CONCURRENCY.equals(name)
                    ? InboundOptions.CONCURRENCY.name() : name;
            String problem = problem(direction, name);
            if (problem != null) {
                problems.add(problem);
            } else {
                raw.put(option, value);
            }
        }
        return raw;
    }

    /** Why {@code name} cannot be set on a channel of {@code direction}, or {@code null} if it can. */
    private static String problem(Direction direction, String name) {
        if (direction == Direction.INBOUND && MAX_CONCURRENCY.equals(name)) {
            return null;
        }
        if (direction == Direction.OUTBOUND && TOPIC.equals(name)) {
            return null;
        }
        if (direction == Direction.INBOUND && SMALLRYE_CONCURRENCY.equals(name)) {
            return "attribute 'concurrency' makes the Reactive Messaging runtime open that many copies of the "
                    + "channel, each its own consumer (copies of a NATS channel would share its durable consumer "
                    + "without order per aggregate); set 'max-concurrency' for how many messages, of different "
                    + "aggregates, are processed at once";
        }
        if (names(direction).contains(name)) {
            return null;
        }
        Direction other = direction == Direction.INBOUND ? Direction.OUTBOUND : Direction.INBOUND;
        if (names(other).contains(name) || (other == Direction.OUTBOUND && TOPIC.equals(name))
                || (other == Direction.INBOUND && MAX_CONCURRENCY.equals(name))) {
            return "attribute '" + name + "' applies to " + (other == Direction.INBOUND ? "incoming" : "outgoing")
                    + " channels only; remove it" + (TOPIC.equals(name) ? " (incoming channels read 'topics')" : "");
        }
        return "attribute '" + name + "' is not a Conduit option; the " + (direction == Direction.INBOUND
                ? "incoming" : "outgoing") + " ones are " + String.join(", ", names(direction))
                + (direction == Direction.INBOUND ? ", max-concurrency" : ", topic")
                + " (see docs/configuration.md)";
    }

    private static List<String> names(Direction direction) {
        return OptionCatalog.options(direction).stream().map(Option::name)
                .filter(name -> !(direction == Direction.INBOUND && name.equals(InboundOptions.CONCURRENCY.name())))
                .toList();
    }

    private static TransportConfig configure(Direction direction, Map<String, String> raw, String channel,
                                             List<String> problems) {
        TransportConfig config = null;
        try {
            config = OptionCatalog.configure(direction, raw);
        } catch (InvalidConfigurationException e) {
            e.problems().stream()
                    .map(problem -> problem.replace("property 'concurrency'", "attribute 'max-concurrency'"))
                    .forEach(problems::add);
        }
        if (!problems.isEmpty()) {
            throw invalid(direction, channel, problems);
        }
        return config;
    }

    private static IllegalArgumentException invalid(Direction direction, String channel, List<String> problems) {
        String prefix = direction == Direction.INBOUND ? "mp.messaging.incoming." : "mp.messaging.outgoing.";
        return new IllegalArgumentException("Invalid Conduit channel '" + channel + "' (" + prefix + channel
                + ".*): " + String.join("; ", problems));
    }
}
