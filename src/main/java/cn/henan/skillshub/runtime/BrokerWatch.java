package cn.henan.skillshub.runtime;

import cn.henan.skillshub.kafka.KafkaConnection;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.apache.kafka.common.errors.AuthenticationException;
import org.apache.kafka.common.errors.AuthorizationException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Whether the broker answers: asked every {@value #CHECK_SECONDS} s with a cluster description. While it does not,
 * every source is {@code failing} with the reason ({@link Sources}) — a poll then only waits out its client's
 * timeout, and nothing is committed — and the hub says so in its log once a minute, not once per poll and client
 * (the Kafka clients' own connection warnings are turned down in {@code application.properties}).
 */
@Component
public class BrokerWatch implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(BrokerWatch.class);
    static final int CHECK_SECONDS = 5;
    static final Duration LOG_EVERY = Duration.ofMinutes(1);

    /** The broker unreachable since {@code since}, for {@code reason}. */
    public record Outage(Instant since, String reason) {
    }

    private final Supplier<Admin> adminFactory;
    private final Clock clock;
    private Admin admin;
    private volatile Outage outage;
    private Instant lastLogged;
    private int warnings;
    private ScheduledExecutorService executor;

    @Autowired
    BrokerWatch(KafkaConnection kafka) {
        this(() -> Admin.create(kafka.adminConfig()), Clock.systemUTC());
    }

    BrokerWatch(Supplier<Admin> adminFactory, Clock clock) {
        this.adminFactory = adminFactory;
        this.clock = clock;
    }

    /** The current outage, if the broker did not answer the last check. */
    public Optional<Outage> outage() {
        return Optional.ofNullable(outage);
    }

    /** One check; logs the outage when it begins, then at most once per {@link #LOG_EVERY}, and its end. */
    synchronized void check() {
        try {
            if (admin == null) {
                admin = adminFactory.get();
            }
            admin.describeCluster(new DescribeClusterOptions().timeoutMs(4000)).nodes().get(5, TimeUnit.SECONDS);
            if (outage != null) {
                log.info("Kafka reachable again after {} s; every source resumes from its committed checkpoint",
                        Duration.between(outage.since(), clock.instant()).toSeconds());
                outage = null;
                lastLogged = null;
            }
        } catch (Exception e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            if (refused(e)) {
                // The broker answers, and refuses: the sources say what to grant (SourceTransactions), not this.
                outage = null;
                lastLogged = null;
                return;
            }
            Instant now = clock.instant();
            if (outage == null) {
                outage = new Outage(now, reason(e));
            }
            if (lastLogged == null || !now.isBefore(lastLogged.plus(LOG_EVERY))) {
                lastLogged = now;
                warnings++;
                log.warn("Kafka unreachable since {} ({} s): every source is failing, nothing is committed, and each"
                        + " resumes from its committed checkpoint once the broker is back ({}); said again in a"
                        + " minute", outage.since(), Duration.between(outage.since(), now).toSeconds(), outage.reason());
            }
        }
    }

    /** Warnings logged so far. */
    synchronized int warnings() {
        return warnings;
    }

    private static boolean refused(Throwable e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            if (cause instanceof AuthenticationException || cause instanceof AuthorizationException) {
                return true;
            }
        }
        return false;
    }

    private static String reason(Throwable e) {
        Throwable cause = e;
        while (cause.getCause() != null && cause.getCause() != cause) {
            cause = cause.getCause();
        }
        String message = cause.getMessage();
        return cause.getClass().getSimpleName() + (message == null ? "" : ": " + message);
    }

    @Override
    public void start() {
        executor = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, "skills-hub-broker-watch");
            thread.setDaemon(true);
            return thread;
        });
        executor.scheduleWithFixedDelay(this::check, CHECK_SECONDS, CHECK_SECONDS, TimeUnit.SECONDS);
    }

    @Override
    public void stop() {
        if (executor != null) {
            executor.shutdownNow();
            executor = null;
        }
        synchronized (this) {
            if (admin != null) {
                admin.close(Duration.ofSeconds(2));
                admin = null;
            }
        }
    }

    @Override
    public boolean isRunning() {
        return executor != null;
    }
}
