package org.gigwatch.streams.replay;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import org.gigwatch.schemas.rules.RulePack;

/**
 * A what-if rule pack: the base pack's files with some replaced by the analyst's (e.g. a minimum-wages.json with a
 * new minimum), assembled in a folder of the rules/ layout and loaded from there, so it is read and checked exactly
 * as a shipped pack.
 */
public final class WhatIfRules {
    /** The files of a pack that a what-if file may replace. */
    public static final List<String> PACK_FILES = List.of("minimum-wages.json", "holidays.json", "categories.json",
            "regions.json", "routing.json");

    /**
     * @param base    the rules folder the other files come from; null: the shipped rules
     * @param files   the replacements, each named like the file it replaces
     * @param workDir where the assembled pack is written (its what-if-rules folder)
     */
    public static RulePack load(Path base, String pack, List<Path> files, Path workDir) throws IOException {
        Path root = Files.createDirectories(workDir.resolve("what-if-rules"));
        Files.createDirectories(root.resolve(pack));
        for (String name : PACK_FILES) {
            copy(base, pack + "/" + name, root.resolve(pack).resolve(name));
        }
        copy(base, "platforms.json", root.resolve("platforms.json"));
        for (Path file : files) {
            String name = file.getFileName().toString();
            if (!PACK_FILES.contains(name)) {
                throw new IllegalArgumentException("--what-if: " + file + " must be named like the pack file it replaces, one of "
                        + PACK_FILES);
            }
            if (!Files.isRegularFile(file)) {
                throw new IllegalArgumentException("--what-if: " + file + " is not a readable file");
            }
            Files.copy(file, root.resolve(pack).resolve(name), StandardCopyOption.REPLACE_EXISTING);
        }
        return RulePack.load(root, pack);
    }

    private static void copy(Path base, String file, Path target) throws IOException {
        if (base != null) {
            Files.copy(base.resolve(file), target, StandardCopyOption.REPLACE_EXISTING);
            return;
        }
        try (InputStream in = WhatIfRules.class.getClassLoader().getResourceAsStream("rules/" + file)) {
            if (in == null) {
                throw new IllegalStateException("the shipped rules have no " + file);
            }
            Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    private WhatIfRules() {}
}
