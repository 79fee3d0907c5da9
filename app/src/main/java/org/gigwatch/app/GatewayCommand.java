package org.gigwatch.app;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.gigwatch.gateway.GatewayConfig;
import org.gigwatch.gateway.IngestGateway;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** The ingest gateway: platforms POST their events over HTTP, the gateway writes them to Kafka. Until Ctrl-C. */
@Command(name = "gateway", mixinStandardHelpOptions = true,
        description = "Run the ingest gateway (HTTP API for platforms' events, see docs/GATEWAY.md) until Ctrl-C.")
final class GatewayCommand implements Callable<Integer> {

    @Mixin
    ClusterOptions cluster;

    @Mixin
    KeysOption keys;

    @Mixin
    RulesOption rules;

    @Option(names = "--host", defaultValue = "127.0.0.1",
            description = "Address to listen on (default: ${DEFAULT-VALUE}; put a TLS proxy in front of anything else).")
    String host;

    @Option(names = "--port", defaultValue = "8080", description = "HTTP port; 0 picks a free one (default: ${DEFAULT-VALUE}).")
    int port;

    @Option(names = "--max-batch", defaultValue = "" + GatewayConfig.DEFAULT_MAX_BATCH_SIZE,
            description = "Events per request at most (default: ${DEFAULT-VALUE}).")
    int maxBatch;

    @Option(names = "--ack-timeout", defaultValue = "10s",
            description = "How long Kafka may take to acknowledge a batch before the answer is a 503 (default: ${DEFAULT-VALUE}).")
    Duration ackTimeout;

    @Option(names = "--rate", defaultValue = "5000",
            description = "Events per second each platform may send on average; 0 = no limit (default: ${DEFAULT-VALUE}).")
    long rate;

    @Option(names = "--burst", defaultValue = "10000",
            description = "Events a platform may send at once, at least --max-batch (default: ${DEFAULT-VALUE}).")
    long burst;

    @Option(names = "--retention",
            description = "Reject events older than this, e.g. 7d (default: each event topic's own retention.ms, read "
                    + "from the broker at start; a topic without time-based retention takes any age).")
    Duration retention;

    @Spec
    CommandSpec spec;

    /** Counted down by Ctrl-C (the shutdown hook) or by a test. */
    final CountDownLatch stop = new CountDownLatch(1);

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        GatewayConfig config;
        try {
            config = config();
        } catch (IllegalArgumentException e) {
            spec.commandLine().getErr().println(e.getMessage());
            return 2;
        }
        try (ShutdownHook hook = new ShutdownHook("gigwatch-gateway-shutdown", stop, Duration.ofSeconds(30))) {
            out.printf("topics           %d new%n", cluster.ensureTopics().size());
            try (IngestGateway gateway = IngestGateway.start(config)) {
                out.printf("ingest gateway   http://%s:%d  (Kafka %s, keys %s, rule pack %s)%n", host, gateway.port(),
                        cluster.bootstrap, keys.file.toAbsolutePath().normalize(), config.rulePack().name());
                out.printf("limits           %d events a batch; %s; %s%n", maxBatch,
                        rate == 0 ? "no rate limit" : rate + " events/s per platform, burst " + burst,
                        retention == null ? "occurredAt within each topic's retention on the broker"
                                : "occurredAt at most " + retention + " old");
                out.println("API: POST /v1/events/{sessions|orders|payouts|registrations|quotas}; GET /openapi.yaml; Ctrl-C stops");
                out.flush();
                stop.await();
                out.println("stopping ...");
                out.flush();
            }
            return 0;
        }
    }

    GatewayConfig config() {
        return GatewayConfig.of(cluster.bootstrap, cluster.registry, keys.file)
                .withHost(host).withPort(port).withRulePack(rules.pack()).withMaxBatchSize(maxBatch).withAckTimeout(ackTimeout)
                .withRetention(retention)
                .withRateLimit(rate == 0 ? null : new GatewayConfig.RateLimit(rate, burst));
    }
}
