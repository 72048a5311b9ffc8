package cn.henan.skillshub.runtime;

import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.stereotype.Component;

/**
 * The route files as this instance has them: for each file (a YAML file in a watched directory, or one handed in
 * through the API), the sources it declares and, if its last version was refused, why. A refused version leaves
 * the running one as it was; the refusal shows beside the source in {@code GET /api/v1/sources} and the console,
 * and a file refused before any version of it ran shows there as a source in state {@code refused}.
 */
@Component
public class SourceFiles {

    /**
     * One route file.
     *
     * @param origin    where it comes from: a path such as {@code routes/x.yaml}, or {@code api:<id>}
     * @param sourceIds the source (route) ids it declares: those of the version running, else those of the refused one
     * @param refusal   why its last version was refused ({@code <origin> line <n>: <reason>}), or null
     */
    public record State(String origin, List<String> sourceIds, boolean running, String refusal, Instant refusedAt) {
    }

    private final Map<String, State> files = new ConcurrentHashMap<>();

    /** The file's version now running declares these sources. */
    public void applied(String origin, List<String> routeIds) {
        files.put(origin, new State(origin, List.copyOf(routeIds), true, null, null));
    }

    /** The file's last version was refused; the version running before (if any) runs on. */
    public void refused(String origin, List<String> routeIds, String refusal) {
        State before = files.get(origin);
        boolean running = before != null && before.running();
        List<String> ids = running ? before.sourceIds() : List.copyOf(routeIds);
        files.put(origin, new State(origin, ids, running, refusal, Instant.now()));
    }

    public void removed(String origin) {
        files.remove(origin);
    }

    /** Why the last version of the file of this source was refused, if it was. */
    public Optional<State> refusalOf(String routeId) {
        return files.values().stream().filter(f -> f.refusal() != null && f.sourceIds().contains(routeId))
                .findFirst();
    }

    /** Why the file's last version was refused, if it was. */
    public Optional<String> refusalOfFile(String origin) {
        return Optional.ofNullable(files.get(origin)).map(State::refusal);
    }

    /** The file a source was declared in. */
    public Optional<String> originOf(String routeId) {
        return files.values().stream().filter(f -> f.running() && f.sourceIds().contains(routeId))
                .map(State::origin).findFirst();
    }

    /** Files refused with no version of them running. */
    public List<State> refusedAndNotRunning() {
        return files.values().stream().filter(f -> !f.running() && f.refusal() != null)
                .sorted(Comparator.comparing(State::origin)).toList();
    }
}
