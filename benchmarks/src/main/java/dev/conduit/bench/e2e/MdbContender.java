package dev.conduit.bench.e2e;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** An MDB of the benchmark application; its count is read over HTTP. */
final class MdbContender implements Contender {

    private static final Duration DEADLINE = Duration.ofMinutes(3);

    private final String name;
    private final String transport;
    private final String topic;
    private final Publishers publishers;
    private final PayaraMicroProcess server;
    private final HttpClient http;
    private double firstEventSeconds;
    private Timeline timeline;

    /**
     * The last run, in seconds from publish start: publishing returned, the server counted the first event and all
     * of them (wall clock of both processes, same machine).
     */
    record Timeline(double published, double firstEvent, double lastEvent) {
    }

    MdbContender(String name, String transport, String topic, Publishers publishers, PayaraMicroProcess server,
                 HttpClient http) {
        this.name = name;
        this.transport = transport;
        this.topic = topic;
        this.publishers = publishers;
        this.server = server;
        this.http = http;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public String transport() {
        return transport;
    }

    @Override
    public double run(int events) throws Exception {
        http.send(HttpRequest.newBuilder(server.uri(path())).DELETE().build(), HttpResponse.BodyHandlers.discarding());
        long start = System.nanoTime();
        long startMicros = BacklogDrain.nowMicros();
        publishers.publish(transport, topic, events);
        long publishedMicros = BacklogDrain.nowMicros();
        long firstSeen = firstEvent();
        firstEventSeconds = firstSeen < 0 ? -1 : (firstSeen - start) / 1e9;
        String[] answer = http.send(HttpRequest.newBuilder(server.uri(path() + "/await/" + events
                + "?timeoutMs=" + DEADLINE.toMillis())).timeout(DEADLINE.plusSeconds(10)).build(),
                HttpResponse.BodyHandlers.ofString()).body().trim().split(" ");
        long count = Long.parseLong(answer[0]);
        timeline = new Timeline((publishedMicros - startMicros) / 1e6,
                (Long.parseLong(answer[1]) - startMicros) / 1e6, (Long.parseLong(answer[2]) - startMicros) / 1e6);
        if (count < events) {
            throw new IllegalStateException(name + ": only " + count + " of " + events + " consumed within "
                    + DEADLINE + "; see " + server.log());
        }
        return (System.nanoTime() - start) / 1e9;
    }

    /**
     * Seconds from publish start until publishing returned, if the MDB had counted events by then (it consumes
     * while the benchmark publishes), else -1: an upper bound for the first event's latency.
     */
    double firstEventSeconds() {
        return firstEventSeconds;
    }

    Timeline timeline() {
        return timeline;
    }

    /** When the first event was counted, if it had been by the time publishing returned; else -1. */
    private long firstEvent() throws Exception {
        return count() > 0 ? System.nanoTime() : -1;
    }

    private long count() throws Exception {
        return Long.parseLong(http.send(HttpRequest.newBuilder(server.uri(path())).build(),
                HttpResponse.BodyHandlers.ofString()).body().trim());
    }

    private String path() {
        return "conduit-benchmark-app/bench/count/" + topic;
    }
}
