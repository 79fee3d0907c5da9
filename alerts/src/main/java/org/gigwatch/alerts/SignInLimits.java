package org.gigwatch.alerts;

import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import io.github.bucket4j.TimeMeter;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Failed sign-ins allowed per account and per client address (Bucket4j token buckets, in memory): each try takes a
 * token from both before the password is checked, so parallel guesses cannot slip through while PBKDF2 runs; a
 * successful sign-in gives the address its token back and clears the account's failures. An empty bucket refuses
 * the try without checking the password (no PBKDF2 work for an attacker), until a token comes back.
 */
final class SignInLimits {
    /** {@code failures} failed sign-ins at once, then one more every {@code per ÷ failures}. */
    record Limit(int failures, Duration per) {
        Limit {
            if (failures < 1 || per.isNegative() || per.isZero()) {
                throw new IllegalArgumentException("a sign-in limit needs at least 1 failure over a positive time, got "
                        + failures + " per " + per);
            }
        }
    }

    /** One person mistyping a few times is never held back long; a guesser gets 12 guesses an hour per account. */
    static final Limit PER_ACCOUNT = new Limit(5, Duration.ofMinutes(5));
    /** An office behind one address may hold many regulators; a guesser trying many accounts is held back by this. */
    static final Limit PER_ADDRESS = new Limit(20, Duration.ofMinutes(5));
    /** Buckets kept before the full ones (nobody failed lately) are dropped: bounds the memory an attacker can fill. */
    private static final int SWEEP_ABOVE = 10_000;

    private final Limit perAccount;
    private final Limit perAddress;
    private final TimeMeter time;
    private final Map<String, Bucket> accounts = new ConcurrentHashMap<>();
    private final Map<String, Bucket> addresses = new ConcurrentHashMap<>();

    SignInLimits() {
        this(PER_ACCOUNT, PER_ADDRESS, TimeMeter.SYSTEM_NANOTIME);
    }

    /** {@code time}: a clock of one's own, for tests. */
    SignInLimits(Limit perAccount, Limit perAddress, TimeMeter time) {
        this.perAccount = perAccount;
        this.perAddress = perAddress;
        this.time = time;
    }

    /**
     * Takes one try for {@code user} from {@code address}: empty if it may go ahead (then tell {@link #succeeded} if the
     * password was right), else how long until a try is allowed again.
     */
    Optional<Duration> tryStart(String user, String address) {
        Bucket account = bucket(accounts, user, perAccount);
        Bucket client = bucket(addresses, address, perAddress);
        ConsumptionProbe byAccount = account.tryConsumeAndReturnRemaining(1);
        ConsumptionProbe byAddress = client.tryConsumeAndReturnRemaining(1);
        if (byAccount.isConsumed() && byAddress.isConsumed()) {
            return Optional.empty();
        }
        // a refused try costs nothing: give back what was taken
        if (byAccount.isConsumed()) {
            account.addTokens(1);
        }
        if (byAddress.isConsumed()) {
            client.addTokens(1);
        }
        return Optional.of(Duration.ofNanos(Math.max(byAccount.getNanosToWaitForRefill(), byAddress.getNanosToWaitForRefill())));
    }

    /** The try of {@code user} from {@code address} signed in: not a failure. */
    void succeeded(String user, String address) {
        accounts.remove(user);
        Bucket client = addresses.get(address);
        if (client != null) {
            client.addTokens(1);
        }
    }

    private Bucket bucket(Map<String, Bucket> buckets, String key, Limit limit) {
        if (buckets.size() > SWEEP_ABOVE) {
            buckets.values().removeIf(b -> b.getAvailableTokens() >= limit.failures());
        }
        return buckets.computeIfAbsent(key, k -> Bucket.builder()
                .addLimit(bandwidth -> bandwidth.capacity(limit.failures()).refillGreedy(limit.failures(), limit.per()))
                .withCustomTimePrecision(time)
                .build());
    }
}
