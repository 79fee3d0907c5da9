package org.gigwatch.alerts;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.gigwatch.avro.DepartmentRoute;
import org.gigwatch.avro.Platform;
import org.gigwatch.avro.Violation;
import org.gigwatch.schemas.Topics;
import org.gigwatch.schemas.rules.Region;
import org.gigwatch.schemas.rules.RulePack;

/**
 * Which regulator topics a violation goes to: the departments of the rule pack's routing table (RULES.md, "Routing")
 * whose rules and industries match it, each in the violation's city and in that city's province.
 *
 * <p>A route matches when its rule list is empty or names the rule, and its industry list is empty or shares an
 * industry with the violation (its {@code industries}, or, when a producer left them out, those of its platforms in
 * the pack's platform list).
 */
public final class RoutingTable {
    private final List<DepartmentRoute> routes;
    private final Map<String, Region> regions;
    private final Map<String, String> industryOfPlatform;

    public RoutingTable(RulePack pack) {
        this.routes = pack.routes();
        this.regions = pack.regions().stream().collect(Collectors.toMap(Region::code, Function.identity()));
        this.industryOfPlatform = pack.platforms().stream()
                .collect(Collectors.toMap(Platform::getPlatformId, p -> p.getIndustry().name()));
    }

    /** Whether the violation's region is one of the pack's cities (only those have regulator topics). */
    public boolean knows(String region) {
        return regions.containsKey(region);
    }

    /** The departments that receive the violation, in routing-table order. */
    public Set<String> departments(Violation v) {
        Set<String> industries = industries(v);
        Set<String> departments = new LinkedHashSet<>();
        for (DepartmentRoute route : routes) {
            boolean rule = route.getRules().isEmpty() || route.getRules().contains(v.getRuleId());
            boolean industry = route.getIndustries().isEmpty() || route.getIndustries().stream().anyMatch(industries::contains);
            if (rule && industry) {
                departments.add(route.getDepartment());
            }
        }
        return departments;
    }

    /** The city and, if it is another region, its province. */
    public List<String> regions(String city) {
        Region region = regions.get(city);
        if (region == null) {
            throw new IllegalArgumentException("region " + city + " is not a city of the rule pack");
        }
        return region.province().equals(city) ? List.of(city) : List.of(city, region.province());
    }

    /** Every regulator topic the violation goes to. */
    public List<String> topics(Violation v) {
        List<String> topics = new ArrayList<>();
        for (String department : departments(v)) {
            for (String region : regions(v.getRegion())) {
                topics.add(Topics.regulator(region, department));
            }
        }
        return topics;
    }

    /** Every regulator topic of the pack: each department of the table in each city and each province. */
    public List<String> allTopics() {
        List<String> topics = new ArrayList<>();
        for (String place : places()) {
            for (String department : departments()) {
                topics.add(Topics.regulator(place, department));
            }
        }
        return topics;
    }

    /** Every region code a regulator can be responsible for: the cities and their provinces. */
    public Set<String> places() {
        Set<String> places = new LinkedHashSet<>();
        regions.keySet().stream().sorted().forEach(city -> places.addAll(regions(city)));
        return places;
    }

    /** The cities a regulator of {@code place} (a city, or a province) is responsible for. */
    public Set<String> cities(String place) {
        return regions.values().stream().filter(r -> r.code().equals(place) || r.province().equals(place))
                .map(Region::code).collect(Collectors.toCollection(java.util.TreeSet::new));
    }

    public Set<String> departments() {
        return routes.stream().map(DepartmentRoute::getDepartment).collect(Collectors.toCollection(LinkedHashSet::new));
    }

    private Set<String> industries(Violation v) {
        Set<String> industries = new LinkedHashSet<>(v.getIndustries());
        if (industries.isEmpty()) {
            v.getPlatforms().forEach(p -> {
                String industry = industryOfPlatform.get(p);
                if (industry != null) {
                    industries.add(industry);
                }
            });
            if (v.getPlatformId() != null && industryOfPlatform.containsKey(v.getPlatformId())) {
                industries.add(industryOfPlatform.get(v.getPlatformId()));
            }
        }
        return industries;
    }
}
