package org.gigwatch.app;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The gigwatch command line: one jar, one subcommand per service or task. */
@Command(name = "gigwatch",
        mixinStandardHelpOptions = true,
        versionProvider = Gigwatch.Version.class,
        description = "Watches platform work against labour rules, live, on Kafka.",
        subcommands = {DemoCommand.class, BrokerCommand.class, SimulateCommand.class, StreamsCommand.class, GatewayCommand.class,
                PlatformsCommand.class, AlertsCommand.class, ReplayCommand.class, BenchCommand.class, CommandLine.HelpCommand.class})
public final class Gigwatch {

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    static CommandLine commandLine() {
        return new CommandLine(new Gigwatch())
                .registerConverter(java.time.Duration.class, Durations::parse)
                .setCaseInsensitiveEnumValuesAllowed(true);
    }

    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String version = Gigwatch.class.getPackage().getImplementationVersion();
            return new String[] {"gigwatch " + (version == null ? "(development build)" : version)};
        }
    }
}
