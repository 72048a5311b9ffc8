package cn.henan.skillshub.runtime;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.BiConsumer;
import java.util.function.Predicate;
import org.apache.camel.ServiceStatus;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Spreads the sources' leaderships over the live instances, without electing anything: Camel's cluster service still
 * decides who leads. A leader that holds a source the cluster prefers on another instance
 * ({@link SourcePreference}) gives it back — stops the route (the poll in flight ends, its batches commit), then
 * stops its view of the source, which releases the lock — and the preferred instance's view takes the lock at its
 * next look, as in any failover: its policy starts the route, which resumes from the committed checkpoint.
 *
 * <p>Damped: a source is handed back only once the preferred instance has been live, and this instance has led the
 * source, for {@code skillshub.cluster.rebalance-after}; never while it is paused or a backfill or command of it
 * runs; one hand-back at a time per instance. A failover is never damped: nothing here runs on the way to one.
 *
 * <p>While a hand-back is under way (a {@code handback:<source>} record on {@code skills.hub.source-status}, valid
 * for a few heartbeats) the other instances stop their views of that source too, so that the preferred one — not
 * whichever follower looks first — takes the lock; each starts its view again once the preferred one reports
 * leading the source, or when the record runs out (the preferred one died meanwhile: an ordinary failover then).
 *
 * <p>Called from the cluster channel's thread ({@link #step}); the hand-back itself runs on a thread of its own.
 */
@Component
public class LeadershipBalance {

    private static final Logger log = LoggerFactory.getLogger(LeadershipBalance.class);

    private final SourceLeadership leadership;
    private final ClusterReports reports;
    private final Sources sources;
    private final Backfills backfills;
    private final Duration rebalanceAfter;
    private final Duration window;
    /** Since when each live instance has been seen live without a break. */
    private final Map<String, Instant> liveSince = new ConcurrentHashMap<>();
    /** Since when this instance has led each source without a break. */
    private final Map<String, Instant> ledSince = new ConcurrentHashMap<>();
    /** Sources whose view this instance has stopped for a hand-back (its own or another's), with that hand-back. */
    private final Map<String, ClusterReports.Handback> heldOff = new ConcurrentHashMap<>();
    /** Hand-backs this instance has answered already (source and start). */
    private final Set<String> answered = ConcurrentHashMap.newKeySet();
    /** Sources this instance handed back and has not run since. */
    private final Set<String> handedBack = ConcurrentHashMap.newKeySet();
    private final Instant startedAt = Instant.now();
    private volatile String handingBack;
    private ExecutorService handbacks;

    LeadershipBalance(SourceLeadership leadership, ClusterReports reports, Sources sources, Backfills backfills,
                      @Value("${skillshub.cluster.rebalance-after:2m}") Duration rebalanceAfter,
                      @Value("${skillshub.cluster.acquire-lock-interval:1s}") Duration lockInterval,
                      @Value("${skillshub.cluster.heartbeat-timeout-multiplier:3}") int multiplier) {
        this.leadership = leadership;
        this.reports = reports;
        this.sources = sources;
        this.backfills = backfills;
        this.rebalanceAfter = rebalanceAfter;
        // Long enough for the preferred instance to look at the lock and report that it leads, a few times over.
        this.window = reports.interval().multipliedBy(3).plus(lockInterval.multipliedBy(2L * multiplier));
    }

    /** Zero disables the hand-back: leaderships then stay where the cluster service put them. */
    boolean enabled() {
        return !rebalanceAfter.isZero() && !rebalanceAfter.isNegative();
    }

    /** This instance's heartbeat: what {@link SourcePreference} needs of it. */
    ClusterReports.Member heartbeat() {
        return new ClusterReports.Member(leadership.instanceId(), startedAt, Instant.now(),
                sources.routes().stream().map(SourceRoute::sourceId).filter(leadership::underPolicy).sorted()
                        .toList());
    }

    /**
     * One look, from the cluster channel's thread: answers the hand-backs under way, starts the views held off
     * again when theirs is done, starts a route whose lock came back after a hand-back, and begins at most one
     * hand-back of this instance's own. {@code put} writes a record on the status topic; {@code busy}: whether a
     * command of the source is being applied.
     */
    void step(BiConsumer<String, Object> put, Predicate<String> busy) {
        Instant now = Instant.now();
        var live = reports.liveMembers();
        liveSince.keySet().retainAll(live.stream().map(ClusterReports.Member::id).toList());
        live.forEach(member -> liveSince.putIfAbsent(member.id(), now));
        for (SourceRoute source : sources.routes()) {
            if (leadership.underPolicy(source.sourceId()) && leadership.leads(source.sourceId())) {
                ledSince.putIfAbsent(source.sourceId(), now);
            } else {
                ledSince.remove(source.sourceId());
            }
        }
        rejoinWhenDone(now);
        restartIfLockCameBack();
        keepOutOfTheWay();
        if (enabled() && handingBack == null && heldOff.values().stream()
                .noneMatch(h -> h.from().equals(leadership.instanceId()))) {
            handBackOne(now, live, put, busy);
        }
    }

