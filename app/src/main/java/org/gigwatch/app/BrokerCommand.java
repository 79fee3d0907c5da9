package org.gigwatch.app;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.gigwatch.embedded.KafkaBroker;
import org.gigwatch.schemas.TopicSetup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** A real single-node KRaft broker in its own process, e.g. for benchmarks or a local trial. */
@Command(name = "broker", mixinStandardHelpOptions = true,
        description = "Run a single-node Kafka broker (KRaft) until Ctrl-C; its data survives restarts.")
final class BrokerCommand implements Callable<Integer> {

    @Option(names = "--data", defaultValue = "./data/kafka", description = "Log directory (default: ${DEFAULT-VALUE}).")
    Path data;

    @Option(names = "--port", defaultValue = "9092", description = "Listener port on 127.0.0.1; 0 picks a free one (default: ${DEFAULT-VALUE}).")
    int port;

    @Option(names = "--create-topics", negatable = true, defaultValue = "true", fallbackValue = "true",
            description = "Create gigwatch's topics if missing (default: yes; --no-create-topics to skip).")
    boolean createTopics;

    @Override
    public Integer call() throws Exception {
        CountDownLatch stopped = new CountDownLatch(1);
        try (KafkaBroker broker = KafkaBroker.start(data, port)) {
            if (createTopics) {
                try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers()))) {
                    List<String> created = TopicSetup.ensureAll(admin);
                    System.out.println("topics created: " + created.size());
                }
            }
            System.out.println("broker ready: " + broker.bootstrapServers() + " (data " + data.toAbsolutePath() + "); Ctrl-C stops it");
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                broker.close();
                stopped.countDown();
            }, "broker-shutdown"));
            stopped.await();
        }
        return 0;
    }
}
