package org.gigwatch.simulator.generate;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.gigwatch.avro.EmploymentCategory;
import org.gigwatch.avro.Industry;
import org.gigwatch.avro.MinimumWage;
import org.gigwatch.avro.Platform;
import org.gigwatch.schemas.rules.Region;
import org.gigwatch.schemas.rules.RulePack;
import org.gigwatch.simulator.model.Account;
import org.gigwatch.simulator.model.SimRange;
import org.gigwatch.simulator.model.Worker;

/** The simulated workers: who they are, where, for which platforms, in which category. */
final class Population {
    /** Relative sizes of the seed cities' workforces; a region not listed weighs 2. */
    private static final Map<String, Integer> REGION_WEIGHTS =
            Map.of("310000", 8, "330300", 4, "330600", 3, "370400", 2, "530100", 3);
    private static final List<Industry> INDUSTRIES = List.of(Industry.FOOD_DELIVERY, Industry.RIDE_HAILING, Industry.COURIER);
    private static final int[] INDUSTRY_WEIGHTS = {50, 25, 25};
    /** 20% labour contracts, 50% managed non-employees, 30% independent. */
    private static final int[] CATEGORY_WEIGHTS = {20, 50, 30};
    private static final LocalDate OLDEST_BIRTH = LocalDate.of(1966, 1, 1);
    private static final int BIRTH_DAYS = 13_000; // born 1966..2001
    private static final HexFormat HEX = HexFormat.of();

    static List<Profile> generate(long seed, int count, double dualShare, RulePack pack, SimRange range) {
        List<Region> regions = pack.regions();
        int[] regionWeights = regions.stream().mapToInt(r -> REGION_WEIGHTS.getOrDefault(r.code(), 2)).toArray();
        List<Profile> profiles = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            SplittableRandom rng = Seeds.rng(seed, Seeds.WORKER, i);
            Region region = regions.get(pick(rng, regionWeights));
            Industry industry = INDUSTRIES.get(pick(rng, INDUSTRY_WEIGHTS));
            EmploymentCategory category = EmploymentCategory.values()[pick(rng, CATEGORY_WEIGHTS)];
            List<Platform> platforms = pack.platforms().stream().filter(p -> p.getIndustry() == industry).toList();
            if (platforms.isEmpty()) {
                throw new IllegalStateException("rule pack " + pack.name() + " has no " + industry + " platform");
            }
            int main = rng.nextInt(platforms.size());
            List<Account> accounts = new ArrayList<>();
            accounts.add(account(seed, platforms.get(main).getPlatformId(), i));
            if (platforms.size() > 1 && Seeds.chance(rng, dualShare)) {
                int second = (main + 1 + rng.nextInt(platforms.size() - 1)) % platforms.size();
                accounts.add(account(seed, platforms.get(second).getPlatformId(), i));
            }
            String workerKey = workerKey(seed, region.code(), identityNumber(seed, region.code(), i));
            Worker worker = new Worker(i, workerKey, region.code(), industry, category, role(industry), accounts);
            ShiftPreference shift = industry == Industry.RIDE_HAILING && category == EmploymentCategory.INDEPENDENT
                    && Seeds.chance(rng, 0.4) ? ShiftPreference.NIGHT
                    : ShiftPreference.values()[pick(rng, new int[] {35, 45, 20})];
            long hourlyRate = highestFloor(pack, region.code(), range) * Seeds.between(rng, 1500, 1900) / 1000;
            profiles.add(new Profile(worker, region.zone(), pack.category(category), shift, hourlyRate));
        }
        return profiles;
    }

    /** The highest hourly minimum in force in the region on any simulated day (or the region's nearest one). */
    static long highestFloor(RulePack pack, String region, SimRange range) {
        long highest = 0;
        for (LocalDate day : List.of(range.first(), range.last())) {
            highest = Math.max(highest, pack.minimumWageOn(region, day).map(MinimumWage::getHourly).orElse(0L));
        }
        for (MinimumWage wage : pack.minimumWages()) {
            if (wage.getRegion().equals(region) && range.contains(wage.getEffectiveFrom())) {
                highest = Math.max(highest, wage.getHourly());
            }
        }
        if (highest == 0) { // no minimum known for the range: take the region's, or any region's, highest
            highest = pack.minimumWages().stream().filter(w -> w.getRegion().equals(region))
                    .mapToLong(MinimumWage::getHourly).max()
                    .orElse(pack.minimumWages().stream().mapToLong(MinimumWage::getHourly).max().orElseThrow());
        }
        return highest;
    }

    private static String role(Industry industry) {
        return switch (industry) {
            case FOOD_DELIVERY -> "rider";
            case RIDE_HAILING -> "driver";
            default -> "courier";
        };
    }

    /** The platform's pseudonymous id: a bijective scramble of the index, so ids never collide. */
    private static Account account(long seed, String platformId, int index) {
        long base = Seeds.mix(seed ^ Seeds.mix(platformId.hashCode()));
        return Account.of(platformId, HEX.toHexDigits(Seeds.mix(base + index)));
    }

    /**
     * A synthetic 18-digit resident identity number (GB 11643: region, birth date, sequence, ISO 7064 check
     * digit), unique per index. It only ever exists here, as the input of the worker key.
     */
    static String identityNumber(long seed, String region, int index) {
        long offset = Math.floorMod(Seeds.mix(seed), BIRTH_DAYS);
        LocalDate birth = OLDEST_BIRTH.plusDays((index / 1000 + offset) % BIRTH_DAYS);
        String body = region + birth.toString().replace("-", "") + String.format("%03d", index % 1000);
        int[] weights = {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};
        int sum = 0;
        for (int d = 0; d < 17; d++) {
            sum += (body.charAt(d) - '0') * weights[d];
        }
        return body + "10X98765432".charAt(sum % 11);
    }

    /** What a platform sends as workerKey: hex HMAC-SHA256 of the region's secret and the identity number. */
    static String workerKey(long seed, String region, String identityNumber) {
        try {
            byte[] secret = MessageDigest.getInstance("SHA-256")
                    .digest(("gigwatch-simulator/" + seed + "/" + region).getBytes(StandardCharsets.UTF_8));
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret, "HmacSHA256"));
            return HEX.formatHex(mac.doFinal(identityNumber.getBytes(StandardCharsets.US_ASCII)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA256 is not available", e);
        }
    }

    private static int pick(SplittableRandom rng, int[] weights) {
        int total = 0;
        for (int w : weights) {
            total += w;
        }
        int r = rng.nextInt(total);
        for (int i = 0; i < weights.length; i++) {
            r -= weights[i];
            if (r < 0) {
                return i;
            }
        }
        throw new AssertionError();
    }

    private Population() {}
}
