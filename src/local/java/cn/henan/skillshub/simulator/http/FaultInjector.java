package cn.henan.skillshub.simulator.http;

import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * The faults of one simulated endpoint: a queue of one-off faults, each spent by one request, and optionally one
 * fault answered to every request until cleared. Also a log of when requests came, so a test can see that a
 * client waited as long as {@code Retry-After} asked.
 */
public final class FaultInjector {

    private final Deque<Fault> next = new ArrayDeque<>();
    private final List<Instant> requests = new ArrayList<>();
    private Fault always;
    private int retryAfterSeconds = 1;

    /** The next {@code times} requests are answered with this fault. */
    public synchronized FaultInjector inject(Fault fault, int times) {
        for (int i = 0; i < times; i++) {
            next.add(fault);
        }
        return this;
    }

    /** Every request is answered with this fault until {@link #clear()}. */
    public synchronized FaultInjector always(Fault fault) {
        this.always = fault;
        return this;
    }

    public synchronized FaultInjector retryAfterSeconds(int seconds) {
        this.retryAfterSeconds = seconds;
        return this;
    }

    public synchronized void clear() {
        next.clear();
        always = null;
        retryAfterSeconds = 1;
    }

    public synchronized int retryAfterSeconds() {
        return retryAfterSeconds;
    }

    /** Records the request and returns the fault to answer it with, or null for a good answer. */
    public synchronized Fault take() {
        requests.add(Instant.now());
        return always != null ? always : next.poll();
    }

    public synchronized int pendingFaults() {
        return next.size();
    }

    public synchronized List<Instant> requests() {
        return List.copyOf(requests);
    }

    public synchronized int requestCount() {
        return requests.size();
    }
}
