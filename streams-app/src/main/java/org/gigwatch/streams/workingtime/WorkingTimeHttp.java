package org.gigwatch.streams.workingtime;

import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import org.eclipse.jetty.http.UriCompliance;

/**
 * The working-time interactive queries over HTTP: {@code GET /workers/{key}/working-time} answers a
 * {@link WorkingTimeReport} as JSON for a platform account ({@code platformId/workerId}: the slash as is or as
 * {@code %2F}) or a person ({@code workerKey}). 404 for a key the topology does not know, 503 (with Retry-After) while
 * the app is not RUNNING or is rebalancing (see {@link QueryServer}).
 */
public final class WorkingTimeHttp extends QueryServer<WorkingTimeQueries> {
    public static final String PATH = "/workers/<key>/working-time";

    private WorkingTimeHttp(String host) {
        // platform keys have a slash; Jetty refuses an encoded one (%2F) in a path unless told otherwise
        super(host, config -> config.jetty.modifyHttpConfiguration(http -> http.setUriCompliance(
                UriCompliance.DEFAULT.with("encoded slash", UriCompliance.Violation.AMBIGUOUS_PATH_SEPARATOR))));
        http.get(PATH, this::workingTime);
    }

    /** Listens on {@code host:port} (0: a free port, see {@link #port()}). */
    public static WorkingTimeHttp start(String host, int port) {
        WorkingTimeHttp server = new WorkingTimeHttp(host);
        server.listen(port);
        return server;
    }

    private void workingTime(Context ctx) {
        String key = ctx.pathParam("key");
        if (key.isBlank()) {
            error(ctx, HttpStatus.BAD_REQUEST, "key is empty: expected platformId/workerId or a workerKey", key);
            return;
        }
        WorkingTimeQueries q = queries(ctx, key);
        if (q == null) {
            return;
        }
        try {
            q.report(key).ifPresentOrElse(ctx::json, () -> error(ctx, HttpStatus.NOT_FOUND,
                    "unknown worker: no state and no registration for this key", key));
        } catch (ActiveStores.Unavailable e) {
            unavailable(ctx, e.getMessage(), key);
        }
    }
}
