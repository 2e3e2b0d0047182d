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
        publishers.publish(transport, topic, events);
        long deadline = start + DEADLINE.toNanos();
        long count = 0;
        firstEventSeconds = -1;
        while ((count = count()) < events) {
            if (count > 0 && firstEventSeconds < 0) {
                firstEventSeconds = (System.nanoTime() - start) / 1e9;
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException(name + ": only " + count + " of " + events + " consumed within "
                        + DEADLINE + "; see " + server.log());
            }
            Thread.sleep(5);
        }
        return (System.nanoTime() - start) / 1e9;
    }

    /** Seconds from publish start until the MDB had counted its first event, in the last run. */
    double firstEventSeconds() {
        return firstEventSeconds;
    }

    private long count() throws Exception {
        return Long.parseLong(http.send(HttpRequest.newBuilder(server.uri(path())).build(),
                HttpResponse.BodyHandlers.ofString()).body().trim());
    }

    private String path() {
        return "conduit-benchmark-app/bench/count/" + topic;
    }
}
