package org.gigwatch.simulator;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Objects;
import org.gigwatch.schemas.rules.RulePack;
import org.gigwatch.simulator.model.SimRange;

/**
 * What to simulate. Same configuration (seed included) = byte-identical events and ground truth.
 *
 * @param seed              decides everything random
 * @param workers           how many people (about dualPlatformShare of them work on two platforms)
 * @param startDate         first simulated local day
 * @param days              how many days
 * @param violationRate     injection probability per worker-day (per worker-week, worker-month, payout, ...
 *                          for the period rules; see docs/SIMULATOR.md); 0 = a fully compliant world
 * @param dualPlatformShare share of workers on two platforms of their industry at once
 * @param mode              HISTORY or LIVE
 * @param speed             LIVE only: simulated seconds per real second (3600 = an hour a second)
 * @param rules             the rule pack the world is calibrated against and judged by
 * @param groundTruthFile   if set, {@link Simulator#run} writes the ground truth there (JSON lines) first
 */
public record SimulatorConfig(long seed, int workers, LocalDate startDate, int days, double violationRate,
                              double dualPlatformShare, Mode mode, double speed, RulePack rules, Path groundTruthFile) {
    public SimulatorConfig {
        Objects.requireNonNull(startDate, "startDate");
        Objects.requireNonNull(mode, "mode");
        Objects.requireNonNull(rules, "rules");
        if (workers < 1) {
            throw new IllegalArgumentException("workers must be at least 1, was " + workers);
        }
        if (days < 1) {
            throw new IllegalArgumentException("days must be at least 1, was " + days);
        }
        if (violationRate < 0 || violationRate > 0.5) {
            throw new IllegalArgumentException("violationRate must be within 0..0.5, was " + violationRate);
        }
        if (dualPlatformShare < 0 || dualPlatformShare > 1) {
            throw new IllegalArgumentException("dualPlatformShare must be within 0..1, was " + dualPlatformShare);
        }
        if (mode == Mode.LIVE && !(speed > 0)) {
            throw new IllegalArgumentException("speed must be positive in live mode, was " + speed);
        }
    }

    public SimRange range() {
        return new SimRange(startDate, days);
    }

    public static Builder builder() {
        return new Builder();
    }

    public Builder toBuilder() {
        return new Builder().seed(seed).workers(workers).startDate(startDate).days(days).violationRate(violationRate)
                .dualPlatformShare(dualPlatformShare).mode(mode).speed(speed).rules(rules).groundTruthFile(groundTruthFile);
    }

    /** Defaults: seed 42, 1000 workers, 7 days from 2025-09-29, rate 0.02, 20% dual, history, speed 3600, pack cn. */
    public static final class Builder {
        private long seed = 42;
        private int workers = 1000;
        private LocalDate startDate = LocalDate.of(2025, 9, 29);
        private int days = 7;
        private double violationRate = 0.02;
        private double dualPlatformShare = 0.2;
        private Mode mode = Mode.HISTORY;
        private double speed = 3600;
        private RulePack rules;
        private Path groundTruthFile;

        public Builder seed(long seed) {
            this.seed = seed;
            return this;
        }

        public Builder workers(int workers) {
            this.workers = workers;
            return this;
        }

        public Builder startDate(LocalDate startDate) {
            this.startDate = startDate;
            return this;
        }

        public Builder days(int days) {
            this.days = days;
            return this;
        }

        public Builder violationRate(double violationRate) {
            this.violationRate = violationRate;
            return this;
        }

        public Builder dualPlatformShare(double dualPlatformShare) {
            this.dualPlatformShare = dualPlatformShare;
            return this;
        }

        public Builder mode(Mode mode) {
            this.mode = mode;
            return this;
        }

        public Builder speed(double speed) {
            this.speed = speed;
            return this;
        }

        /** LIVE mode at this speed. */
        public Builder live(double speed) {
            return mode(Mode.LIVE).speed(speed);
        }

        public Builder rules(RulePack rules) {
            this.rules = rules;
            return this;
        }

        public Builder groundTruthFile(Path groundTruthFile) {
            this.groundTruthFile = groundTruthFile;
            return this;
        }

        public SimulatorConfig build() {
            return new SimulatorConfig(seed, workers, startDate, days, violationRate, dualPlatformShare, mode, speed,
                    rules != null ? rules : RulePack.shipped("cn"), groundTruthFile);
        }
    }
}
