package cn.henan.skillshub.sources.mapping;

import cn.henan.skillshub.runtime.Backfills;
import cn.henan.skillshub.runtime.SourceFiles;
import cn.henan.skillshub.runtime.SourceTransactions;
import jakarta.annotation.PreDestroy;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.apache.camel.CamelContext;
import org.apache.camel.model.Model;
import org.apache.camel.model.RouteTemplateDefinition;
import org.apache.camel.model.RouteTemplateParameterDefinition;
import org.apache.camel.spi.Resource;
import org.apache.camel.support.PluginHelper;
import org.apache.camel.support.ResourceHelper;
import org.apache.camel.util.URISupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/**
 * Sources change while the hub runs. Every {@code skillshub.sources.reload-interval} this looks at the route files
 * — those in the directories Camel loads them from ({@code file:} patterns of {@code camel.main.routes-include-pattern})
 * and those handed in through the API ({@link SourceFileStore}) — and applies what changed, one file at a time:
 * <ul>
 *   <li>a new file: its sources are added and start (in a cluster, where the cluster service gives them a leader);</li>
 *   <li>a changed file: it is checked first, as the dry run checks it (YAML, templates, parameters, placeholders,
 *       record mapping); a refused version leaves the running one as it was, and the refusal shows in the sources
 *       API. A version that passes stops and removes the file's routes — each one's batch in flight commits or
 *       aborts, its producer is closed — and adds the new ones, which open a producer under the same transactional
 *       id and resume from the checkpoint in Kafka;</li>
 *   <li>a file gone: its sources stop and are removed; their checkpoints stay in Kafka, so the same source added
 *       again resumes where it was.</li>
 * </ul>
 * A change or removal of a file one of whose sources is being backfilled waits until the backfill ends: the
 * running version stays, the sources API shows why it waits, and the next scan after the backfill applies it. A
 * backfill is a long pass publishing under its own transactional id; stopping its source's route under it would
 * leave the operator a 200 for a pass whose mapper had meanwhile changed, or a failed one.
 * Other sources are not touched. Camel's own {@code RouteWatcherReloadStrategy} is not used: it does not re-create
 * a {@code templatedRoute} (its update adds plain routes only), it leaves a deleted file's routes running, and it
 * stops the routes before it knows whether the new file loads.
 */
@Component
public class RouteFileReload {

    private static final Logger log = LoggerFactory.getLogger(RouteFileReload.class);
    static final String API_ORIGIN = "api:";

    /** A file's version that runs, and the routes it declared. */
    private record Applied(String text, List<RouteFiles.DeclaredRoute> routes) {
        List<String> routeIds() {
            return routes.stream().map(RouteFiles.DeclaredRoute::routeId).toList();
        }
    }

    /** A directory Camel loads route files from, and the glob of their names. */
    record Watched(Path directory, String glob) {
    }

    private final CamelContext camel;
    private final RecordMappings mappings;
    private final SourceTransactions transactions;
    private final SourceFiles files;
    private final SourceFileStore store;
    private final Backfills backfills;
    private final List<Watched> watched;
    private final Duration interval;
    private final Map<String, Applied> applied = new HashMap<>();
    /** The text of each file as last looked at, applied or refused: a refused text is not tried again each scan. */
    private final Map<String, String> seen = new HashMap<>();
    /** The files whose change waits for a backfill, logged once each. */
    private final Set<String> waiting = new HashSet<>();
    private ScheduledExecutorService scanner;

    RouteFileReload(CamelContext camel, RecordMappings mappings, SourceTransactions transactions, SourceFiles files,
                    SourceFileStore store, Backfills backfills, Environment environment,
                    @Value("${skillshub.sources.reload-interval:1s}") Duration interval) {
        this.camel = camel;
        this.mappings = mappings;
        this.transactions = transactions;
        this.files = files;
        this.store = store;
        this.backfills = backfills;
        this.watched = watched(environment.getProperty("camel.main.routes-include-pattern", ""));
        this.interval = interval;
    }

