package org.gigwatch.schemas.rules;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.gigwatch.avro.CategoryParameters;
import org.gigwatch.avro.DepartmentRoute;
import org.gigwatch.avro.HolidayCalendarEntry;
import org.gigwatch.avro.MinimumWage;
import org.gigwatch.avro.Platform;
import org.gigwatch.schemas.Topics;

/**
 * Publishes a rule pack to the compacted rule topics. Keys identify an entry (a region and the day it takes
 * effect, a calendar day, a platform), so publishing the same pack again changes nothing and a corrected
 * entry replaces the old one.
 */
public final class RulePublisher {

    /** Sends every entry and waits until the broker has acknowledged all of them; returns how many. */
    public static int publish(RulePack pack, Producer<String, SpecificRecord> producer) {
        List<Future<RecordMetadata>> sent = sendRuleData(pack, producer, Topics.MINIMUM_WAGES, Topics.HOLIDAYS, Topics.CATEGORIES);
        for (Platform platform : pack.platforms()) {
            sent.add(producer.send(new ProducerRecord<>(Topics.PLATFORMS, platform.getPlatformId(), platform)));
        }
        List<DepartmentRoute> routes = pack.routes();
        for (int i = 0; i < routes.size(); i++) {
            sent.add(producer.send(new ProducerRecord<>(Topics.ROUTING, pack.name() + "/" + i, routes.get(i))));
        }
        return awaitAll(producer, sent);
    }

    /**
     * Only the minimum wages and holidays, to other topics than the live ones (a replay's what-if rules), and waits
     * for the broker's acknowledgements; returns how many.
     */
    public static int publishRuleData(RulePack pack, Producer<String, SpecificRecord> producer, String minimumWagesTopic,
                                      String holidaysTopic, String categoriesTopic) {
        return awaitAll(producer, sendRuleData(pack, producer, minimumWagesTopic, holidaysTopic, categoriesTopic));
    }

    private static List<Future<RecordMetadata>> sendRuleData(RulePack pack, Producer<String, SpecificRecord> producer,
                                                             String minimumWagesTopic, String holidaysTopic,
                                                             String categoriesTopic) {
        List<Future<RecordMetadata>> sent = new ArrayList<>();
        for (MinimumWage wage : pack.minimumWages()) {
            sent.add(producer.send(new ProducerRecord<>(minimumWagesTopic, wage.getRegion() + "/" + wage.getEffectiveFrom(), wage)));
        }
        for (HolidayCalendarEntry day : pack.holidays()) {
            sent.add(producer.send(new ProducerRecord<>(holidaysTopic, day.getCalendar() + "/" + day.getDate(), day)));
        }
        for (CategoryParameters entry : pack.categoryParameters()) {
            sent.add(producer.send(new ProducerRecord<>(categoriesTopic, categoryKey(entry), entry)));
        }
        return sent;
    }

    private static int awaitAll(Producer<String, SpecificRecord> producer, List<Future<RecordMetadata>> sent) {
        producer.flush();
        try {
            for (Future<RecordMetadata> f : sent) {
                f.get();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while publishing rule data", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("rule data not published: " + e.getCause().getMessage(), e.getCause());
        }
        return sent.size();
    }

    /** The key of a category entry: {@code pack/category/effectiveFrom} (ISO date: key order is date order). */
    public static String categoryKey(CategoryParameters entry) {
        return categoryKey(entry.getPack(), entry.getCategory(), entry.getEffectiveFrom());
    }

    public static String categoryKey(String pack, String category, LocalDate effectiveFrom) {
        return pack + "/" + category + "/" + effectiveFrom;
    }

    private RulePublisher() {}
}
