package org.gigwatch.simulator.model;

import java.time.LocalDate;
import java.util.List;
import org.gigwatch.simulator.truth.Injection;

/**
 * One planned day of a worker: what each active account did (empty on a rest day), and the injections the
 * generator placed in it. A night shift planned for this date may run past midnight.
 */
public record WorkerDay(Worker worker, LocalDate date, List<PlatformDay> platforms, List<Injection> injections) {}
