package org.gigwatch.app;

import java.nio.file.Path;
import picocli.CommandLine.Option;

/** Where the platforms' API keys are kept (hashed): shared by {@code gateway} and {@code platforms}. */
final class KeysOption {
    static final String DEFAULT = "./data/platform-keys";

    @Option(names = "--keys", defaultValue = "${env:GIGWATCH_PLATFORM_KEYS:-" + DEFAULT + "}",
            description = "The platforms' API key file: one '<platformId> <sha256 of the key>' line per key "
                    + "(default: ${DEFAULT-VALUE}; env GIGWATCH_PLATFORM_KEYS).")
    Path file;
}
