package org.gigwatch.app;

import java.nio.file.Path;
import org.gigwatch.alerts.Severities;
import org.gigwatch.schemas.rules.RulePack;
import picocli.CommandLine.Option;

/** Which rule data to use: the shipped pack, or a rules folder of one's own (same layout as rules/). */
final class RulesOption {
    @Option(names = "--rules", description = "A rules folder to use instead of the shipped one (layout of rules/).")
    Path folder;

    @Option(names = "--pack", defaultValue = "cn", description = "Rule pack (default: ${DEFAULT-VALUE}).")
    String pack;

    RulePack pack() {
        return folder == null ? RulePack.shipped(pack) : RulePack.load(folder, pack);
    }

    /** The console's severity per rule, from the same rules folder. */
    Severities severities() {
        return folder == null ? Severities.shipped(pack) : Severities.load(folder, pack);
    }
}
