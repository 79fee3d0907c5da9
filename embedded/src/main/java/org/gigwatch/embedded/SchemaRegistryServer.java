package org.gigwatch.embedded;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.security.CodeSource;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;

/**
 * The schema registry (module {@code registry}, a Quarkus runnable jar) as a child process on a free loopback
 * port. Its output goes to a log file; {@link #close()} and, should the JVM die first, a shutdown hook stop it
 * together with any process it started.
 */
public final class SchemaRegistryServer implements AutoCloseable {

    public static final String JAR_PROPERTY = "gigwatch.registry.jar";
    public static final String JAR_ENV = "GIGWATCH_REGISTRY_JAR";
    /** Where the registry module leaves its jar, relative to the project root. */
    public static final String JAR_IN_PROJECT = "registry/target/gigwatch-registry-runner.jar";
    public static final String BUILD_COMMAND = "mvn -DskipTests package";

    private static final Logger log = LoggerFactory.getLogger(SchemaRegistryServer.class);
    private static final String LOOPBACK = "127.0.0.1";
    private static final String CONFLUENT_API = "/apis/ccompat/v7";
    private static final Duration START_TIMEOUT = Duration.ofSeconds(60);
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(15);
    private static final Duration POLL_INTERVAL = Duration.ofMillis(100);
    private static final int LOG_TAIL_LINES = 40;

    private final Process process;
    private final String url;
    private final Path logFile;
    private final Thread shutdownHook;
    private boolean closed;

    private SchemaRegistryServer(Process process, String url, Path logFile) {
        this.process = process;
        this.url = url;
        this.logFile = logFile;
        this.shutdownHook = new Thread(this::stopProcessTree, "gigwatch-registry-shutdown");
    }

    /** Finds the registry jar (see {@link #findJar()}) and starts it in memory, logging to a new temporary file. */
    public static SchemaRegistryServer start() {
        try {
            return start(requireJar(), Files.createTempFile("gigwatch-registry-", ".log"));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the schema registry's log file", e);
        }
    }

    /**
     * Starts the registry with its schemas kept in {@code storageDir} (H2 files; its log goes there too), so the
     * schema ids in records written before a restart still resolve after it.
     */
    public static SchemaRegistryServer startPersistent(Path storageDir) {
        Path dir = storageDir.toAbsolutePath();
        return start(requireJar(), dir.resolve("registry.log"),
            List.of("-DREGISTRY_DATASOURCE_URL=jdbc:h2:file:" + dir.resolve("schemas") + ";DB_CLOSE_ON_EXIT=FALSE"));
    }

    private static Path requireJar() {
        return findJar().orElseThrow(() -> new IllegalStateException(
            "The schema registry jar was not found. Looked for:\n  "
                + String.join("\n  ", jarCandidates().entrySet().stream()
                    .map(candidate -> candidate.getKey() + "  (" + candidate.getValue() + ")").toList())
                + "\nBuild it from the project root with `" + BUILD_COMMAND + "`, or point system property "
                + JAR_PROPERTY + " or environment variable " + JAR_ENV + " at it."));
    }

    /** Starts {@code jar} with its output in {@code logFile} and returns once {@code GET /subjects} answers 200. */
    public static SchemaRegistryServer start(Path jar, Path logFile) {
        return start(jar, logFile, List.of());
    }

