package org.gigwatch.gateway;

/** Why one field of an event was refused; {@code field} is a path such as {@code lines[2].amount}. */
public record FieldError(String field, String reason) {}
