package org.gigwatch.app;

import java.io.PrintWriter;
import java.util.Map;
import java.util.concurrent.Callable;
import org.gigwatch.gateway.PlatformKeys;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * The platforms' API keys for the ingest gateway: a key is shown once, when issued; the file keeps only its SHA-256.
 * A running gateway sees issued and revoked keys without a restart (it re-reads the file when it changes).
 */
@Command(name = "platforms", mixinStandardHelpOptions = true,
        description = "Issue, revoke and list the platforms' API keys for the ingest gateway.",
        subcommands = {PlatformsCommand.Issue.class, PlatformsCommand.Revoke.class, PlatformsCommand.List.class})
final class PlatformsCommand {

    @Command(name = "issue", mixinStandardHelpOptions = true,
            description = "Issue a new API key for a platform and print it once (a platform may hold several, for rotation).")
    static final class Issue implements Callable<Integer> {
        @Mixin
        KeysOption keys;

        @Parameters(paramLabel = "<platformId>", description = "The platform the key speaks for: letters, digits, '.', '_' or '-'.")
        String platformId;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() {
            String key;
            try {
                key = PlatformKeys.open(keys.file).issue(platformId);
            } catch (IllegalArgumentException e) {
                spec.commandLine().getErr().println(e.getMessage());
                return 2;
            }
            PrintWriter out = spec.commandLine().getOut();
            out.printf("API key for %s (shown once: only its hash is kept, in %s):%n%s%n", platformId,
                    keys.file.toAbsolutePath().normalize(), key);
            out.flush();
            return 0;
        }
    }

    @Command(name = "revoke", mixinStandardHelpOptions = true, description = "Revoke every API key of a platform.")
    static final class Revoke implements Callable<Integer> {
        @Mixin
        KeysOption keys;

        @Parameters(paramLabel = "<platformId>", description = "The platform whose keys to revoke.")
        String platformId;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() {
            int revoked = PlatformKeys.open(keys.file).revoke(platformId);
            if (revoked == 0) {
                spec.commandLine().getErr().printf("%s holds no API key in %s%n", platformId, keys.file);
                return 1;
            }
            spec.commandLine().getOut().printf("revoked %d API key%s of %s%n", revoked, revoked == 1 ? "" : "s", platformId);
            return 0;
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "List the platforms holding API keys, and how many each holds.")
    static final class List implements Callable<Integer> {
        @Mixin
        KeysOption keys;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() {
            Map<String, Integer> platforms = PlatformKeys.open(keys.file).platforms();
            PrintWriter out = spec.commandLine().getOut();
            if (platforms.isEmpty()) {
                out.printf("no platform holds an API key in %s%n", keys.file);
            }
            platforms.forEach((platform, count) -> out.printf("%-20s %d key%s%n", platform, count, count == 1 ? "" : "s"));
            out.flush();
            return 0;
        }
    }
}
