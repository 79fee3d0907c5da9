package org.gigwatch.alerts;

import org.gigwatch.schemas.rules.RulePack;

/**
 * What the router is built with.
 *
 * @param registryUrl the schema registry ({@code mock://<scope>} in topology tests)
 * @param rules       the rule pack: its routing table, platforms (industries) and regions (provinces)
 */
public record RoutingConfig(String registryUrl, RulePack rules) {
    public static RoutingConfig defaults(String registryUrl) {
        return new RoutingConfig(registryUrl, RulePack.shipped("cn"));
    }
}
