package org.gigwatch.app;

import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Map;
import org.gigwatch.gateway.GatewayConfig;
import org.gigwatch.gateway.IngestGateway;
import org.gigwatch.gateway.PlatformKeys;
import org.gigwatch.avro.Platform;
import org.gigwatch.schemas.rules.RulePack;

/**
 * The ingest gateway in the demo, for people to try: a free port, a fresh API key for each platform of the rule pack
 * (the previous run's keys are revoked: a key is shown once, and only this run shows them), and a curl line to paste.
 */
final class DemoGateway {
    static final String KEYS_FILE = "platform-keys";

    /**
     * Starts it and prints where it is, the keys and the curl line; the caller closes it. The sample event is stamped
     * {@code sampleTime}, a time on the simulated clock: the demo's stream clock follows the newest event on the
     * topics, so a sample stamped with the wall clock (days away from simulated time) would move it and make the
     * simulator's events late.
     */
    static IngestGateway start(String bootstrap, String registryUrl, Path data, RulePack pack, Instant sampleTime,
            PrintStream out) {
        Path keysFile = data.resolve(KEYS_FILE);
        PlatformKeys keys = PlatformKeys.open(keysFile);
        Map<String, String> issued = new LinkedHashMap<>();
        for (Platform platform : pack.platforms()) {
            String id = String.valueOf(platform.getPlatformId());
            keys.revoke(id);
            issued.put(id, keys.issue(id));
        }
        IngestGateway gateway = IngestGateway.start(GatewayConfig.of(bootstrap, registryUrl, keysFile).withPort(0).withRulePack(pack));
        String url = "http://127.0.0.1:" + gateway.port();
        out.printf("ingest gateway   %s  (API in %s/openapi.yaml; keys hashed in %s)%n", url, url,
                keysFile.toAbsolutePath().normalize());
        issued.forEach((platform, key) -> out.printf("  API key        %-12s %s%n", platform, key));
        Map.Entry<String, String> first = issued.entrySet().iterator().next();
        out.printf("  try            curl -s -H 'Authorization: Bearer %s' -H 'Content-Type: application/json' %s/v1/events/sessions"
                        + " -d '[{\"eventId\": \"try-1\", \"workerId\": \"w-1\", \"region\": \"%s\", \"occurredAt\": \"%s\", \"type\": \"LOGIN\"}]'%n",
                first.getValue(), url, pack.regions().get(0).code(), sampleTime.truncatedTo(ChronoUnit.SECONDS));
        return gateway;
    }

    private DemoGateway() {}
}
