package org.gigwatch.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.gigwatch.embedded.KafkaFixture;
import org.gigwatch.embedded.RegistryFixture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code gigwatch gateway} against a real broker and registry, with keys issued and revoked by {@code gigwatch platforms}. */
class GatewayCommandIntegrationTest {
    private static final Pattern LISTENING = Pattern.compile("ingest gateway +http://127\\.0\\.0\\.1:(\\d+)");
    private static final Pattern KEY = Pattern.compile("gw_[A-Za-z0-9_-]{43}");
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @RegisterExtension
    static KafkaFixture kafka = KafkaFixture.perClass();

    @RegisterExtension
    static RegistryFixture registry = RegistryFixture.perClass();

    @Test
    void aRunningGatewayTakesAnIssuedKeyAndRefusesItOnceRevoked(@TempDir Path dir) throws Exception {
        Path keys = dir.resolve("platform-keys");
        StringWriter issued = new StringWriter();
        CommandLine issue = Gigwatch.commandLine();
        issue.setOut(new PrintWriter(issued, true));
        assertThat(issue.execute("platforms", "issue", "--keys", keys.toString(), "swiftmeal")).isZero();
        Matcher key = KEY.matcher(issued.toString());
        assertThat(key.find()).isTrue();

        StringWriter output = new StringWriter(); // a StringBuffer inside: safe to read while the command writes
        CommandLine commandLine = Gigwatch.commandLine();
        commandLine.setOut(new PrintWriter(output, true));
        GatewayCommand command = (GatewayCommand) commandLine.getSubcommands().get("gateway").getCommand();
        AtomicInteger exit = new AtomicInteger(-1);
        Thread running = new Thread(() -> exit.set(commandLine.execute("gateway", "--bootstrap", kafka.bootstrapServers(),
                "--registry", registry.url(), "--keys", keys.toString(), "--port", "0")), "gateway-command");
        running.start();
        try {
            int port = awaitPort(output, running);
            URI sessions = URI.create("http://127.0.0.1:" + port + "/v1/events/sessions");
            String batch = """
                    [{"eventId": "%s", "workerId": "w1", "region": "330600", "occurredAt": "%s", "type": "LOGIN"}]"""
                    .formatted(UUID.randomUUID(), Instant.now().minusSeconds(60));

            HttpResponse<String> accepted = post(sessions, key.group(), batch);
            assertThat(accepted.statusCode()).isEqualTo(200);
            assertThat(accepted.body()).isEqualTo("{\"accepted\":1,\"duplicates\":0,\"rejected\":[],\"deadLettered\":[]}");

            assertThat(Gigwatch.commandLine().execute("platforms", "revoke", "--keys", keys.toString(), "swiftmeal")).isZero();

            HttpResponse<String> refused = post(sessions, key.group(), batch);
            assertThat(refused.statusCode()).isEqualTo(401);
            assertThat(refused.headers().firstValue("WWW-Authenticate")).contains("Bearer realm=\"gigwatch\"");
        } finally {
            command.stop.countDown();
            running.join(Duration.ofSeconds(30).toMillis());
        }
        assertThat(running.isAlive()).isFalse();
        assertThat(exit.get()).isZero();
        assertThat(output.toString()).contains("5000 events/s per platform, burst 10000").contains("stopping ...");
    }

    private static int awaitPort(StringWriter output, Thread running) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofMinutes(1).toNanos();
        while (System.nanoTime() < deadline && running.isAlive()) {
            Matcher listening = LISTENING.matcher(output.toString());
            if (listening.find()) {
                return Integer.parseInt(listening.group(1));
            }
            Thread.sleep(50);
        }
        throw new AssertionError("the gateway did not say where it listens:\n" + output);
    }

    private static HttpResponse<String> post(URI uri, String key, String body) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(uri).header("Authorization", "Bearer " + key)
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }
}
