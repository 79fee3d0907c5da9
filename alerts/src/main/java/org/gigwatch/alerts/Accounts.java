package org.gigwatch.alerts;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;

/**
 * The regulators' logins, read from a JSON file (a list of {@link Account}s). Passwords are kept only as PBKDF2
 * hashes ({@code pbkdf2-sha512$<iterations>$<salt>$<hash>}, base64), the JDK's well-kept key-derivation function;
 * the iteration count is stored in each hash, so it can be raised without invalidating older ones.
 */
public final class Accounts {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final String ALGORITHM = "PBKDF2WithHmacSHA512";
    private static final String PREFIX = "pbkdf2-sha512";
    /** OWASP's 2023 recommendation for PBKDF2-HMAC-SHA512. */
    static final int ITERATIONS = 210_000;
    private static final int KEY_BITS = 512;
    /** Compared with when the user is unknown, so that a wrong user costs as much time as a wrong password. */
    private static final String DUMMY_HASH = hash("not a password".toCharArray());

    private final Map<String, Account> byUser;

    private Accounts(List<Account> accounts) {
        this.byUser = accounts.stream().collect(Collectors.toMap(Account::user, Function.identity(), (a, b) -> {
            throw new IllegalArgumentException("account '" + a.user() + "' is listed twice");
        }, LinkedHashMap::new));
    }

    public static Accounts of(List<Account> accounts) {
        return new Accounts(accounts);
    }

    public static Accounts load(Path file) {
        try {
            return new Accounts(JSON.readValue(file.toFile(), new TypeReference<List<Account>>() {}));
        } catch (IOException e) {
            throw new UncheckedIOException("accounts file " + file + " cannot be read: " + e.getMessage(), e);
        }
    }

    public void write(Path file) {
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            JSON.writeValue(file.toFile(), List.copyOf(byUser.values()));
        } catch (IOException e) {
            throw new UncheckedIOException("accounts file " + file + " cannot be written: " + e.getMessage(), e);
        }
    }

    public List<Account> all() {
        return List.copyOf(byUser.values());
    }

    /** Every account must belong to a region and department that has a regulator topic. */
    public void check(Set<String> regions, Set<String> departments) {
        for (Account a : byUser.values()) {
            if (!regions.contains(a.region())) {
                throw new IllegalArgumentException("account '" + a.user() + "': region " + a.region() + " is not one of " + regions);
            }
            if (!departments.contains(a.department())) {
                throw new IllegalArgumentException("account '" + a.user() + "': department " + a.department() + " is not one of " + departments);
            }
        }
    }

    /** The account if the password is right; empty for a wrong password or an unknown user, in the same time. */
    public Optional<Account> authenticate(String user, String password) {
        Account account = user == null ? null : byUser.get(user);
        boolean matches = verify(password == null ? new char[0] : password.toCharArray(),
                account == null ? DUMMY_HASH : account.passwordHash());
        return matches && account != null ? Optional.of(account) : Optional.empty();
    }

    /** A new salted hash of the password. */
    public static String hash(char[] password) {
        byte[] salt = new byte[16];
        RANDOM.nextBytes(salt);
        Base64.Encoder b64 = Base64.getEncoder();
        return PREFIX + "$" + ITERATIONS + "$" + b64.encodeToString(salt) + "$" + b64.encodeToString(derive(password, salt, ITERATIONS));
    }

    static boolean verify(char[] password, String hash) {
        String[] parts = hash.split("\\$");
        if (parts.length != 4 || !parts[0].equals(PREFIX)) {
            throw new IllegalArgumentException("password hash is not " + PREFIX + "$<iterations>$<salt>$<hash>");
        }
        Base64.Decoder b64 = Base64.getDecoder();
        byte[] expected = b64.decode(parts[3]);
        return MessageDigest.isEqual(expected, derive(password, b64.decode(parts[2]), Integer.parseInt(parts[1])));
    }

    /**
     * One human-resources regulator per city of the pack ({@code <city>-hrss}, e.g. {@code shaoxing-hrss}), each with a
     * new random password, written to {@code file} (replacing it). Returns user → password, in the pack's city order.
     */
    public static Map<String, String> writeDemo(Path file, org.gigwatch.schemas.rules.RulePack pack) {
        Map<String, String> passwords = new LinkedHashMap<>();
        List<Account> accounts = new java.util.ArrayList<>();
        for (org.gigwatch.schemas.rules.Region city : pack.regions()) {
            String user = city.name().toLowerCase(java.util.Locale.ROOT).replaceAll("[^a-z0-9]+", "-") + "-hrss";
            String password = randomPassword();
            passwords.put(user, password);
            accounts.add(new Account(user, city.code(), "hrss", hash(password.toCharArray())));
        }
        of(accounts).write(file);
        return passwords;
    }

    /** A random password for a generated account: 16 characters of URL-safe base64 (96 bits). */
    public static String randomPassword() {
        byte[] bytes = new byte[12];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    private static byte[] derive(char[] password, byte[] salt, int iterations) {
        PBEKeySpec spec = new PBEKeySpec(password, salt, iterations, KEY_BITS);
        try {
            return SecretKeyFactory.getInstance(ALGORITHM).generateSecret(spec).getEncoded();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(ALGORITHM + " is not available in this JDK", e);
        } finally {
            spec.clearPassword();
        }
    }
}
