package dev.conduit.inbound;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;

import dev.conduit.api.IncomingEvent;

/**
 * A fake source for the pipeline: hands over a scripted list of events (key = aggregate, payload = text) in order,
 * then idles; records what completed, what was abandoned, what was dead-lettered, and whether it was closed.
 */
final class ScriptedSource implements EventSource {

    final Queue<String> completed = new ConcurrentLinkedQueue<>();
    final Queue<String> abandoned = new ConcurrentLinkedQueue<>();
    final Queue<String> deadLettered = new ConcurrentLinkedQueue<>();
    final AtomicBoolean closed = new AtomicBoolean();
    private final List<String[]> script;

    /** @param keyAndText alternating aggregate keys and payload texts */
    ScriptedSource(String... keyAndText) {
        this.script = new java.util.ArrayList<>();
        for (int i = 0; i < keyAndText.length; i += 2) {
            script.add(new String[] {keyAndText[i], keyAndText[i + 1]});
        }
    }

    @Override
    public DeadLetterSink deadLetters() {
        return new DeadLetterSink() {
            @Override
            public void send(IncomingEvent event, String reason) {
                deadLettered.add(text(event) + ": " + reason);
            }

            @Override
            public void close() {
            }
        };
    }

    @Override
    public List<AdapterWork> fetchers(SourceContext context) {
        return List.of(new AdapterWork(context.name() + "-script", context.stop()) {
            @Override
            protected void execute() {
                try {
                    for (int i = 0; i < script.size() && !stop.isRaised(); i++) {
                        ConsumedEvent event = new ConsumedEvent("t", 0, i, script.get(i)[0],
                                script.get(i)[1].getBytes(StandardCharsets.UTF_8), Map.of(), Instant.now(), 1);
                        while (!context.dispatch().submit(new Scripted(event), Duration.ofMillis(50))) {
                            if (stop.isRaised()) {
                                return;
                            }
                        }
                    }
                    stop.awaitFor(Duration.ofMinutes(5));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        });
    }

    @Override
    public void close() {
        closed.set(true);
    }

    static String text(IncomingEvent event) {
        return new String(event.payload(), StandardCharsets.UTF_8);
    }

    private final class Scripted implements InFlightEvent {
        private final ConsumedEvent event;

        Scripted(ConsumedEvent event) {
            this.event = event;
        }

        @Override
        public ConsumedEvent event() {
            return event;
        }

        @Override
        public void completed() {
            completed.add(text(event));
        }

        @Override
        public void abandoned() {
            abandoned.add(text(event));
        }
    }
}
