package org.gigwatch.simulator.model;

import org.gigwatch.avro.PayoutLineType;

/** One line of a payout; the amount is never negative, the type says whether it is paid or deducted. */
public record PayLine(PayoutLineType type, long amount, String reference) {}
