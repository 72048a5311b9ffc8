package cn.henan.skillshub.sources.sftp;

import cn.henan.skillshub.runtime.SourceRegistry;
import cn.henan.skillshub.runtime.SourceTracker;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.camel.Consumer;
import org.apache.camel.Endpoint;
import org.apache.camel.spi.RouteIdAware;
import org.apache.camel.component.file.remote.RemoteFilePollingConsumerPollStrategy;
import org.springframework.stereotype.Component;

/**
 * The poll strategy of every {@code sftp-file-drop} consumer ({@code pollStrategy=#sftpPollWatch}): it sees each
 * listing of the inbox begin, end, or fail — which the route itself never does, since a server that is down or
 * refuses the login produces no exchange at all — and tells the {@link SourceTracker}:
 * <ul>
 *   <li>a poll that failed (connection, login, listing) is the source's last failure, so it shows as failing;</li>
 *   <li>a poll that ended with every file it found published catches the source up to the poll's start;</li>
 *   <li>a poll in which a file could not be finished leaves it waiting (see {@link SftpFileDrop}).</li>
 * </ul>
 * Rollback keeps Camel's own behaviour for remote files: disconnect, and connect afresh at the next poll.
 */
@Component(SftpPollWatch.BEAN)
class SftpPollWatch extends RemoteFilePollingConsumerPollStrategy {

    static final String BEAN = "sftpPollWatch";

    private final SourceTracker tracker;
    private final SourceRegistry sources;
    private final Map<String, Instant> started = new ConcurrentHashMap<>();
    private final Map<String, Boolean> fileLeft = new ConcurrentHashMap<>();

    SftpPollWatch(SourceTracker tracker, SourceRegistry sources) {
        this.tracker = tracker;
        this.sources = sources;
    }

    @Override
    public boolean begin(Consumer consumer, Endpoint endpoint) {
        String routeId = routeIdOf(consumer);
        if (routeId != null) {
            Instant now = Instant.now();
            started.put(routeId, now);
            fileLeft.put(routeId, false);
            tracker.pollStarted(sources.sourceIdOf(routeId), now);
        }
        return super.begin(consumer, endpoint);
    }

    @Override
    public void commit(Consumer consumer, Endpoint endpoint, int polledMessages) {
        String routeId = routeIdOf(consumer);
        if (routeId != null && !fileLeft.getOrDefault(routeId, false) && started.containsKey(routeId)) {
            tracker.caughtUp(sources.sourceIdOf(routeId), started.get(routeId));
        }
        super.commit(consumer, endpoint, polledMessages);
    }

    @Override
    public boolean rollback(Consumer consumer, Endpoint endpoint, int retryCounter, Exception cause) throws Exception {
        String routeId = routeIdOf(consumer);
        if (routeId != null) {
            tracker.failed(sources.sourceIdOf(routeId), cause.getClass().getSimpleName(), "inbox not listed: " + cause.getMessage());
        }
        return super.rollback(consumer, endpoint, retryCounter, cause);
    }

    /** A file of the current poll could not be finished: it stays in the inbox, so this poll caught nothing up. */
    void fileLeftInInbox(String routeId) {
        fileLeft.put(routeId, true);
    }

    private static String routeIdOf(Consumer consumer) {
        return consumer instanceof RouteIdAware aware ? aware.getRouteId() : null;
    }
}
