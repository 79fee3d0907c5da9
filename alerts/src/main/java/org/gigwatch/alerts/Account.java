package org.gigwatch.alerts;

import org.gigwatch.schemas.Topics;

/**
 * A regulator's login: a department ({@code hrss}, {@code market}, ...) of a region (a city, or a province such as
 * 330000, which sees its cities' alerts). It sees exactly its regulator topic.
 */
public record Account(String user, String region, String department, String passwordHash) {
    public Account {
        require(user, "user");
        require(region, "region");
        require(department, "department");
        require(passwordHash, "passwordHash");
    }

    /** The only topic whose alerts this account may see. */
    public String topic() {
        return Topics.regulator(region, department);
    }

    private static void require(String value, String field) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("account: field '" + field + "' is missing");
        }
    }
}
