package org.gigwatch.schemas.registry;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * An HTTP endpoint with canned answers that records every request: it shows what the REST client sends and
 * how often (the cache), and how it maps error answers, without a registry. Real-registry behaviour is
 * covered by {@code RegistrySerdeIntegrationTest}.
 */
final class StubRegistryHttpServer implements AutoCloseable {
    record Request(String method, String path, String contentType, String body) {}

    private record Answer(int status, String body, CountDownLatch holdUntil) {}

    private final HttpServer server;
    /** More than one thread, so that a hanging answer does not hold up the others. */
    private final ExecutorService handlers = Executors.newCachedThreadPool();
    private final Map<String, Answer> answers = new ConcurrentHashMap<>();
    private final List<Request> requests = new CopyOnWriteArrayList<>();

    StubRegistryHttpServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", this::handle);
        server.setExecutor(handlers);
        server.start();
    }

    /** Base URL with a path prefix, as Apicurio's {@code /apis/ccompat/v7}. */
    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/ccompat";
    }

    StubRegistryHttpServer answer(String method, String path, int status, String body) {
        answers.put(method + " " + path, new Answer(status, body, null));
        return this;
    }

    /** Answers only once {@code release} is counted down: a registry that hangs. */
    StubRegistryHttpServer hang(String method, String path, CountDownLatch release) {
        answers.put(method + " " + path, new Answer(200, "{}", release));
        return this;
    }

    List<Request> requests() {
        return List.copyOf(requests);
    }

    long count(String method, String path) {
        return requests.stream().filter(r -> r.method().equals(method) && r.path().equals(path)).count();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getRawPath().substring("/ccompat".length());
            String method = exchange.getRequestMethod();
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            requests.add(new Request(method, path, exchange.getRequestHeaders().getFirst("Content-Type"), body));
            Answer answer = answers.getOrDefault(method + " " + path,
                    new Answer(404, "{\"message\":\"no such resource\",\"error_code\":404}", null));
            if (answer.holdUntil() != null) {
                awaitRelease(answer.holdUntil());
            }
            byte[] bytes = answer.body().getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "application/vnd.schemaregistry.v1+json");
            exchange.sendResponseHeaders(answer.status(), bytes.length);
            exchange.getResponseBody().write(bytes);
        }
    }

    private static void awaitRelease(CountDownLatch release) {
        try {
            release.await(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        server.stop(0);
        handlers.shutdownNow();
    }
}
