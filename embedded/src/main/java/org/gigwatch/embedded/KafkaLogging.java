package org.gigwatch.embedded;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import org.slf4j.LoggerFactory;

import java.util.List;

/**
 * Turns the embedded broker's server-side loggers down to WARN: at INFO a broker logs hundreds of lines on
 * start alone, which drown the host application's own output.
 *
 * <p>Only done when SLF4J is bound to logback (the binding gigwatch ships), and only for loggers that the
 * logging configuration leaves unset, so an explicit level in a logback.xml always wins.
 */
final class KafkaLogging {

    /** Server-side logger prefixes; Kafka's clients (org.apache.kafka.clients, .streams) keep their levels. */
    static final List<String> SERVER_LOGGERS = List.of(
        "kafka",
        "state.change.logger",
        "org.apache.kafka.controller",
        "org.apache.kafka.coordinator",
        "org.apache.kafka.image",
        "org.apache.kafka.metadata",
        "org.apache.kafka.network",
        "org.apache.kafka.queue",
        "org.apache.kafka.raft",
        "org.apache.kafka.security",
        "org.apache.kafka.server",
        "org.apache.kafka.snapshot",
        "org.apache.kafka.storage",
        "org.apache.kafka.common.network",
        "org.apache.kafka.common.security",
        "org.apache.kafka.common.utils.AppInfoParser",
        // shared with the clients, but the broker alone dumps its ~400-line KafkaConfig a dozen times per start
        "org.apache.kafka.common.config.AbstractConfig",
        "org.apache.kafka.common.metrics.Metrics");

    private KafkaLogging() {
    }

    static void quietServerLoggers() {
        // compare by name: logback is an optional dependency and may be absent at run time
        Object factory = LoggerFactory.getILoggerFactory();
        if (factory.getClass().getName().equals("ch.qos.logback.classic.LoggerContext")) {
            Logback.quiet(factory);
        }
    }

    /** Loaded only when logback is present. */
    private static final class Logback {
        static void quiet(Object factory) {
            LoggerContext context = (LoggerContext) factory;
            for (String name : SERVER_LOGGERS) {
                ch.qos.logback.classic.Logger logger = context.getLogger(name);
                if (logger.getLevel() == null) {
                    logger.setLevel(Level.WARN);
                }
            }
        }
    }
}
