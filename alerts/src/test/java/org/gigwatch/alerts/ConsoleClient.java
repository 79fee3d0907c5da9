package org.gigwatch.alerts;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.stream.Stream;

/** A regulator's side of the console's API over real HTTP: sign in, then GET with the session cookie, or follow the feed. */
final class ConsoleClient implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient http = HttpClient.newHttpClient();
    private final String base;
    private String cookie;
    private CompletableFuture<?> feed;
    private final java.util.concurrent.atomic.AtomicReference<Stream<String>> feedLines = new java.util.concurrent.atomic.AtomicReference<>();

    ConsoleClient(String base) {
        this.base = base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
    }

    /** Signs in; returns the status (200, or 401). */
    int login(String user, String password) throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(base + "/api/login"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(java.util.Map.of("user", user, "password", password))))
                .build(), HttpResponse.BodyHandlers.ofString());
        response.headers().firstValue("Set-Cookie").ifPresent(c -> cookie = c.substring(0, c.indexOf(';')));
        return response.statusCode();
    }

    HttpResponse<String> post(String path, String body) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create(base + path)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<String> get(String path) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(10));
        if (cookie != null) {
            request.header("Cookie", cookie);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    JsonNode json(String path) throws IOException, InterruptedException {
        HttpResponse<String> response = get(path);
        if (response.statusCode() != 200) {
            throw new IllegalStateException("GET " + path + ": " + response.statusCode() + " " + response.body());
        }
        return JSON.readTree(response.body());
    }

    /** Follows the live feed: each alert event's data, parsed, into the queue (in arrival order). */
    BlockingQueue<JsonNode> follow(String query) {
        BlockingQueue<JsonNode> events = new LinkedBlockingQueue<>();
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + "/api/feed" + query)).header("Accept", "text/event-stream");
        if (cookie != null) {
            request.header("Cookie", cookie);
        }
        feed = http.sendAsync(request.build(), HttpResponse.BodyHandlers.ofLines()).thenAccept(response -> {
            try (Stream<String> lines = response.body()) {
                feedLines.set(lines);
                lines.filter(line -> line.startsWith("data:")).forEach(line -> {
                    try {
                        events.add(JSON.readTree(line.substring(5).trim()));
                    } catch (IOException e) {
                        throw new IllegalStateException("feed sent something that is not JSON: " + line, e);
                    }
                });
            }
        });
        return events;
    }

    @Override
    public void close() {
        Stream<String> lines = feedLines.get();
        if (lines != null) {
            lines.close(); // closes the connection: the server sees the feed end
        }
        if (feed != null) {
            feed.cancel(true);
        }
    }
}
