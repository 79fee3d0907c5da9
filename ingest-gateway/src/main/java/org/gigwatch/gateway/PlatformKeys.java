package org.gigwatch.gateway;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The platforms' API keys, kept in a file of {@code <platformId> <sha256 hex of the key>} lines. Only hashes are
 * stored: a key is 32 random bytes, so a plain SHA-256 is enough (no password stretching needed), and a stolen
 * file gives no key. The file is re-read when it changes, so keys issued or revoked by another process (the
 * command line) take effect without a restart.
 */
public final class PlatformKeys {
    private static final String PREFIX = "gw_";
    private static final SecureRandom RANDOM = new SecureRandom();

    private final Path file;
    private Map<String, String> platformByHash = Map.of();
    private Version loadedVersion;

    /**
     * What tells a changed file: every write replaces the file by a new one, so the inode changes, and mtime and
     * size cover file systems without inodes. mtime alone misses two writes within its granularity.
     */
    private record Version(Object fileKey, FileTime modified, long size) {
        static Version of(Path file) throws IOException {
            BasicFileAttributes attributes = Files.readAttributes(file, BasicFileAttributes.class);
            return new Version(attributes.fileKey(), attributes.lastModifiedTime(), attributes.size());
        }
    }

    private PlatformKeys(Path file) {
        this.file = file;
    }

    /** The store in {@code file}; an absent file is an empty store, created on the first issue. */
    public static PlatformKeys open(Path file) {
        PlatformKeys keys = new PlatformKeys(file);
        keys.reloadIfChanged();
        return keys;
    }

    /** A new key for the platform; returned once, never stored. A platform may hold several (for rotation). */
    public synchronized String issue(String platformId) {
        if (!platformId.matches("[A-Za-z0-9._-]+")) {
            throw new IllegalArgumentException("a platform id is letters, digits, '.', '_' or '-': " + platformId);
        }
        byte[] secret = new byte[32];
        RANDOM.nextBytes(secret);
        String key = PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
        reloadIfChanged();
        Map<String, String> updated = new HashMap<>(platformByHash);
        updated.put(hash(key), platformId);
        write(updated);
        return key;
    }

    /** Revokes every key of the platform; returns how many there were. */
    public synchronized int revoke(String platformId) {
        reloadIfChanged();
        Map<String, String> updated = new HashMap<>(platformByHash);
        int before = updated.size();
        updated.values().removeIf(platformId::equals);
        write(updated);
        return before - updated.size();
    }

    /** Each platform holding a key, with how many it holds, by platform id; never the keys (they are not stored). */
    public synchronized SortedMap<String, Integer> platforms() {
        reloadIfChanged();
        SortedMap<String, Integer> counts = new TreeMap<>();
        platformByHash.values().forEach(platform -> counts.merge(platform, 1, Integer::sum));
        return counts;
    }

    /** The platform a presented key belongs to. */
    public synchronized Optional<String> platformOf(String presentedKey) {
        if (presentedKey == null || presentedKey.isBlank()) {
            return Optional.empty();
        }
        reloadIfChanged();
        return Optional.ofNullable(platformByHash.get(hash(presentedKey.strip())));
    }

    static String hash(String key) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }

    private void reloadIfChanged() {
        try {
            if (!Files.exists(file)) {
                platformByHash = Map.of();
                loadedVersion = null;
                return;
            }
            Version version = Version.of(file);
            if (version.equals(loadedVersion)) {
                return;
            }
            Map<String, String> loaded = new HashMap<>();
            for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                String entry = line.strip();
                if (entry.isEmpty() || entry.startsWith("#")) {
                    continue;
                }
                String[] parts = entry.split("\\s+");
                if (parts.length != 2) {
                    throw new IllegalStateException(file + ": expected '<platformId> <sha256 hex>', got a line of " + parts.length + " fields");
                }
                loaded.put(parts[1].toLowerCase(), parts[0]);
            }
            platformByHash = Map.copyOf(loaded);
            loadedVersion = version;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the platform keys in " + file, e);
        }
    }

    /** Written aside and moved into place, so a reader never sees half a file. */
    private void write(Map<String, String> entries) {
        List<String> lines = new ArrayList<>();
        lines.add("# platformId sha256(api key): written by gigwatch, keys themselves are never stored");
        entries.entrySet().stream().sorted(Map.Entry.comparingByValue())
                .forEach(entry -> lines.add(entry.getValue() + " " + entry.getKey()));
        try {
            Path parent = file.toAbsolutePath().getParent();
            Files.createDirectories(parent);
            Path temp = Files.createTempFile(parent, file.getFileName().toString(), ".tmp");
            Files.write(temp, lines, StandardCharsets.UTF_8);
            Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            platformByHash = Map.copyOf(entries);
            loadedVersion = Version.of(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the platform keys to " + file, e);
        }
    }
}
