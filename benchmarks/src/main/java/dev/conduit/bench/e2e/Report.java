package dev.conduit.bench.e2e;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/** Rates per round, ratios against the raw client of the same round and transport, medians over rounds. */
final class Report {

    private final Map<Integer, Map<String, Double>> rates = new TreeMap<>();
    private final Map<String, String> transports = new HashMap<>();
    private final Map<String, Double> firstAfterDeploy = new LinkedHashMap<>();

    void firstAfterDeploy(String id, double rate) {
        firstAfterDeploy.put(id, rate);
    }

    private final List<Map<String, BacklogDrain.Drain>> drains = new ArrayList<>();

    /** One backlog drain, per drainer ({@link EndToEndBenchmark#DRAINERS}). */
    void drain(Map<String, BacklogDrain.Drain> results) {
        drains.add(results);
    }

    void add(int round, String id, Contender contender, double rate) {
        rates.computeIfAbsent(round, r -> new HashMap<>()).put(id, rate);
        transports.put(id, contender.transport());
    }

    String table(Map<String, Contender> contenders) {
        StringBuilder out = new StringBuilder(String.format(Locale.ROOT,
                "%n== Medians over %d rounds (events/s; ratio = this / raw client of the same round)%n", rates.size()));
        out.append(String.format(Locale.ROOT, "%-52s %12s %10s%n", "contender", "events/s", "vs raw"));
        for (Map.Entry<String, Contender> entry : contenders.entrySet()) {
            String id = entry.getKey();
            String raw = transports.get(id) + "-raw";
            if (!contenders.containsKey(raw)) {
                continue;
            }
            out.append(String.format(Locale.ROOT, "%-52s %12.0f %10.2f%n", entry.getValue().name(),
                    median(perRound(id)), median(ratios(id, raw))));
        }
        if (contenders.keySet().containsAll(List.of("kafka-b4", "kafka-peer", "kafka-c4", "kafka-c4u", "kafka-c16",
                "kafka-c16u"))) {
            out.append(String.format(Locale.ROOT, "%nConduit Kafka batches vs Payara Cloud Connectors synch mode: "
                    + "%.2f%n", median(ratios("kafka-b4", "kafka-peer"))));
            out.append(String.format(Locale.ROOT, "Conduit Kafka per event c4 vs Payara Cloud Connectors synch mode: "
                    + "%.2f%n", median(ratios("kafka-c4", "kafka-peer"))));
            out.append(String.format(Locale.ROOT, "Ordered vs unordered, Kafka concurrency 4: %.2f, concurrency 16: "
                    + "%.2f%n", median(ratios("kafka-c4", "kafka-c4u")), median(ratios("kafka-c16", "kafka-c16u"))));
        }
        if (!drains.isEmpty()) {
            out.append(String.format(Locale.ROOT, "Backlog drain of %,d events (first -> last event; medians of %d "
                    + "drains; start -> first event: raw = new consumer, Conduit = its gate opened)%n",
                    drains.get(0).get("raw").events(), drains.size()));
            for (String who : EndToEndBenchmark.DRAINERS.keySet()) {
                List<Double> rates = new ArrayList<>();
                List<Double> ratios = new ArrayList<>();
                List<Double> toFirst = new ArrayList<>();
                List<Double> wholeRatios = new ArrayList<>();
                for (Map<String, BacklogDrain.Drain> drain : drains) {
                    rates.add(drain.get(who).rate());
                    ratios.add(drain.get(who).rate() / drain.get("raw").rate());
                    toFirst.add(drain.get(who).toFirstSeconds());
                    wholeRatios.add(drain.get("raw").totalSeconds() / drain.get(who).totalSeconds());
                }
                out.append(String.format(Locale.ROOT, "  %-48s %10.0f events/s %6.2f of raw (per drain %s), first "
                        + "event after %.2f s; start -> last event %.2f of raw%n", EndToEndBenchmark.DRAINERS.get(who),
                        median(rates), median(ratios), format(ratios), median(toFirst), median(wholeRatios)));
            }
        }
        firstAfterDeploy.forEach((id, rate) -> out.append(String.format(Locale.ROOT,
                "First 10,000 events after deploy, %s: %.0f events/s = %.2f of its warm median%n", id, rate,
                rate / median(perRound(id)))));
        return out.toString();
    }

    private static String format(List<Double> values) {
        List<String> parts = new ArrayList<>();
        values.forEach(value -> parts.add(String.format(Locale.ROOT, "%.2f", value)));
        return String.join(" / ", parts);
    }

    private List<Double> perRound(String id) {
        List<Double> values = new ArrayList<>();
        rates.values().forEach(round -> values.add(round.get(id)));
        return values;
    }

    private List<Double> ratios(String id, String baseline) {
        List<Double> values = new ArrayList<>();
        rates.values().forEach(round -> values.add(round.get(id) / round.get(baseline)));
        return values;
    }

    private static double median(List<Double> values) {
        List<Double> sorted = new ArrayList<>(values);
        sorted.sort(Double::compare);
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }
}
