package org.gigwatch.schemas.rules;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.gigwatch.avro.CategoryParameters;
import org.gigwatch.avro.DepartmentRoute;
import org.gigwatch.avro.EmploymentCategory;
import org.gigwatch.avro.HolidayCalendarEntry;
import org.gigwatch.avro.Industry;
import org.gigwatch.avro.MinimumWage;
import org.gigwatch.avro.Platform;

/**
 * One rule pack: the reference data a jurisdiction's rules are judged with (regions, minimum wages with
 * their effective dates, the statutory-holiday calendar, per-category parameters, department routing),
 * read from {@code rules/<pack>/} plus the platform list in {@code rules/platforms.json}.
 *
 * <p>The files are the source of truth; the app publishes them to compacted topics, and the topologies
 * read them from there. This class is how the publisher, the simulator and the tests read the files.
 */
public final class RulePack {
    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES);

    private final String name;
    private final Map<String, Region> regions;
    private final List<MinimumWage> minimumWages;
    private final String holidayCalendar;
    private final List<HolidayCalendarEntry> holidays;
    private final Set<LocalDate> holidayDates;
    /** Per category, its parameters by the day they take effect. */
    private final Map<EmploymentCategory, NavigableMap<LocalDate, CategoryRules>> categories;
    private final List<CategoryParameters> categoryParameters;
    private final WorkingTimeBasis workingTime;
    private final List<DepartmentRoute> routes;
    private final List<Platform> platforms;

    private RulePack(String name, Function<String, InputStream> files) {
        this.name = name;
        this.regions = readRegions(read(files, name + "/regions.json"));
        this.minimumWages = readMinimumWages(read(files, name + "/minimum-wages.json"));
        JsonNode holidayFile = read(files, name + "/holidays.json");
        this.holidayCalendar = text(holidayFile, "calendar");
        this.holidays = readHolidays(holidayFile);
        this.holidayDates = holidays.stream().map(HolidayCalendarEntry::getDate).collect(Collectors.toCollection(TreeSet::new));
        JsonNode categoryFile = read(files, name + "/categories.json");
        this.categoryParameters = readCategories(name, categoryFile);
        this.categories = byCategory(categoryParameters);
        this.workingTime = readWorkingTime(categoryFile);
        this.routes = readRoutes(read(files, name + "/routing.json"));
        this.platforms = readPlatforms(read(files, "platforms.json"));
    }

    /** The pack shipped with gigwatch (the rules/ folder, on the classpath). */
    public static RulePack shipped(String pack) {
        ClassLoader loader = RulePack.class.getClassLoader();
        return new RulePack(pack, file -> loader.getResourceAsStream("rules/" + file));
    }

    /** A pack from a rules folder on disk, e.g. an operator's or an analyst's what-if copy. */
    public static RulePack load(Path rulesRoot, String pack) {
        return new RulePack(pack, file -> {
            Path path = rulesRoot.resolve(file);
            try {
                return Files.exists(path) ? Files.newInputStream(path) : null;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }

    public String name() {
        return name;
    }

    public List<Region> regions() {
        return List.copyOf(regions.values());
    }

    public Region region(String code) {
        Region region = regions.get(code);
        if (region == null) {
            throw new IllegalArgumentException("region " + code + " is not in rule pack " + name + " (known: " + regions.keySet() + ")");
        }
        return region;
    }

    /** Every minimum-wage entry, ordered by region and effective date. */
    public List<MinimumWage> minimumWages() {
        return minimumWages;
    }

    /** The minimum wage in force in a region on a local day: the latest entry effective on or before it. */
    public Optional<MinimumWage> minimumWageOn(String region, LocalDate day) {
        MinimumWage inForce = null;
        for (MinimumWage wage : minimumWages) {
            if (wage.getRegion().equals(region) && !wage.getEffectiveFrom().isAfter(day)) {
                inForce = wage; // ordered by date, so the last match is the latest
            }
        }
        return Optional.ofNullable(inForce);
    }

    public List<HolidayCalendarEntry> holidays() {
        return holidays;
    }

    /** The name of the pack's holiday calendar (e.g. CN): the calendar part of its entries' keys. */
    public String holidayCalendar() {
        return holidayCalendar;
    }

    public boolean isHoliday(LocalDate day) {
        return holidayDates.contains(day);
    }

    /**
     * The category's parameters in force today (the earliest entry if none is in force yet): what the apps that do not
     * look parameters up per day (working time, alerts, the simulator) use. The shipped packs have one entry per
     * category, in force from 2000-01-01.
     */
    public CategoryRules category(EmploymentCategory category) {
        NavigableMap<LocalDate, CategoryRules> dated = categories.get(category);
        Map.Entry<LocalDate, CategoryRules> inForce = dated.floorEntry(LocalDate.now(ZoneOffset.UTC));
        return inForce != null ? inForce.getValue() : dated.firstEntry().getValue();
    }

    /** The category's parameters in force on a local day: the latest entry effective on or before it. */
    public Optional<CategoryRules> categoryOn(EmploymentCategory category, LocalDate day) {
        return Optional.ofNullable(categories.get(category).floorEntry(day)).map(Map.Entry::getValue);
    }

    /** Every category entry, as published to {@code gigwatch.rules.categories}, ordered by category and date. */
    public List<CategoryParameters> categoryParameters() {
        return categoryParameters;
    }

    /** What the pack counts as working time for every rule: online time, or order (engaged) time. */
    public WorkingTimeBasis workingTime() {
        return workingTime;
    }

    public List<DepartmentRoute> routes() {
        return routes;
    }

    public List<Platform> platforms() {
        return platforms;
    }

    public Platform platform(String platformId) {
        return platforms.stream().filter(p -> p.getPlatformId().equals(platformId)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown platform " + platformId));
    }

    private static JsonNode read(Function<String, InputStream> files, String file) {
        try (InputStream in = files.apply(file)) {
            if (in == null) {
                throw new IllegalArgumentException("rule file " + file + " not found");
            }
            return JSON.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException("rule file " + file + " is not valid JSON: " + e.getMessage(), e);
        }
    }

    private static Map<String, Region> readRegions(JsonNode array) {
        Map<String, Region> regions = new LinkedHashMap<>();
        for (JsonNode r : array) {
            regions.put(text(r, "code"), new Region(text(r, "code"), text(r, "name"), text(r, "nameZh"),
                    ZoneId.of(text(r, "zone")), text(r, "province")));
        }
        return regions;
    }

    private static List<MinimumWage> readMinimumWages(JsonNode array) {
        List<MinimumWage> wages = new ArrayList<>();
        for (JsonNode w : array) {
            wages.add(MinimumWage.newBuilder()
                    .setRegion(text(w, "region"))
                    .setEffectiveFrom(LocalDate.parse(text(w, "effectiveFrom")))
                    .setCurrency(text(w, "currency"))
                    .setHourly(w.required("hourly").asLong())
                    .setMonthly(w.hasNonNull("monthly") ? w.get("monthly").asLong() : null)
                    .setTier(w.hasNonNull("tier") ? w.get("tier").asInt() : null)
                    .setSource(text(w, "source"))
                    .setConfirmed(w.required("confirmed").asBoolean())
                    .setNote(w.hasNonNull("note") ? w.get("note").asText() : null)
                    .build());
        }
        wages.sort(Comparator.comparing(MinimumWage::getRegion).thenComparing(MinimumWage::getEffectiveFrom));
        return List.copyOf(wages);
    }

    private static List<HolidayCalendarEntry> readHolidays(JsonNode file) {
        String calendar = text(file, "calendar");
        List<HolidayCalendarEntry> entries = new ArrayList<>();
        file.required("years").fields().forEachRemaining(year -> {
            String source = text(file, "source") + (year.getValue().path("confirmed").asBoolean(true) ? "" : " (unconfirmed)");
            year.getValue().required("days").fields().forEachRemaining(day -> entries.add(HolidayCalendarEntry.newBuilder()
                    .setCalendar(calendar)
                    .setDate(LocalDate.parse(day.getKey()))
                    .setName(day.getValue().asText())
                    .setSource(source)
                    .build()));
        });
        entries.sort(Comparator.comparing(HolidayCalendarEntry::getDate));
        return List.copyOf(entries);
    }

    private static WorkingTimeBasis readWorkingTime(JsonNode file) {
        String basis = file.path("workingTime").asText("");
        try {
            return WorkingTimeBasis.valueOf(basis);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("categories.json, workingTime: '" + basis + "' is not one of "
                    + java.util.Arrays.toString(WorkingTimeBasis.values()), e);
        }
    }

    /** Each category's entries ({@code [{effectiveFrom, ...parameters}]}), one per day it changes. */
    private static List<CategoryParameters> readCategories(String pack, JsonNode file) {
        List<CategoryParameters> entries = new ArrayList<>();
        for (EmploymentCategory category : EmploymentCategory.values()) {
            JsonNode dated = file.required("categories").get(category.name());
            if (dated == null || !dated.isArray() || dated.isEmpty()) {
                throw new IllegalArgumentException("categories.json, " + category
                        + ": expected a list of entries with effectiveFrom, got " + dated);
            }
            Set<LocalDate> days = new TreeSet<>();
            for (JsonNode node : dated) {
                String where = "categories.json, " + category + ", entry " + node.path("effectiveFrom").asText("?");
                LocalDate from;
                try {
                    from = LocalDate.parse(text(node, "effectiveFrom"));
                } catch (java.time.format.DateTimeParseException e) {
                    throw new IllegalArgumentException(where + ": effectiveFrom is not an ISO date", e);
                }
                if (!days.add(from)) {
                    throw new IllegalArgumentException(where + ": effectiveFrom appears twice");
                }
                CategoryRules rules;
                try {
                    rules = JSON.treeToValue(((ObjectNode) node.deepCopy()).without(List.of("effectiveFrom", "note")),
                            CategoryRules.class);
                } catch (IOException e) {
                    throw new IllegalArgumentException(where + ": " + e.getMessage(), e);
                }
                entries.add(rules.toAvro(pack, category, from, text(file, "source"),
                        node.hasNonNull("note") ? node.get("note").asText() : null));
            }
        }
        entries.sort(Comparator.comparing(CategoryParameters::getCategory).thenComparing(CategoryParameters::getEffectiveFrom));
        return List.copyOf(entries);
    }

    private static Map<EmploymentCategory, NavigableMap<LocalDate, CategoryRules>> byCategory(List<CategoryParameters> entries) {
        Map<EmploymentCategory, NavigableMap<LocalDate, CategoryRules>> categories = new EnumMap<>(EmploymentCategory.class);
        for (CategoryParameters p : entries) {
            categories.computeIfAbsent(EmploymentCategory.valueOf(p.getCategory()), c -> new TreeMap<>())
                    .put(p.getEffectiveFrom(), CategoryRules.of(p));
        }
        return categories;
    }

    private static List<DepartmentRoute> readRoutes(JsonNode file) {
        List<DepartmentRoute> routes = new ArrayList<>();
        for (JsonNode r : file.required("routes")) {
            routes.add(DepartmentRoute.newBuilder()
                    .setDepartment(text(r, "department"))
                    .setRules(strings(r.path("rules")))
                    .setIndustries(strings(r.path("industries")).stream().map(i -> Industry.valueOf(i).name()).toList())
                    .setSource(text(file, "source"))
                    .build());
        }
        return List.copyOf(routes);
    }

    private static List<Platform> readPlatforms(JsonNode array) {
        List<Platform> platforms = new ArrayList<>();
        for (JsonNode p : array) {
            platforms.add(new Platform(text(p, "platformId"), text(p, "name"), Industry.valueOf(text(p, "industry"))));
        }
        return List.copyOf(platforms);
    }

    private static List<String> strings(JsonNode array) {
        List<String> values = new ArrayList<>();
        array.forEach(v -> values.add(v.asText()));
        return values;
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull() || value.asText().isBlank()) {
            throw new IllegalArgumentException("rule data: field '" + field + "' is missing in " + node);
        }
        return value.asText();
    }
}
