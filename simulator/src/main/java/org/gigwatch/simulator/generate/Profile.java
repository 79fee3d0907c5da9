package org.gigwatch.simulator.generate;

import java.time.ZoneId;
import org.gigwatch.schemas.rules.CategoryRules;
import org.gigwatch.simulator.model.Worker;

/**
 * A worker and how they work: shift preference and the hourly rate (fen per hour of working time) their
 * platforms pay them on a normal day, set well above every minimum wage in force during the range.
 */
record Profile(Worker worker, ZoneId zone, CategoryRules rules, ShiftPreference shift, long hourlyRate) {
    int index() {
        return worker.index();
    }
}
