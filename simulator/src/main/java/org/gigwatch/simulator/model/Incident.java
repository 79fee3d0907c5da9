package org.gigwatch.simulator.model;

/** An accident the worker reported through one platform's app (an INCIDENT session event), at epoch ms. */
public record Incident(long at, String details) {}
