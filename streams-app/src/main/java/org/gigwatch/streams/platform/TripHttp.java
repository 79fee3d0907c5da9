package org.gigwatch.streams.platform;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import org.apache.kafka.streams.state.HostInfo;
import org.gigwatch.streams.workingtime.WorkingTimeQueries;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * INJURY_RESPONSIBILITY as an HTTP query: {@code GET /persons/{workerKey}/trip?at=<ISO instant>} answers the trip the
 * person was on at that instant and the responsible platform (its first order's) as JSON; 404 when on no trip, 400
 * for a bad {@code at}, 503 (with Retry-After) while the app is not running or the key is elsewhere. Like
 * WorkingTimeHttp, started before the streams app (its address is the app's {@code application.server}), then
 * given the queries.
 */
public final class TripHttp implements AutoCloseable {
    public static final String PATH = "/persons/<key>/trip";
    private static final Logger log = LoggerFactory.getLogger(TripHttp.class);

    private final Javalin http;
    private final String host;
    private volatile TripQueries queries;

    private TripHttp(String host) {
        this.host = host;
        this.http = Javalin.create(config -> config.showJavalinBanner = false);
        http.get(PATH, this::trip);
        http.exception(Exception.class, (e, ctx) -> {
            log.warn("query {} failed", ctx.path(), e);
            error(ctx, HttpStatus.INTERNAL_SERVER_ERROR, "the query failed: " + e);
        });
    }

    public static TripHttp start(String host, int port) {
        TripHttp server = new TripHttp(host);
        server.http.start(host, port);
        log.info("trip queries on {}", server.url());
        return server;
    }

    public HostInfo hostInfo() {
        return new HostInfo(host, http.port());
    }

    public String url() {
        return "http://" + host + ":" + http.port();
    }

    public void serve(TripQueries queries) {
        this.queries = queries;
    }

    private void trip(Context ctx) {
        String person = ctx.pathParam("key");
        String at = ctx.queryParam("at");
        Instant instant;
        try {
            instant = Instant.parse(at == null ? "" : at);
        } catch (DateTimeParseException e) {
            error(ctx, HttpStatus.BAD_REQUEST, "at: expected an ISO-8601 instant such as 2025-09-29T02:10:00Z, got " + at);
            return;
        }
        TripQueries q = queries;
        if (q == null) {
            ctx.header("Retry-After", "1");
            error(ctx, HttpStatus.SERVICE_UNAVAILABLE, "the streams app is starting");
            return;
        }
        try {
            q.tripAt(person, instant).ifPresentOrElse(trip -> ctx.json(answer(person, instant, trip)),
                    () -> error(ctx, HttpStatus.NOT_FOUND, "on no trip at " + instant));
        } catch (WorkingTimeQueries.Unavailable e) {
            ctx.header("Retry-After", "1");
            error(ctx, HttpStatus.SERVICE_UNAVAILABLE, e.getMessage());
        }
    }

    /** The responsible platform and account, the trip's span and its orders as known now. */
    static Map<String, Object> answer(String person, Instant at, Trip trip) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("workerKey", person);
        body.put("at", at.toString());
        body.put("platformId", trip.first().platformId());
        body.put("workerId", trip.first().workerId());
        body.put("tripStart", Instant.ofEpochMilli(trip.start()).toString());
        body.put("tripEnd", trip.end() == Long.MAX_VALUE ? null : Instant.ofEpochMilli(trip.end()).toString());
        List<Map<String, Object>> orders = trip.orders().stream().map(o -> {
            Map<String, Object> order = new LinkedHashMap<>();
            order.put("platformId", o.platformId());
            order.put("workerId", o.workerId());
            order.put("orderId", o.orderId());
            order.put("acceptedAt", Instant.ofEpochMilli(o.acceptedAt()).toString());
            order.put("endedAt", o.endedAt() == null ? null : Instant.ofEpochMilli(o.endedAt()).toString());
            return order;
        }).toList();
        body.put("orders", orders);
        return body;
    }

    private static void error(Context ctx, HttpStatus status, String message) {
        ctx.status(status).json(Map.of("error", message));
    }

    @Override
    public void close() {
        http.stop();
    }
}
