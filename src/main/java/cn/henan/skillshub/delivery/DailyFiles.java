package cn.henan.skillshub.delivery;

import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Writes the daily files of the {@code sftp-daily-file} subscribers: each city's decisions of a day as one CSV,
 * {@code decisions-<city>-<yyyyMMdd>.csv}, rewritten whole from the day's stored rows whenever they changed (so a
 * rerun, a restart or a late decision overwrites the file, never adds a second one), through camel-ftp's sftp
 * producer (written under a temporary name, then renamed). Once the day is closed — {@code closeAfter} past the
 * midnight that ends it, in {@code zone}, and with every decision on the topic so far stored (the subscriber's group
 * has caught up) — the file gets its marker {@code <file>.done} ({@code rows=}, {@code
 * sha256=} of the file): the receiver takes a file only with its marker, and takes it again if a newer marker
 * comes (a decision that arrived after the day closed). A server that is down fails the write; the rows stay in the
 * database and the next tick writes the file again.
 */
@Component
class DailyFiles implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(DailyFiles.class);
    private static final DateTimeFormatter DAY = DateTimeFormatter.BASIC_ISO_DATE;

    private final Subscribers subscribers;
    private final DailyFileRows rows;
    private final DeliveryMetrics metrics;
    private final DeliveryLag lag;
    // Looked up when the first file is written, not injected: a lifecycle bean that depends on the CamelContext makes
    // Spring start Camel in this bean's phase, before the lifecycle beans the sources need (then no route starts).
    private final ObjectProvider<CamelContext> camel;
    private final Clock clock;
    private final Map<String, Long> lastRun = new ConcurrentHashMap<>();
    private final Map<String, String> lastFailure = new ConcurrentHashMap<>();
    private ScheduledExecutorService timer;
    private ProducerTemplate producer;

    @Autowired
    DailyFiles(Subscribers subscribers, DailyFileRows rows, DeliveryMetrics metrics, DeliveryLag lag,
               ObjectProvider<CamelContext> camel) {
        this(subscribers, rows, metrics, lag, camel, Clock.systemUTC());
    }

    DailyFiles(Subscribers subscribers, DailyFileRows rows, DeliveryMetrics metrics, DeliveryLag lag,
               ObjectProvider<CamelContext> camel, Clock clock) {
        this.subscribers = subscribers;
        this.rows = rows;
        this.metrics = metrics;
        this.lag = lag;
        this.camel = camel;
        this.clock = clock;
    }

    /** Writes what changed for every file subscriber whose interval has passed. */
    void tick() {
        for (Subscriber subscriber : subscribers.all()) {
            if (!SftpDailyFileTemplate.TEMPLATE.equals(subscriber.template())) {
                continue;
            }
            long now = System.nanoTime();
            Long last = lastRun.get(subscriber.id());
            if (last != null && now - last < TimeUnit.MILLISECONDS.toNanos(subscriber.intParameter("writeIntervalMs"))) {
                continue;
            }
            lastRun.put(subscriber.id(), now);
            try {
                writeChanged(subscriber);
                if (lastFailure.remove(subscriber.id()) != null) {
                    log.info("subscriber {}: files written again", subscriber.id());
                }
            } catch (RuntimeException e) {
                metrics.failed(subscriber.id());
                String reason = rootMessage(e);
                if (!reason.equals(lastFailure.put(subscriber.id(), reason))) {
                    log.warn("subscriber {}: daily files not written ({}); retried every {} ms", subscriber.id(),
                            reason, subscriber.parameter("writeIntervalMs"));
                }
            }
        }
    }

    void writeChanged(Subscriber subscriber) {
        ZoneId zone = ZoneId.of(subscriber.parameter("zone"));
        LocalDate closedUpTo = ZonedDateTime.now(clock.withZone(zone))
                .minus(Duration.parse(subscriber.parameter("closeAfter"))).toLocalDate().minusDays(1);
        Boolean caughtUp = null;
        for (DailyFileRows.Day day : rows.changed(subscriber.id(), closedUpTo)) {
            boolean closed = !day.day().isAfter(closedUpTo);
            if (closed) {
                // A closed day is complete only once every decision on the topic so far is stored: its group has
                // caught up. Until then its file (and marker) waits, so a .done never marks a file still filling up.
                if (caughtUp == null) {
                    caughtUp = lag.caughtUp(subscriber);
                }
                if (!caughtUp) {
                    continue;
                }
            }
            write(subscriber, day, closed);
        }
    }

    private void write(Subscriber subscriber, DailyFileRows.Day day, boolean closed) {
        List<List<String>> lines = rows.rows(day);
        byte[] csv = csv(lines, Charset.forName(subscriber.parameter("charset")));
        String name = "decisions-" + day.cityCode() + "-" + DAY.format(day.day()) + ".csv";
        String sha256 = sha256(csv);
        String uri = uri(subscriber);
        producer().sendBodyAndHeader(uri, csv, Exchange.FILE_NAME, name);
        if (closed) {
            String marker = "file=" + name + "\nrows=" + lines.size() + "\nsha256=" + sha256 + "\n";
            producer().sendBodyAndHeader(uri, marker.getBytes(StandardCharsets.US_ASCII), Exchange.FILE_NAME,
                    name + ".done");
        }
        rows.written(day, lines.size(), closed, sha256);
        metrics.fileWritten(subscriber.id());
        metrics.delivered(subscriber.id(), lines.size());
        log.info("subscriber {}: {} written ({} rows{})", subscriber.id(), name, lines.size(),
                closed ? ", day closed: .done" : ", day still open");
    }

    static byte[] csv(List<List<String>> lines, Charset charset) {
        StringBuilder out = new StringBuilder();
        try (CSVPrinter printer = new CSVPrinter(out, CSVFormat.RFC4180.builder()
                .setHeader(DailyFileRows.COLUMNS.toArray(String[]::new)).get())) {
            for (List<String> line : lines) {
                printer.printRecord(line);
            }
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return out.toString().getBytes(charset);
    }

    /** camel-ftp's sftp producer: the server's key checked strictly, a temporary name until the file is whole. */
    private static String uri(Subscriber s) {
        return "sftp://" + s.parameter("host") + ":" + s.parameter("port") + "/" + s.parameter("directory")
                + "?username=" + s.parameter("username") + "&password=RAW(" + s.parameter("password") + ")"
                + "&privateKeyFile=" + s.parameter("privateKeyFile")
                + "&knownHostsFile=" + s.parameter("knownHostsFile") + "&strictHostKeyChecking=yes"
                + "&useUserKnownHostsFile=false&autoCreate=true&fileExist=Override&tempPrefix=.writing-"
                + "&disconnect=true&connectTimeout=10000&timeout=30000";
    }

    private synchronized ProducerTemplate producer() {
        if (producer == null) {
            producer = camel.getObject().createProducerTemplate();
        }
        return producer;
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The innermost message, which says what failed (a refused connection, a login) without the URI and password. */
    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getClass().getSimpleName() + (root.getMessage() == null ? "" : ": " + root.getMessage())
                .replaceAll("password=[^&)]*", "password=***");
    }

    @Override
    public synchronized void start() {
        timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, "delivery-daily-files");
            thread.setDaemon(true);
            return thread;
        });
        timer.scheduleWithFixedDelay(this::tick, 1, 1, TimeUnit.SECONDS);
    }

    @Override
    public synchronized void stop() {
        if (timer != null) {
            timer.shutdown();
            try {
                timer.awaitTermination(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            timer = null;
        }
    }

    @Override
    public synchronized boolean isRunning() {
        return timer != null;
    }
}