    private void rejoinWhenDone(Instant now) {
        heldOff.forEach((sourceId, handback) -> {
            if (reports.reportedLeading(sourceId, handback.to(), handback.at()) || !handback.active()) {
                heldOff.remove(sourceId);
                leadership.rejoin(sourceId);
                log.info("source {}: following it again ({})", sourceId,
                        handback.active() ? handback.to() + " leads it now" : "the hand-back to " + handback.to()
                                + " ran out; the first instance to find the lock free takes it");
            }
        });
    }

    /**
     * A source this instance handed back whose lock has come back to it (the instance it went to died, or the
     * hand-back ran out): its route is this instance's to start. Camel's policy would not: it starts only the routes
     * it stopped itself, and this one the hand-back stopped. (In Camel 4.18 a view started again after a stop fires
     * "lock lost" at its first look, so the policy's belief is false again by then, and true once the lock is back.)
     */
    private void restartIfLockCameBack() {
        for (SourceRoute source : sources.routes()) {
            String id = source.sourceId();
            if (!handedBack.contains(id) || heldOff.containsKey(id) || id.equals(handingBack)) {
                continue;
            }
            ServiceStatus status = sources.routeStatus(source);
            if (status != ServiceStatus.Stopped) {
                handedBack.remove(id);
            } else if (leadership.leads(id)) {
                log.info("source {}: its lock came back to this instance; starting it", source.routeId());
                sources.startAfterHandback(source);
                handedBack.remove(id);
            }
        }
    }

    /** Another instance hands a source to a third: this one stops its view of it until that is done. */
    private void keepOutOfTheWay() {
        String me = leadership.instanceId();
        for (ClusterReports.Handback handback : reports.activeHandbacks()) {
            String key = handback.source() + "@" + handback.at();
            if (handback.from().equals(me) || handback.to().equals(me) || !answered.add(key)
                    || heldOff.containsKey(handback.source()) || !leadership.underPolicy(handback.source())
                    || leadership.holdsLock(handback.source())) {
                continue;
            }
            leadership.letGo(handback.source());
            heldOff.put(handback.source(), handback);
            log.info("source {}: {} hands it to {}; this instance keeps out of the way until it leads it",
                    handback.source(), handback.from(), handback.to());
        }
    }

    private void handBackOne(Instant now, java.util.Collection<ClusterReports.Member> live,
                             BiConsumer<String, Object> put, Predicate<String> busy) {
        String me = leadership.instanceId();
        Map<String, String> preferred = SourcePreference.preferred(live);
        Instant settled = now.minus(rebalanceAfter);
        for (SourceRoute source : sources.routes()) {
            String id = source.sourceId();
            String to = preferred.get(id);
            Instant led = ledSince.get(id);
            Instant toLive = to == null ? null : liveSince.get(to);
            if (to == null || to.equals(me) || led == null || led.isAfter(settled) || toLive == null
                    || toLive.isAfter(settled) || !liveSince.containsKey(me) || reports.paused(id)
                    || sources.routeStatus(source) != ServiceStatus.Started || backfills.running(id) || busy.test(id)
                    || reports.activeHandbacks().stream().anyMatch(h -> h.source().equals(id))) {
                continue;
            }
            ClusterReports.Handback handback = new ClusterReports.Handback(id, me, to, now, now.plus(window));
            handingBack = id;
            handbacks().execute(() -> handBack(source, handback, put));
            return;
        }
    }

    private void handBack(SourceRoute source, ClusterReports.Handback handback, BiConsumer<String, Object> put) {
        try {
            // First the record, so the other followers keep out of the way before the lock is free.
            put.accept(ClusterReports.HANDBACK_KEY + source.sourceId(), handback);
            answered.add(handback.source() + "@" + handback.at());
            log.info("source {}: handing it to {}, which the cluster prefers for it", source.routeId(), handback.to());
            handedBack.add(source.sourceId());
            sources.stopForHandback(source);
            leadership.letGo(source.sourceId());
            heldOff.put(source.sourceId(), handback);
            log.info("source {}: stopped here and its lock released for {}", source.routeId(), handback.to());
        } catch (RuntimeException e) {
            log.warn("source {}: the hand-back to {} failed ({}); the cluster policy decides as before",
                    source.routeId(), handback.to(), SourceTracker.safe(String.valueOf(e.getMessage())));
        } finally {
            handingBack = null;
        }
    }

    private synchronized ExecutorService handbacks() {
        if (handbacks == null) {
            handbacks = Executors.newSingleThreadExecutor(r -> {
                Thread thread = new Thread(r, "skills-hub-handback");
                thread.setDaemon(true);
                return thread;
            });
        }
        return handbacks;
    }

    synchronized void stop() {
        if (handbacks != null) {
            handbacks.shutdownNow();
            handbacks = null;
        }
    }
}
