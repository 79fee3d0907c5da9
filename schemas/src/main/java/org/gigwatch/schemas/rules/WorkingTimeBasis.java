package org.gigwatch.schemas.rules;

/**
 * What a rule pack counts as working time (RULES.md, definitions): ONLINE, logged in and not on a declared
 * break (the Chinese packs); ORDER, the union of ACCEPTED to DELIVERED or CANCELLED intervals, i.e. engaged time
 * (e.g. New York City's delivery-worker minimum pay).
 */
public enum WorkingTimeBasis {
    ONLINE,
    ORDER
}
