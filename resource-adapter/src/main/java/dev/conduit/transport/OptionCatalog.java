package dev.conduit.transport;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import dev.conduit.api.InvalidTopicException;
import dev.conduit.config.CommonOptions;
import dev.conduit.config.ConfigValues;
import dev.conduit.config.Direction;
import dev.conduit.config.InboundOptions;
import dev.conduit.config.InvalidConfigurationException;
import dev.conduit.config.InvalidConfigurationException.Problem;
import dev.conduit.config.Option;
import dev.conduit.config.OutboundOptions;

/**
 * Which options exist and where they apply: the core options (every transport) and each registered transport's
 * own. {@link #configure} turns a bean's raw properties into a validated {@link TransportConfig}, refusing options
 * set where they do not apply.
 */
public final class OptionCatalog {

    private OptionCatalog() {
    }

    /** The options every transport reads, for one direction. */
    public static List<Option<?>> core(Direction direction) {
        List<Option<?>> core = new ArrayList<>(CommonOptions.CORE);
        core.addAll(direction == Direction.INBOUND ? InboundOptions.CORE : OutboundOptions.CORE);
        return core;
    }

    /** Every option a bean of {@code direction} has a property for: the core ones, then each transport's. */
    public static List<Option<?>> options(Direction direction) {
        Set<Option<?>> all = new LinkedHashSet<>(core(direction));
        for (Transport transport : Transports.all()) {
            transport.options().stream().filter(option -> option.appliesTo(direction)).forEach(all::add);
        }
        return List.copyOf(all);
    }

    /** The ids of the transports that read {@code option}. */
    public static List<String> readers(Option<?> option) {
        boolean core = CommonOptions.CORE.contains(option) || InboundOptions.CORE.contains(option)
                || OutboundOptions.CORE.contains(option);
        return Transports.all().stream().filter(transport -> core || transport.options().contains(option))
                .map(Transport::id).toList();
    }

    /** The options that apply to {@code transport} in {@code direction}. */
    public static List<Option<?>> applicable(Transport transport, Direction direction) {
        return options(direction).stream()
                .filter(option -> core(direction).contains(option) || transport.options().contains(option))
                .toList();
    }

    /** Dead letters are published: their topic obeys the transport's rules for topics one publishes to. */
    private static Optional<Problem> deadLetterTopicProblem(Transport transport, String topic) {
        if (topic.isBlank()) {
            return Optional.empty();
        }
        try {
            transport.checkTopicName(topic);
            return Optional.empty();
        } catch (InvalidTopicException e) {
            return Optional.of(new Problem(InboundOptions.DEAD_LETTER_TOPIC.name(), "property '"
                    + InboundOptions.DEAD_LETTER_TOPIC.name() + "': " + e.getMessage()));
        }
    }

    /**
     * Parses and validates {@code raw}: the transport must be registered, every applicable option valid, no option
     * set that the transport does not read, and the transport's own cross-option checks must pass.
     *
     * @throws InvalidConfigurationException listing every problem with the property it is about
     */
    public static TransportConfig configure(Direction direction, Map<String, String> raw)
            throws InvalidConfigurationException {
        String subject = direction.subject();
        String id = ConfigValues.parse(subject, CommonOptions.CORE, raw).get(CommonOptions.TRANSPORT);
        Transport transport = Transports.find(id).orElseThrow(() -> InvalidConfigurationException.of(subject,
                CommonOptions.TRANSPORT.name(), "property 'transport' = '" + id + "' is not a registered "
                        + "transport; use one of " + String.join(", ", Transports.ids())));
        List<Problem> problems = new ArrayList<>();
        List<Option<?>> applicable = applicable(transport, direction);
        for (Option<?> option : options(direction)) {
            String value = raw.get(option.name());
            if (value != null && !value.isBlank() && !applicable.contains(option)) {
                problems.add(new Problem(option.name(), "property '" + option.name() + "' does not apply to "
                        + "transport=" + transport.id() + " (it is read by " + String.join(", ", readers(option))
                        + "); remove it"));
            }
        }
        ConfigValues values = null;
        try {
            values = ConfigValues.parse(subject, applicable, raw);
        } catch (InvalidConfigurationException e) {
            problems.addAll(e.problemList());
        }
        if (values != null && direction == Direction.INBOUND) {
            deadLetterTopicProblem(transport, values.get(InboundOptions.DEAD_LETTER_TOPIC)).ifPresent(problems::add);
        }
        if (!problems.isEmpty()) {
            throw new InvalidConfigurationException(subject, problems);
        }
        transport.validate(direction, values);
        return new TransportConfig(transport, values);
    }
}
