package dev.conduit.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;

/** The test side of the deployed application's REST window (publish, read what the MDBs received). */
final class AppClient {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    private final URL base;

    AppClient(URL base) {
        this.base = base;
    }

    String post(String path) throws IOException, InterruptedException {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(url(path))
                .POST(HttpRequest.BodyPublishers.noBody()).timeout(Duration.ofMinutes(3)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as("POST %s: %s", path, response.body()).isEqualTo(200);
        return response.body();
    }

    String get(String path) throws IOException, InterruptedException {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(url(path)).timeout(Duration.ofSeconds(30))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as("GET %s: %s", path, response.body()).isEqualTo(200);
        return response.body();
    }

    /** What the MDBs received on a topic, as "key|payload|eventType" lines in arrival order. */
    List<String> received(String topic) throws IOException, InterruptedException {
        String body = get("events/" + topic + "/received");
        return body.isEmpty() ? List.of() : List.of(body.split("\n"));
    }

    void awaitReceived(String topic, int expected, Duration timeout) throws Exception {
        await(expected + " events received by the MDB on " + topic).atMost(timeout)
                .pollInterval(Duration.ofMillis(100))
                .until(() -> Integer.parseInt(get("events/" + topic + "/received/count")), count -> count >= expected);
    }

    private URI url(String path) {
        return URI.create(base.toExternalForm().replaceAll("/$", "") + "/api/" + path);
    }
}
