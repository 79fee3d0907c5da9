package org.gigwatch.alerts;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.bucket4j.TimeMeter;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.gigwatch.embedded.KafkaFixture;
import org.gigwatch.schemas.TopicSetup;
import org.gigwatch.schemas.rules.RulePack;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The console's sign-in limit over real HTTP, with the shipped limits (5 failures per account, 20 per client address,
 * each refilled over 5 minutes) on a clock the tests move. Each test signs in from addresses of its own (127.0.0.x,
 * all loopback on Linux). The view reads nothing here (no registry needed).
 */
class SignInLimitIntegrationTest {
    @RegisterExtension
    static KafkaFixture kafka = KafkaFixture.perClass();
    private static final ObjectMapper JSON = new ObjectMapper();
    private static RegulatorView view;
    private static RegulatorConsole console;

    private record Answer(int status, Map<String, String> headers, String body) {
        Optional<String> header(String name) {
            return Optional.ofNullable(headers.get(name.toLowerCase()));
        }
    }

    /** The limiter's clock, moved by the tests. */
    private static final AtomicLong nanos = new AtomicLong();

    @BeforeAll
    static void start() throws Exception {
        Accounts accounts = Accounts.of(List.of(
                new Account("sx-hrss", "330600", "hrss", Accounts.hash("sx-secret".toCharArray())),
                new Account("zj-hrss", "330000", "hrss", Accounts.hash("zj-secret".toCharArray()))));
        RulePack pack = RulePack.shipped("cn");
        RoutingTable table = new RoutingTable(pack);
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()))) {
            TopicSetup.ensureAll(admin);
            RoutingTopology.ensureRegulatorTopics(admin, table);
        }
        view = new RegulatorView(kafka.bootstrapServers(), "mock://sign-in", table.allTopics());
        console = RegulatorConsole.start("127.0.0.1", 0, accounts, view, pack, Severities.shipped("cn"),
                new SignInLimits(SignInLimits.PER_ACCOUNT, SignInLimits.PER_ADDRESS, new TimeMeter() {
                    @Override
                    public long currentTimeNanos() {
                        return nanos.get();
                    }

                    @Override
                    public boolean isWallClockBased() {
                        return false;
                    }
                }));
    }

    @AfterAll
    static void stop() throws Exception {
        if (console != null) {
            console.close();
        }
        if (view != null) {
            view.close();
        }
    }

    /** POST /api/login from {@code localAddress}, over a socket of its own (HttpClient cannot choose its source address). */
    private static Answer login(String localAddress, String user, String password) throws IOException {
        URI address = URI.create("http://127.0.0.1:" + console.port());
        byte[] body = JSON.writeValueAsBytes(Map.of("user", user, "password", password));
        try (Socket socket = new Socket(InetAddress.getByName(address.getHost()), address.getPort(),
                InetAddress.getByName(localAddress), 0)) {
            OutputStream out = socket.getOutputStream();
            out.write(("POST /api/login HTTP/1.1\r\nHost: " + address.getAuthority() + "\r\nContent-Type: application/json\r\n"
                    + "Content-Length: " + body.length + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.write(body);
            out.flush();
            String[] response = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8).split("\r\n\r\n", 2);
            String[] head = response[0].split("\r\n");
            Map<String, String> headers = new HashMap<>();
            for (int i = 1; i < head.length; i++) {
                String[] field = head[i].split(":", 2);
                headers.put(field[0].trim().toLowerCase(), field[1].trim());
            }
            return new Answer(Integer.parseInt(head[0].split(" ")[1]), headers, response.length > 1 ? response[1] : "");
        }
    }

    @Test
    void anAccountIsHeldBackAfterFiveFailuresEvenWithTheRightPassword() throws Exception {
        for (int i = 0; i < 5; i++) {
            assertThat(login("127.0.0.2", "sx-hrss", "guess-" + i).status()).as("guess %d", i).isEqualTo(401);
        }
        Answer held = login("127.0.0.2", "sx-hrss", "sx-secret");
        assertThat(held.status()).isEqualTo(429);
        assertThat(held.body()).contains("too many failed sign-ins");
        // one failure comes back a minute (5 per 5 minutes)
        assertThat(held.header("Retry-After")).contains("60");
        // the same account from another address: still the account's limit
        assertThat(login("127.0.0.5", "sx-hrss", "sx-secret").status()).isEqualTo(429);
        // another account from the same address is not held back
        assertThat(login("127.0.0.2", "zj-hrss", "zj-secret").status()).isEqualTo(200);
        // after the wait it told, the right password signs in
        nanos.addAndGet(Duration.ofSeconds(Long.parseLong(held.header("Retry-After").orElseThrow())).toNanos());
        assertThat(login("127.0.0.2", "sx-hrss", "sx-secret").status()).isEqualTo(200);
    }

    @Test
    void anAddressIsHeldBackAfterTwentyFailuresOnAnyAccounts() throws Exception {
        for (int i = 0; i < 20; i++) {
            assertThat(login("127.0.0.3", "nobody-" + i, "guess").status()).as("guess %d", i).isEqualTo(401);
        }
        Answer held = login("127.0.0.3", "zj-hrss", "zj-secret");
        assertThat(held.status()).isEqualTo(429);
        assertThat(held.header("Retry-After")).contains("15"); // 20 per 5 minutes: one back every 15 s
        // the account itself is fine, from anywhere else
        assertThat(login("127.0.0.4", "zj-hrss", "zj-secret").status()).isEqualTo(200);
    }
}
