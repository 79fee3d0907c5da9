package org.gigwatch.streams.platform;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import org.gigwatch.streams.workingtime.QueryServer;
import org.gigwatch.streams.workingtime.ActiveStores;

/**
 * INJURY_RESPONSIBILITY as an HTTP query: {@code GET /persons/{workerKey}/trip?at=<ISO instant>} answers the trip the
 * person was on at that instant and the responsible platform (its first order's) as JSON; 404 when on no trip, 400
 * for a bad {@code at}, 503 (with Retry-After) while the app is not running or the key is elsewhere (see
 * {@link QueryServer}).
 */
public final class TripHttp extends QueryServer<TripQueries> {
    public static final String PATH = "/persons/<key>/trip";

    private TripHttp(String host) {
        super(host, config -> { });
        http.get(PATH, this::trip);
    }

    public static TripHttp start(String host, int port) {
        TripHttp server = new TripHttp(host);
        server.listen(port);
        return server;
    }

    private void trip(Context ctx) {
        String person = ctx.pathParam("key");
        String at = ctx.queryParam("at");
        Instant instant;
        try {
            instant = Instant.parse(at == null ? "" : at);
        } catch (DateTimeParseException e) {
            error(ctx, HttpStatus.BAD_REQUEST, "at: expected an ISO-8601 instant such as 2025-09-29T02:10:00Z, got " + at, person);
            return;
        }
        TripQueries q = queries(ctx, person);
        if (q == null) {
            return;
        }
        try {
            q.tripAt(person, instant).ifPresentOrElse(trip -> ctx.json(answer(person, instant, trip)),
                    () -> error(ctx, HttpStatus.NOT_FOUND, "on no trip at " + instant, person));
        } catch (ActiveStores.Unavailable e) {
            unavailable(ctx, e.getMessage(), person);
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
}
