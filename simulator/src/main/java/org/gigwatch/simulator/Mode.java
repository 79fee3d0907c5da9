package org.gigwatch.simulator;

/** HISTORY: the whole range as fast as possible. LIVE: events released on an accelerated clock. */
public enum Mode { HISTORY, LIVE }
