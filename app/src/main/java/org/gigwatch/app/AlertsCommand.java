package org.gigwatch.app;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.gigwatch.alerts.Account;
import org.gigwatch.alerts.Accounts;
import org.gigwatch.alerts.AlertsService;
import org.gigwatch.alerts.RoutingTable;
import org.gigwatch.alerts.RoutingTopology;
import org.gigwatch.schemas.rules.RulePack;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** The alerts service alone: the router to the regulator topics and the regulator console, until Ctrl-C. */
@Command(name = "alerts", mixinStandardHelpOptions = true,
        description = "Route violations to the regulators' topics and serve the regulator console, until Ctrl-C.")
final class AlertsCommand implements Callable<Integer> {

    @Mixin
    ClusterOptions cluster;

    @Option(names = "--host", defaultValue = "127.0.0.1", description = "Address the console listens on (default: ${DEFAULT-VALUE}).")
    String host;

    @Option(names = "--port", defaultValue = "8088", description = "Console port; 0 picks a free one (default: ${DEFAULT-VALUE}).")
    int port;

    @Option(names = "--accounts", defaultValue = "./data/alerts/accounts.json",
            description = "The regulators' accounts: a JSON list of {user, region, department, passwordHash} (default: ${DEFAULT-VALUE}).")
    Path accounts;

    @Option(names = "--add-account", paramLabel = "USER:REGION:DEPARTMENT",
            description = "Add an account with a new random password to the accounts file, print the password once, and exit.")
    String addAccount;

    @Option(names = "--state-dir", defaultValue = "./data/alerts/state",
            description = "Where the router keeps its RocksDB state (default: ${DEFAULT-VALUE}).")
    Path stateDir;

    @Mixin
    RulesOption rules;

    PrintStream out = System.out;

    final CountDownLatch stop = new CountDownLatch(1);

    @Override
    public Integer call() throws Exception {
        RulePack pack = rules.pack();
        if (addAccount != null) {
            return addAccount(pack);
        }
        if (!Files.exists(accounts)) {
            out.println("no accounts file at " + accounts.toAbsolutePath().normalize()
                    + "; create one with --add-account USER:REGION:DEPARTMENT");
            return 2;
        }
        try (ShutdownHook hook = new ShutdownHook("gigwatch-alerts-shutdown", stop, Duration.ofSeconds(40));
                AlertsService service = AlertsService.start(AlertsService.Settings.of(cluster.bootstrap, cluster.registry,
                Accounts.load(accounts), stateDir).withRules(pack, rules.severities()).withPort(host, port))) {
            out.printf("alerts router    %s on %s, %d regulator topics, state %s%n", RoutingTopology.APPLICATION_ID,
                    cluster.bootstrap, new RoutingTable(pack).allTopics().size(), stateDir.toAbsolutePath().normalize());
            out.printf("console          %s  (%d accounts from %s)%n", service.consoleUrl(), Accounts.load(accounts).all().size(),
                    accounts.toAbsolutePath().normalize());
            out.println("Ctrl-C stops");
            stop.await();
            out.println("stopping ...");
            return 0;
        }
    }

    /** Adds the account, or says in one line why not (exit 2). */
    private int addAccount(RulePack pack) {
        String[] parts = addAccount.split(":");
        if (parts.length != 3) {
            out.println("--add-account: expected USER:REGION:DEPARTMENT, got '" + addAccount + "'");
            return 2;
        }
        String password = Accounts.randomPassword();
        try {
            List<Account> all = new ArrayList<>(Files.exists(accounts) ? Accounts.load(accounts).all() : List.of());
            all.add(new Account(parts[0], parts[1], parts[2], Accounts.hash(password.toCharArray())));
            RoutingTable table = new RoutingTable(pack);
            Accounts updated = Accounts.of(all);
            updated.check(table.places(), table.departments());
            updated.write(accounts);
        } catch (IllegalArgumentException e) {
            out.println("--add-account: " + e.getMessage());
            return 2;
        }
        out.printf("account %s (%s, %s) added to %s; password: %s%n", parts[0], parts[1], parts[2],
                accounts.toAbsolutePath().normalize(), password);
        return 0;
    }
}
