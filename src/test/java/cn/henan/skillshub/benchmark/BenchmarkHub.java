package cn.henan.skillshub.benchmark;

import cn.henan.skillshub.SkillsHubApplication;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.MemoryUsage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import org.springframework.boot.SpringApplication;

/**
 * The hub as a process of its own, started by {@link HubBenchmark}: the whole application ({@link
 * SkillsHubApplication}) with {@code benchmark/hub.properties}, plus a sampler that keeps the process's peak heap
 * and resident memory in a file the driver reads when the hub has stopped. A child process, so that its heap
 * and RSS are the hub's alone, not the load generator's.
 *
 * <p>Arguments: the memory file, then Spring arguments ({@code --key=value}).
 */
public final class BenchmarkHub {

    private static final long SAMPLE_MS = 100;

    private BenchmarkHub() {
    }

    public static void main(String[] args) throws Exception {
        Path memoryFile = Path.of(args[0]);
        MemorySampler sampler = new MemorySampler(memoryFile);
        Thread thread = new Thread(sampler, "bench-memory-sampler");
        thread.setDaemon(true);
        thread.start();
        Runtime.getRuntime().addShutdownHook(new Thread(sampler::write, "bench-memory-final"));
        SpringApplication app = new SpringApplication(SkillsHubApplication.class);
        String[] springArgs = new String[args.length];
        springArgs[0] = "--spring.config.additional-location=classpath:benchmark/hub.properties";
        System.arraycopy(args, 1, springArgs, 1, args.length - 1);
        app.run(springArgs);
    }

    /** Samples heap used, the old generation's occupancy after GC (the live set), and VmHWM of /proc. */
    static final class MemorySampler implements Runnable {

        private final Path file;
        private final List<MemoryPoolMXBean> heapPools = ManagementFactory.getMemoryPoolMXBeans().stream()
                .filter(p -> p.getType() == MemoryType.HEAP).toList();
        private volatile long peakHeapUsed;
        private volatile long peakHeapCommitted;
        private volatile long peakLiveAfterGc;

        MemorySampler(Path file) {
            this.file = file;
        }

        @Override
        public void run() {
            while (true) {
                sample();
                write();
                try {
                    Thread.sleep(SAMPLE_MS);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }

        private void sample() {
            MemoryUsage heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage();
            peakHeapUsed = Math.max(peakHeapUsed, heap.getUsed());
            peakHeapCommitted = Math.max(peakHeapCommitted, heap.getCommitted());
            long live = 0;
            for (MemoryPoolMXBean pool : heapPools) {
                MemoryUsage afterGc = pool.getCollectionUsage();
                // The old generation after a collection is what the hub really keeps; young pools are empty then.
                if (afterGc != null && pool.getName().matches(".*(Old|Tenured).*")) {
                    live += afterGc.getUsed();
                }
            }
            peakLiveAfterGc = Math.max(peakLiveAfterGc, live);
        }

        synchronized void write() {
            sample();
            String text = "peakHeapUsed=" + peakHeapUsed + "\npeakHeapCommitted=" + peakHeapCommitted
                    + "\npeakLiveAfterGc=" + peakLiveAfterGc
                    + "\nmaxHeap=" + ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getMax()
                    + "\npeakRssKb=" + procStatus("VmHWM") + "\nrssKb=" + procStatus("VmRSS") + "\n";
            try {
                Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
                Files.writeString(tmp, text);
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (IOException e) {
                // The figures are lost for this sample only; the next one writes them again.
            }
        }

        private static long procStatus(String field) {
            try {
                for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                    if (line.startsWith(field + ":")) {
                        return Long.parseLong(line.replaceAll("\\D", ""));
                    }
                }
            } catch (IOException | NumberFormatException e) {
                return -1;
            }
            return -1;
        }
    }
}