    /** The directories of the {@code file:} patterns, e.g. {@code file:routes/*.yaml}: routes, *.yaml. */
    static List<Watched> watched(String patterns) {
        List<Watched> found = new ArrayList<>();
        for (String pattern : patterns.split(",")) {
            String p = pattern.strip();
            if (!p.startsWith("file:")) {
                continue;
            }
            Path path = Path.of(p.substring("file:".length()));
            String name = path.getFileName().toString();
            Path directory = path.getParent() == null ? Path.of(".") : path.getParent();
            if (!directory.toString().contains("*")) {
                found.add(new Watched(directory, name));
            }
        }
        return found;
    }

    /** Once Camel has loaded the route files: what it loaded is what runs; from now on changes are applied. */
    @EventListener(ApplicationReadyEvent.class)
    public synchronized void start() {
        for (Map.Entry<String, String> file : readDirectories().entrySet()) {
            try {
                List<RouteFiles.DeclaredRoute> routes = RouteFiles.routes(file.getKey(), file.getValue());
                applied.put(file.getKey(), new Applied(file.getValue(), routes));
                files.applied(file.getKey(), routes.stream().map(RouteFiles.DeclaredRoute::routeId).toList());
            } catch (MappingRefusedException e) {
                // Camel loaded it all the same (a YAML feature SnakeYAML's composer refuses): left as loaded.
                log.warn("route file {} not followed: {}", file.getKey(), e.getMessage());
            }
            seen.put(file.getKey(), file.getValue());
        }
        if (interval.isZero() || interval.isNegative()) {
            log.info("route files are read at start only (skillshub.sources.reload-interval={})", interval);
            scan();
            return;
        }
        scanner = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, "skills-hub-route-files");
            thread.setDaemon(true);
            return thread;
        });
        scanner.scheduleWithFixedDelay(this::scanQuietly, 0, interval.toMillis(), TimeUnit.MILLISECONDS);
        log.info("route files followed every {} in {} and the hub's database", interval,
                watched.stream().map(w -> w.directory() + "/" + w.glob()).toList());
    }

    @PreDestroy
    void stop() {
        if (scanner != null) {
            scanner.shutdownNow();
        }
    }

    private void scanQuietly() {
        try {
            scan();
        } catch (RuntimeException e) {
            log.warn("route files: scan failed ({}); tried again in {}", e.toString(), interval);
        }
    }

    /** Applies every change since the last scan. */
    public synchronized void scan() {
        Map<String, String> now = readDirectories();
        Optional<Map<String, String>> stored = store.all();
        if (stored.isPresent()) {
            stored.get().forEach((id, text) -> now.put(API_ORIGIN + id, text));
        } else {
            // The database is away: the files handed in through the API stay as they run.
            seen.keySet().stream().filter(o -> o.startsWith(API_ORIGIN)).forEach(o -> now.put(o, seen.get(o)));
        }
        Set<String> origins = new HashSet<>(seen.keySet());
        origins.addAll(now.keySet());
        for (String origin : origins.stream().sorted().toList()) {
            String text = now.get(origin);
            if (text == null) {
                remove(origin);
            } else if (!text.equals(seen.get(origin))) {
                apply(origin, text);
            }
        }
    }

    /**
     * Checks a route file's text as it would be loaded: YAML, every route with its id, its template known, every
     * required parameter given, every placeholder resolvable, its record mapping, and no route id another file
     * declares. Nothing is started or stopped.
     *
     * @throws MappingRefusedException with the file, the line and the reason
     */
    public synchronized List<RouteFiles.DeclaredRoute> check(String origin, String text) {
        List<RouteFiles.DeclaredRoute> routes = RouteFiles.routes(origin, text);
        if (routes.isEmpty()) {
            throw new MappingRefusedException(origin, 1, "no route: a route file is a YAML list of templatedRoute");
        }
        Model model = camel.getCamelContextExtension().getContextPlugin(Model.class);
        Set<String> ids = new HashSet<>();
        for (RouteFiles.DeclaredRoute route : routes) {
            if (!ids.add(route.routeId())) {
                throw new MappingRefusedException(origin, route.line(), "route id " + route.routeId()
                        + " is declared twice");
            }
            owner(route.routeId()).filter(o -> !o.equals(origin)).ifPresent(o -> {
                throw new MappingRefusedException(origin, route.line(), "route id " + route.routeId()
                        + " is already declared by " + o);
            });
            if (route.template() == null) {
                continue;
            }
            RouteTemplateDefinition template = model.getRouteTemplateDefinition(route.template());
            if (template == null) {
                throw new MappingRefusedException(origin, route.line(), "unknown route template '" + route.template()
                        + "' (known: " + model.getRouteTemplateDefinitions().stream()
                        .map(RouteTemplateDefinition::getId).sorted().toList() + ")");
            }
            for (RouteTemplateParameterDefinition parameter : template.getTemplateParameters()) {
                if (parameter.isRequired() && parameter.getDefaultValue() == null
                        && !route.parameters().containsKey(parameter.getName())) {
                    throw new MappingRefusedException(origin, route.line(), "templatedRoute " + route.routeId()
                            + " lacks parameter " + parameter.getName() + " of template " + route.template());
                }
            }
            route.parameters().forEach((name, parameter) -> placeholders(origin, name, parameter));
        }
        mappings.compileFile(origin, text);
        return routes;
    }

    /** A parameter whose placeholder names no property is refused; the resolved value (a secret) is never shown. */
    private void placeholders(String origin, String name, RouteFiles.Parameter parameter) {
        if (parameter.value() == null || !parameter.value().contains("{{")) {
            return;
        }
        try {
            camel.resolvePropertyPlaceholders(parameter.value());
        } catch (RuntimeException e) {
            throw new MappingRefusedException(origin, parameter.line(), "parameter " + name + ": "
                    + parameter.value() + " names a property that is not set");
        }
    }

    /** Why the last version of this file was refused, if it was. */
    public synchronized Optional<String> refusal(String origin) {
        return files.refusalOfFile(origin);
    }

    /** The file that declares a route now running, if a followed one does. */
    private Optional<String> owner(String routeId) {
        return applied.entrySet().stream().filter(e -> e.getValue().routeIds().contains(routeId))
                .map(Map.Entry::getKey).findFirst();
    }

    private void apply(String origin, String text) {
        seen.put(origin, text);
        List<RouteFiles.DeclaredRoute> routes;
        try {
            routes = check(origin, text);
            if (!applied.containsKey(origin)) {
                for (RouteFiles.DeclaredRoute route : routes) {
                    if (camel.getRoute(route.routeId()) != null) {
                        throw new MappingRefusedException(origin, route.line(), "route id " + route.routeId()
                                + " already runs in this hub");
                    }
                }
            }
        } catch (MappingRefusedException e) {
            refused(origin, text, e.origin() + " line " + e.line() + ": " + e.reason());
            return;
        }
        if (waitsForBackfill(origin, "change")) {
            seen.put(origin, applied.get(origin).text()); // tried again at the next scan
            return;
        }
        Applied before = applied.remove(origin);
        if (before != null) {
            stopAndRemove(before);
        }
        try {
            load(origin, text);
            applied.put(origin, new Applied(text, routes));
            files.applied(origin, routes.stream().map(RouteFiles.DeclaredRoute::routeId).toList());
            log.info("route file {} {}: sources {}", origin, before == null ? "added" : "changed",
                    routes.stream().map(RouteFiles.DeclaredRoute::routeId).toList());
        } catch (Exception e) {
            // Camel refused what the checks let through: whatever of it was added goes, and the version before
            // runs again.
            stopAndRemove(new Applied(text, routes));
            String reason = origin + ": Camel could not load it: " + rootCause(e);
            if (before != null) {
                try {
                    load(origin, before.text());
                    applied.put(origin, before);
                } catch (Exception again) {
                    log.error("route file {}: the version before could not be loaded again either ({})", origin,
                            rootCause(again));
                }
            }
            refused(origin, text, reason);
        }
    }

    private void refused(String origin, String text, String reason) {
        List<String> ids;
        try {
            ids = RouteFiles.routes(origin, text).stream().map(RouteFiles.DeclaredRoute::routeId).toList();
        } catch (MappingRefusedException e) {
            ids = List.of();
        }
        files.refused(origin, ids, reason);
        log.warn("route file {} refused, {}: {}", origin,
                applied.containsKey(origin) ? "its sources run on as they were" : "nothing of it runs", reason);
    }

    /**
     * Whether a backfill of one of the running version's sources holds the file's change back: then the sources
     * API shows it as the file's refusal, until a later scan finds the backfill done and applies the change.
     */
    private boolean waitsForBackfill(String origin, String what) {
        Applied running = applied.get(origin);
        if (running == null) {
            return false;
        }
        Optional<String> backfilled = running.routes().stream()
                .map(r -> camel.resolvePropertyPlaceholders(r.sourceId())).filter(backfills::running).findFirst();
        if (backfilled.isEmpty()) {
            waiting.remove(origin);
            return false;
        }
        String reason = origin + ": the " + what + " waits: a backfill of source " + backfilled.get()
                + " is running; it is applied when the backfill ends";
        files.refused(origin, running.routeIds(), reason);
        if (waiting.add(origin)) {
            log.info("route file {}", reason);
        }
        return true;
    }

    private void remove(String origin) {
        if (waitsForBackfill(origin, "removal")) {
            return; // seen keeps the running text: the removal is tried again at the next scan
        }
        seen.remove(origin);
        Applied before = applied.remove(origin);
        files.removed(origin);
        if (before != null) {
            stopAndRemove(before);
            log.info("route file {} removed: sources {} stopped; their checkpoints stay, the same source added again"
                    + " resumes from them", origin, before.routeIds());
        }
    }

    /** Stops each route (its exchange in flight finishes), releases its source's producer and removes the route. */
    private void stopAndRemove(Applied file) {
        for (RouteFiles.DeclaredRoute route : file.routes()) {
            if (camel.getRoute(route.routeId()) == null) {
                continue;
            }
            try {
                camel.getRouteController().stopRoute(route.routeId());
                transactions.release(camel.resolvePropertyPlaceholders(route.sourceId()));
                camel.removeRoute(route.routeId());
            } catch (Exception e) {
                throw new IllegalStateException("route " + route.routeId() + " could not be stopped and removed", e);
            }
        }
    }

    private void load(String origin, String text) throws Exception {
        mappings.remember(origin, text);
        // Camel picks the loader by what follows the name's first dot: a source id's dots must not be taken for it.
        String name = origin.replaceFirst("\\.ya?ml$", "");
        int slash = name.lastIndexOf('/');
        String location = name.substring(0, slash + 1) + name.substring(slash + 1).replace('.', '_') + ".yaml";
        Resource resource = ResourceHelper.fromString(location, text);
        PluginHelper.getRoutesLoader(camel).loadRoutes(resource);
    }

    private Map<String, String> readDirectories() {
        Map<String, String> found = new LinkedHashMap<>();
        for (Watched w : watched) {
            if (!Files.isDirectory(w.directory())) {
                continue;
            }
            try (DirectoryStream<Path> stream = Files.newDirectoryStream(w.directory(), w.glob())) {
                for (Path file : stream) {
                    if (Files.isRegularFile(file)) {
                        found.put(file.toString(), Files.readString(file, StandardCharsets.UTF_8));
                    }
                }
            } catch (IOException e) {
                // A file being written or taken away meanwhile: looked at again at the next scan.
                log.debug("route directory {} not read ({})", w.directory(), e.toString());
                seen.keySet().stream().filter(o -> Path.of(o).startsWith(w.directory()))
                        .forEach(o -> found.putIfAbsent(o, seen.get(o)));
            }
        }
        return found;
    }

    private static String rootCause(Throwable e) {
        Throwable cause = e;
        while (cause.getCause() != null && cause.getCause() != cause) {
            cause = cause.getCause();
        }
        // An endpoint's URI in the message may carry a password: sanitised as Camel sanitises URIs in its logs.
        return cause.getMessage() == null ? cause.getClass().getSimpleName()
                : URISupport.sanitizeUri(cause.getMessage());
    }
}
