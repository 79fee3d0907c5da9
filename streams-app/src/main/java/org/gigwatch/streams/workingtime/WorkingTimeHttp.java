package org.gigwatch.streams.workingtime;

import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.kafka.streams.state.HostInfo;
import org.eclipse.jetty.http.UriCompliance;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The working-time interactive queries over HTTP: {@code GET /workers/{key}/working-time} answers a
 * {@link WorkingTimeReport} as JSON for a platform account ({@code platformId/workerId}: the slash as is or as
 * {@code %2F}) or a person ({@code workerKey}). 404 for a key the topology does not know, 503 (with Retry-After) while
 * the app is not RUNNING or is rebalancing, errors as {@code {"error": ..., "key": ...}}.
 *
 * <p>Started before the streams app, whose {@code application.server} is this server's address ({@link #hostInfo()}),
 * and then given the queries ({@link #serve}); until then it answers 503.
 */
public final class WorkingTimeHttp implements AutoCloseable {
    public static final String PATH = "/workers/<key>/working-time";
    private static final Logger log = LoggerFactory.getLogger(WorkingTimeHttp.class);

    private final Javalin http;
    private final String host;
    private volatile WorkingTimeQueries queries;

    private WorkingTimeHttp(String host) {
        this.host = host;
        this.http = Javalin.create(config -> {
            config.showJavalinBanner = false;
            // platform keys have a slash; Jetty refuses an encoded one (%2F) in a path unless told otherwise
            config.jetty.modifyHttpConfiguration(http -> http.setUriCompliance(
                    UriCompliance.DEFAULT.with("encoded slash", UriCompliance.Violation.AMBIGUOUS_PATH_SEPARATOR)));
        });
        http.get(PATH, this::workingTime);
        http.exception(Exception.class, (e, ctx) -> {
            log.warn("query {} failed", ctx.path(), e);
            error(ctx, HttpStatus.INTERNAL_SERVER_ERROR, "the query failed: " + e, null);
        });
    }

    /** Listens on {@code host:port} (0: a free port, see {@link #port()}). */
    public static WorkingTimeHttp start(String host, int port) {
        WorkingTimeHttp server = new WorkingTimeHttp(host);
        server.http.start(host, port);
        log.info("working-time queries on {}", server.url());
        return server;
    }

    public int port() {
        return http.port();
    }

    /** This server as the streams app's {@code application.server}. */
    public HostInfo hostInfo() {
        return new HostInfo(host, port());
    }

    /** The base URL, e.g. {@code http://127.0.0.1:8080}. */
    public String url() {
        return "http://" + host + ":" + port();
    }

    /** From now on, answers with these queries. */
    public void serve(WorkingTimeQueries queries) {
        this.queries = queries;
    }

    private void workingTime(Context ctx) {
        String key = ctx.pathParam("key");
        if (key.isBlank()) {
            error(ctx, HttpStatus.BAD_REQUEST, "key is empty: expected platformId/workerId or a workerKey", key);
            return;
        }
        WorkingTimeQueries q = queries;
        if (q == null) {
            unavailable(ctx, "the streams app is starting", key);
            return;
        }
        try {
            q.report(key).ifPresentOrElse(ctx::json, () -> error(ctx, HttpStatus.NOT_FOUND,
                    "unknown worker: no state and no registration for this key", key));
        } catch (WorkingTimeQueries.Unavailable e) {
            unavailable(ctx, e.getMessage(), key);
        }
    }

    private static void unavailable(Context ctx, String reason, String key) {
        ctx.header("Retry-After", "1");
        error(ctx, HttpStatus.SERVICE_UNAVAILABLE, reason, key);
    }

    private static void error(Context ctx, HttpStatus status, String message, String key) {
        Map<String, String> body = new LinkedHashMap<>();
        body.put("error", message);
        if (key != null) {
            body.put("key", key);
        }
        ctx.status(status).json(body);
    }

    @Override
    public void close() {
        http.stop();
    }
}
