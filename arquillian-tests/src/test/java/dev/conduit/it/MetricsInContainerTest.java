package dev.conduit.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.File;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import dev.conduit.facade.metrics.ConduitMetricsServlet;

/**
 * The facade's Prometheus endpoint on Payara Micro, scraped over HTTP after known traffic: 21 envelopes published
 * to a topic of its own over the Kafka pool, one of them poison for the MDB (two attempts, then dead-lettered).
 * The scrape must show exactly that, labelled with the pool's servers and client id and the MDB's topic and group.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class MetricsInContainerTest {

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final String TOPIC = "it-metrics";

    @ArquillianResource
    private URL base;

    @Deployment(testable = false)
    static WebArchive application() {
        // The facade's metrics classes and the Prometheus client jars it brings, as a WAR bundling the facade has.
        WebArchive war = TestApplicationArchive.create().addPackage(ConduitMetricsServlet.class.getPackage());
        Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
                .map(File::new)
                .filter(jar -> jar.getName().startsWith("prometheus-metrics-") && jar.getName().endsWith(".jar"))
                .forEach(war::addAsLibrary);
        return war;
    }

    @Test
    void aScrapeShowsWhatWasPublishedConsumedAndDeadLettered() throws Exception {
        AppClient app = new AppClient(base);
        app.post("events/kafka/" + TOPIC + "/envelopes?count=10&from=0&prefix=ok");
        app.post("events/kafka/" + TOPIC + "/envelopes?count=1&from=10&prefix=poison");
        app.post("events/kafka/" + TOPIC + "/envelopes?count=10&from=11&prefix=ok");
        app.awaitReceived(TOPIC, 20, Duration.ofSeconds(90));

        String client = "client_id=\"conduit-it\",servers=\"" + System.getProperty("conduit.kafka.servers")
                + "\",topic=\"" + TOPIC + "\",transport=\"kafka\"";
        String activation = "group=\"it-metrics\",topic=\"" + TOPIC + "\",transport=\"kafka\"";
        // The dead letter is sent after the MDB's last attempt; the lag is measured at the poller's next poll.
        await("the dead letter and the lag counted").atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(200))
                .until(() -> scrape().getOrDefault("conduit_dead_lettered_total{" + activation + "}", -1.0) == 1
                        && scrape().getOrDefault("conduit_consumer_lag{" + activation + "}", -1.0) == 0);

        Map<String, Double> metrics = scrape();
        System.out.println("METRICS scrape, series of " + TOPIC + ":");
        metrics.keySet().stream().filter(series -> series.contains(TOPIC)).sorted()
                .forEach(series -> System.out.println("  " + series + " " + metrics.get(series)));
        assertThat(metrics).containsEntry("conduit_published_total{" + client + "}", 21.0)
                .containsEntry("conduit_publish_failed_total{" + client + "}", 0.0)
                .containsEntry("conduit_consumed_total{" + activation + "}", 20.0)
                .containsEntry("conduit_consume_failed_attempts_total{" + activation + "}", 2.0)
                .containsEntry("conduit_dead_lettered_total{" + activation + "}", 1.0)
                .containsEntry("conduit_ignored_total{" + activation + "}", 0.0)
                .containsEntry("conduit_consumer_buffered{" + activation + "}", 0.0)
                .containsEntry("conduit_consumer_mode{" + activation + ",conduit_consumer_mode=\"NORMAL\"}", 1.0);
        assertThat(scrapeText()).as("the secure pool's password (a Payara alias) appears nowhere")
                .doesNotContain(InContainerEnvironment.KAFKA_PASSWORD);
    }

    /** Series ({@code name{labels}}) to value, from the text format. */
    private Map<String, Double> scrape() throws Exception {
        Map<String, Double> series = new HashMap<>();
        for (String line : scrapeText().split("\n")) {
            if (!line.isBlank() && !line.startsWith("#")) {
                int space = line.lastIndexOf(' ');
                series.put(line.substring(0, space), Double.parseDouble(line.substring(space + 1)));
            }
        }
        return series;
    }

    private String scrapeText() throws Exception {
        URI uri = URI.create(base.toExternalForm().replaceAll("/$", "") + "/conduit/metrics");
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(20)).GET()
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as("GET %s: %s", uri, response.body()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(type ->
                assertThat(type).startsWith("text/plain"));
        return response.body();
    }
}
