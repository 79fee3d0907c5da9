package org.gigwatch.alerts;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import io.javalin.http.staticfiles.Location;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import org.gigwatch.avro.Platform;
import org.gigwatch.avro.Violation;
import org.gigwatch.schemas.rules.RulePack;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The regulator console: a page (plain JS, charts from a webjar) and the JSON API behind it, scoped to the signed-in
 * regulator's topic. See docs/ALERTS.md for the API.
 */
public final class RegulatorConsole implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(RegulatorConsole.class);
    static final String COOKIE = "gigwatch_session";
    private static final String ACCOUNT = "gigwatch.account";
    private static final String FILTER = "gigwatch.filter";
    private static final Duration SESSION_LIFETIME = Duration.ofHours(12);
    private static final int DEFAULT_LIMIT = 200;
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final ObjectMapper JSON = new ObjectMapper();

    private record Session(Account account, Instant expires) {}

    private final Accounts accounts;
    private final RegulatorView view;
    private final AlertJson json;
    private final RoutingTable table;
    private final RulePack pack;
    private final Map<String, Session> sessions = new ConcurrentHashMap<>();
    private final SignInLimits signIns;
    private final String page;
    private final Javalin http;

    private RegulatorConsole(Accounts accounts, RegulatorView view, RulePack pack, Severities severities, SignInLimits signIns) {
        this.accounts = accounts;
        this.signIns = signIns;
        this.view = view;
        this.pack = pack;
        this.table = new RoutingTable(pack);
        this.json = new AlertJson(pack, severities);
        this.page = resource("console/index.html");
        this.http = Javalin.create(config -> {
            config.showJavalinBanner = false;
            config.staticFiles.add(files -> {
                files.hostedPath = "/static";
                files.directory = "/console";
                files.location = Location.CLASSPATH;
            });
            config.staticFiles.enableWebjars();
        });
        // the page's routes all serve the one page; it reads the path
        for (String path : List.of("/", "/alerts/{id}", "/charts")) {
            http.get(path, ctx -> ctx.html(page));
        }
        http.get("/health", ctx -> ctx.json(Map.of("status", "UP")));
        http.post("/api/login", this::login);
        http.before("/api/*", this::requireSession);
        http.post("/api/logout", this::logout);
        http.get("/api/me", ctx -> ctx.json(me(account(ctx))));
        http.get("/api/alerts", this::list);
        http.get("/api/alerts/{id}", this::detail);
        http.get("/api/charts", this::charts);
        // the feed's filters are read before the stream starts, so that a bad one is still a 400
        http.before("/api/feed", ctx -> ctx.attribute(FILTER, AlertFilter.from(ctx::queryParam)));
        http.sse("/api/feed", client -> {
            Account account = client.ctx().attribute(ACCOUNT);
            AlertFilter filter = client.ctx().attribute(FILTER);
            client.keepAlive();
            client.onClose(view.subscribe(account.topic(), versions -> {
                Violation latest = versions.get(versions.size() - 1);
                if (filter.matches(latest, json.severity(latest), json.zone(latest))) {
                    client.sendEvent("alert", toJson(json.summary(versions)));
                }
            }));
            client.sendComment("feed of " + account.topic());
        });
        http.exception(IllegalArgumentException.class, (e, ctx) -> ctx.status(HttpStatus.BAD_REQUEST).json(Map.of("error", e.getMessage())));
    }

    /** Starts the console on {@code host:port} (0 picks a free port); {@link #close()} stops it. */
    public static RegulatorConsole start(String host, int port, Accounts accounts, RegulatorView view, RulePack pack,
                                         Severities severities) {
        return start(host, port, accounts, view, pack, severities, new SignInLimits());
    }

    static RegulatorConsole start(String host, int port, Accounts accounts, RegulatorView view, RulePack pack,
                                  Severities severities, SignInLimits signIns) {
        RoutingTable table = new RoutingTable(pack);
        accounts.check(table.places(), table.departments());
        RegulatorConsole console = new RegulatorConsole(accounts, view, pack, severities, signIns);
        console.http.start(host, port);
        log.info("regulator console on http://{}:{}/", host, console.port());
        return console;
    }

    public int port() {
        return http.port();
    }

    private void login(Context ctx) {
        Map<?, ?> body;
        try {
            body = JSON.readValue(ctx.body(), Map.class);
        } catch (IOException e) {
            throw new IllegalArgumentException("body: expected a JSON object {\"user\": ..., \"password\": ...}");
        }
        String user = Optional.ofNullable(string(body.get("user"))).orElse("");
        // the socket's address, not X-Forwarded-For: a client can write that header, it cannot choose its address
        String address = ctx.req().getRemoteAddr();
        Optional<Duration> wait = signIns.tryStart(user, address);
        if (wait.isPresent()) {
            long seconds = Math.max(1, (wait.get().toMillis() + 999) / 1000);
            ctx.header("Retry-After", String.valueOf(seconds));
            ctx.status(HttpStatus.TOO_MANY_REQUESTS).json(Map.of("error",
                    "too many failed sign-ins for this account or from this address: retry in " + seconds + " s"));
            return;
        }
        Optional<Account> account = accounts.authenticate(user, string(body.get("password")));
        if (account.isEmpty()) {
            ctx.status(HttpStatus.UNAUTHORIZED).json(Map.of("error", "unknown user or wrong password"));
            return;
        }
        signIns.succeeded(user, address);
        byte[] token = new byte[32];
        RANDOM.nextBytes(token);
        String id = Base64.getUrlEncoder().withoutPadding().encodeToString(token);
        sessions.put(id, new Session(account.get(), Instant.now().plus(SESSION_LIFETIME)));
        ctx.header("Set-Cookie", COOKIE + "=" + id + "; Path=/; HttpOnly; SameSite=Strict; Max-Age=" + SESSION_LIFETIME.toSeconds());
        ctx.json(me(account.get()));
    }

    private void logout(Context ctx) {
        String id = ctx.cookie(COOKIE);
        if (id != null) {
            sessions.remove(id);
        }
        ctx.header("Set-Cookie", COOKIE + "=; Path=/; HttpOnly; SameSite=Strict; Max-Age=0");
        ctx.status(HttpStatus.NO_CONTENT);
    }

    private void requireSession(Context ctx) {
        if (ctx.path().equals("/api/login")) {
            return;
        }
        String id = ctx.cookie(COOKIE);
        Session session = id == null ? null : sessions.get(id);
        if (session == null || session.expires().isBefore(Instant.now())) {
            if (session != null) {
                sessions.remove(id);
            }
            ctx.status(HttpStatus.UNAUTHORIZED).json(Map.of("error", "sign in first"));
            ctx.skipRemainingHandlers();
            return;
        }
        ctx.attribute(ACCOUNT, session.account());
    }

    private static Account account(Context ctx) {
        return ctx.attribute(ACCOUNT);
    }

    private Map<String, Object> me(Account account) {
        Map<String, Object> me = new LinkedHashMap<>();
        me.put("user", account.user());
        me.put("region", account.region());
        me.put("regionName", json.regionName(account.region()));
        me.put("department", account.department());
        me.put("cities", table.cities(account.region()));
        me.put("platforms", pack.platforms().stream().map(Platform::getPlatformId).toList());
        me.put("rules", new TreeSet<>(pack.routes().stream().flatMap(r -> r.getRules().stream()).toList()));
        return me;
    }

    /** The account's alerts that pass the filters, latest detection first. */
    private void list(Context ctx) {
        List<List<Violation>> alerts = matching(account(ctx), AlertFilter.from(ctx::queryParam));
        int limit = ctx.queryParamAsClass("limit", Integer.class).getOrDefault(DEFAULT_LIMIT);
        ctx.json(Map.of("total", alerts.size(), "alerts", alerts.stream().limit(Math.max(0, limit)).map(json::summary).toList()));
    }

    private List<List<Violation>> matching(Account account, AlertFilter filter) {
        return view.alerts(account.topic()).stream()
                .filter(versions -> {
                    Violation v = versions.get(versions.size() - 1);
                    return filter.matches(v, json.severity(v), json.zone(v));
                })
                .sorted(Comparator.comparing((List<Violation> versions) -> versions.get(versions.size() - 1).getDetectedAt()).reversed())
                .toList();
    }

    /** One alert with its history; 404 for an alert that is not on the account's topic, whether it exists or not. */
    private void detail(Context ctx) {
        Optional<List<Violation>> alert = view.alert(account(ctx).topic(), ctx.pathParam("id"));
        if (alert.isEmpty()) {
            ctx.status(HttpStatus.NOT_FOUND).json(Map.of("error", "no such alert for " + account(ctx).user()));
            return;
        }
        ctx.json(json.detail(alert.get()));
    }

    /**
     * Per platform: violations per 1,000 worker-days in the range, and the shortfall owed to workers per ISO week
     * (by the local day its window starts; platform-scope alerts, so no money is counted twice).
     */
    private void charts(Context ctx) {
        Account account = account(ctx);
        AlertFilter filter = AlertFilter.from(ctx::queryParam);
        List<List<Violation>> alerts = matching(account, filter);
        Set<String> cities = table.cities(account.region());
        List<Map<String, Object>> platforms = new ArrayList<>();
        Map<String, Map<LocalDate, Long>> shortfall = new TreeMap<>();
        Set<LocalDate> weeks = new TreeSet<>();
        for (List<Violation> versions : alerts) {
            Violation v = versions.get(versions.size() - 1);
            LocalDate week = v.getWindowStart().atZone(json.zone(v)).toLocalDate().with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
            weeks.add(week);
            if (v.getShortfall() != null && v.getPlatformId() != null) {
                shortfall.computeIfAbsent(v.getPlatformId(), p -> new TreeMap<>()).merge(week, v.getShortfall(), Long::sum);
            }
        }
        for (Platform p : pack.platforms()) {
            String id = p.getPlatformId();
            long violations = alerts.stream().filter(versions -> involves(versions.get(versions.size() - 1), id)).count();
            long workerDays = view.workerDays(cities, id, filter.from(), filter.to());
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("platformId", id);
            row.put("name", p.getName());
            row.put("industry", p.getIndustry().name());
            row.put("violations", violations);
            row.put("workerDays", workerDays);
            row.put("per1000WorkerDays", workerDays == 0 ? null : Math.round(violations * 1_000_000.0 / workerDays) / 1000.0);
            platforms.add(row);
        }
        Map<String, List<Long>> byWeek = new LinkedHashMap<>();
        shortfall.forEach((platform, amounts) -> byWeek.put(platform, weeks.stream().map(w -> amounts.getOrDefault(w, 0L)).toList()));
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("platforms", platforms);
        out.put("weeks", weeks.stream().map(LocalDate::toString).toList());
        out.put("shortfallByWeek", byWeek);
        out.put("currency", "CNY");
        ctx.json(out);
    }

    private static boolean involves(Violation v, String platform) {
        return v.getPlatforms().contains(platform) || platform.equals(v.getPlatformId());
    }

    private static String toJson(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String string(Object value) {
        return value == null ? null : value.toString();
    }

    private static String resource(String name) {
        try (InputStream in = RegulatorConsole.class.getClassLoader().getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException(name + " is missing from the classpath");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        http.stop();
    }
}
