package org.gigwatch.streams.workingtime;

import io.javalin.Javalin;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;
import org.apache.kafka.streams.state.HostInfo;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A Streams app's interactive queries over HTTP. Started before the app, whose {@code application.server} is this
 * server's address ({@link #hostInfo()}), then given the queries ({@link #serve}); until then, and while the app
 * cannot answer, it says 503 with Retry-After. Errors are {@code {"error": ..., "key": ...}}.
 *
 * @param <Q> the app's queries
 */
public abstract class QueryServer<Q> implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(QueryServer.class);

    protected final Javalin http;
    private final String host;
    private volatile Q queries;

    protected QueryServer(String host, Consumer<JavalinConfig> config) {
        this.host = host;
        this.http = Javalin.create(javalin -> {
            javalin.showJavalinBanner = false;
            config.accept(javalin);
        });
        http.exception(Exception.class, (e, ctx) -> {
            log.warn("query {} failed", ctx.path(), e);
            error(ctx, HttpStatus.INTERNAL_SERVER_ERROR, "the query failed: " + e, null);
        });
    }

    /** Listens on {@code host:port} (0: a free port, see {@link #port()}). */
    protected void listen(int port) {
        http.start(host, port);
        log.info("{} on {}", getClass().getSimpleName(), url());
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
    public void serve(Q queries) {
        this.queries = queries;
    }

    /** The queries, or null (and a 503 answered) while the app is starting. */
    protected Q queries(Context ctx, String key) {
        Q q = queries;
        if (q == null) {
            unavailable(ctx, "the streams app is starting", key);
        }
        return q;
    }

    protected static void unavailable(Context ctx, String reason, String key) {
        ctx.header("Retry-After", "1");
        error(ctx, HttpStatus.SERVICE_UNAVAILABLE, reason, key);
    }

    protected static void error(Context ctx, HttpStatus status, String message, String key) {
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