    private static SchemaRegistryServer start(Path jar, Path logFile, List<String> storageOptions) {
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException("The schema registry jar " + jar + " does not exist; build it from the"
                + " project root with `" + BUILD_COMMAND + "`");
        }
        long startNanos = System.nanoTime();
        int port = freeLoopbackPort();
        Path absoluteJar = jar.toAbsolutePath();
        List<String> command = new ArrayList<>(List.of(javaCommand(), "-Xmx96m", "-XX:+UseSerialGC",
            "-XX:TieredStopAtLevel=1", "-Dquarkus.http.host=" + LOOPBACK, "-Dquarkus.http.port=" + port));
        command.addAll(storageOptions);
        command.addAll(List.of("-jar", absoluteJar.toString()));
        Process process;
        try {
            Path parent = logFile.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            process = new ProcessBuilder(command)
                .directory(absoluteJar.getParent().toFile()) // no stray config/ or .env of the caller's directory
                .redirectErrorStream(true)
                .redirectOutput(logFile.toFile())
                .start();
            process.getOutputStream().close(); // it reads no input
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the schema registry: " + String.join(" ", command), e);
        }
        SchemaRegistryServer server = new SchemaRegistryServer(process,
            "http://" + LOOPBACK + ":" + port + CONFLUENT_API, logFile);
        Runtime.getRuntime().addShutdownHook(server.shutdownHook);
        try {
            server.awaitReady();
        } catch (RuntimeException e) {
            server.close();
            throw e;
        }
        log.info("Schema registry (pid {}) ready at {} in {} ms; log: {}", process.pid(), server.url,
            TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startNanos), logFile);
        return server;
    }

    /**
     * The registry jar: system property {@value #JAR_PROPERTY}, environment variable {@value #JAR_ENV}, else
     * {@value #JAR_IN_PROJECT} under the working directory or one of its parents, else under a parent of the jar or
     * classes directory this class was loaded from (so {@code app/target/gigwatch.jar} finds the project's).
     */
    public static Optional<Path> findJar() {
        return jarCandidates().keySet().stream().filter(Files::isRegularFile).findFirst();
    }

    /** Base URL of the Confluent-compatible API, e.g. {@code http://127.0.0.1:PORT/apis/ccompat/v7}. */
    public String url() {
        return url;
    }

    public long pid() {
        return process.pid();
    }

    public Path logFile() {
        return logFile;
    }

    /** Stops the registry and every process it started, and waits until they have exited. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException shuttingDown) {
            // the hook runs (or ran) anyway
        }
        stopProcessTree();
    }

    @Override
    public String toString() {
        return "SchemaRegistryServer[" + url + ", pid " + process.pid() + "]";
    }

    private void awaitReady() {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
        HttpRequest subjects = HttpRequest.newBuilder(URI.create(url + "/subjects"))
            .timeout(Duration.ofSeconds(2)).GET().build();
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        String lastAnswer = "no answer yet";
        while (true) {
            if (!process.isAlive()) {
                throw failure("exited with code " + process.exitValue() + " before it was ready");
            }
            try {
                HttpResponse<String> response = http.send(subjects, HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() == 200) {
                    return;
                }
                lastAnswer = "HTTP " + response.statusCode() + ": " + response.body();
            } catch (IOException e) {
                lastAnswer = e.toString(); // not listening yet
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw failure("start was interrupted");
            }
            if (System.nanoTime() > deadline) {
                throw failure("did not answer GET /subjects with 200 within " + START_TIMEOUT.toSeconds()
                    + " s (last: " + lastAnswer + ")");
            }
            awaitExit(process.toHandle(), POLL_INTERVAL); // the pause between attempts ends early if it dies
        }
    }

    private IllegalStateException failure(String what) {
        return new IllegalStateException("The schema registry (pid " + process.pid() + ", " + url + ") " + what
            + ". Last lines of " + logFile + ":\n" + logTail());
    }

    /** SIGTERM first so Quarkus shuts down cleanly; SIGKILL for whatever is still there after the timeout. */
    private void stopProcessTree() {
        // collected before the parent exits: orphans are re-parented and drop out of its descendants
        List<ProcessHandle> tree = new ArrayList<>(process.descendants().toList());
        tree.add(0, process.toHandle());
        tree.forEach(ProcessHandle::destroy);
        for (ProcessHandle handle : tree) {
            if (!awaitExit(handle, STOP_TIMEOUT)) {
                log.warn("Schema registry process {} ignored SIGTERM for {} s; killing it", handle.pid(),
                    STOP_TIMEOUT.toSeconds());
                handle.destroyForcibly();
                awaitExit(handle, STOP_TIMEOUT);
            }
        }
    }

    private static boolean awaitExit(ProcessHandle handle, Duration timeout) {
        try {
            handle.onExit().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            return true;
        } catch (TimeoutException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return !handle.isAlive();
        } catch (ExecutionException e) {
            return !handle.isAlive();
        }
    }

    private String logTail() {
        try (RandomAccessFile file = new RandomAccessFile(logFile.toFile(), "r")) {
            long length = file.length();
            long from = Math.max(0, length - 16 * 1024);
            byte[] bytes = new byte[(int) (length - from)];
            file.seek(from);
            file.readFully(bytes);
            List<String> lines = new String(bytes, StandardCharsets.UTF_8).lines().toList();
            return lines.subList(Math.max(0, lines.size() - LOG_TAIL_LINES), lines.size()).stream()
                .map(line -> "  | " + line).collect(Collectors.joining("\n"));
        } catch (IOException e) {
            return "  (cannot read it: " + e + ")";
        }
    }

    /** Candidate jar paths, in search order, each with where it came from. */
    private static Map<Path, String> jarCandidates() {
        Map<Path, String> candidates = new LinkedHashMap<>();
        String property = System.getProperty(JAR_PROPERTY);
        if (property != null && !property.isBlank()) {
            candidates.put(Paths.get(property).toAbsolutePath().normalize(), "system property " + JAR_PROPERTY);
        }
        String env = System.getenv(JAR_ENV);
        if (env != null && !env.isBlank()) {
            candidates.put(Paths.get(env).toAbsolutePath().normalize(), "environment variable " + JAR_ENV);
        }
        addUpward(candidates, Paths.get("").toAbsolutePath(), "from the working directory up");
        codeLocation().ifPresent(location -> addUpward(candidates, location.getParent(), "from " + location + " up"));
        return candidates;
    }

    private static void addUpward(Map<Path, String> candidates, Path start, String origin) {
        for (Path dir = start; dir != null; dir = dir.getParent()) {
            candidates.putIfAbsent(dir.resolve(JAR_IN_PROJECT).normalize(), origin);
        }
    }

    /** The jar or classes directory this class was loaded from. */
    private static Optional<Path> codeLocation() {
        CodeSource source = SchemaRegistryServer.class.getProtectionDomain().getCodeSource();
        if (source == null || source.getLocation() == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(Paths.get(source.getLocation().toURI()).toAbsolutePath());
        } catch (URISyntaxException | IllegalArgumentException e) {
            return Optional.empty(); // not a file (e.g. a nested jar URL)
        }
    }

    private static String javaCommand() {
        return ProcessHandle.current().info().command()
            .orElse(Paths.get(System.getProperty("java.home"), "bin", "java").toString());
    }

    private static int freeLoopbackPort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName(LOOPBACK))) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("no free loopback port", e);
        }
    }
}
