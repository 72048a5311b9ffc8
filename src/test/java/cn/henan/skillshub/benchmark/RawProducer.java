package cn.henan.skillshub.benchmark;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Kafka's own producer benchmark ({@code org.apache.kafka.tools.ProducerPerformance}, through
 * {@code kafka/broker.sh tool}) on the same broker: the physical limit the hub is measured against.
 */
final class RawProducer {

    /** The summary line: "1000000 records sent, 254323.4 records/sec (117.02 MB/sec), 120.1 ms avg latency, …". */
    private static final Pattern SUMMARY = Pattern.compile(
            "(\\d+) records sent, ([\\d.]+) records/sec \\(([\\d.]+) MB/sec\\), ([\\d.]+) ms avg latency");

    record Result(long records, double recordsPerSecond, double mbPerSecond, String summary, CpuTime.Used cpu) {

        Result withCpu(CpuTime.Used used) {
            return new Result(records, recordsPerSecond, mbPerSecond, summary, used);
        }
    }

    private RawProducer() {
    }

    /**
     * @param producerProps the same client settings as the hub's source producers, less the transactional id
     */
    static Result run(Path repoRoot, Map<String, String> brokerEnv, String topic, long records, int recordSize,
                      Map<String, Object> producerProps) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("bash", repoRoot.resolve("kafka/broker.sh").toString(), "tool",
                "org.apache.kafka.tools.ProducerPerformance", "--topic", topic, "--num-records", Long.toString(records),
                "--record-size", Integer.toString(recordSize), "--throughput", "-1", "--producer-props"));
        producerProps.forEach((k, v) -> command.add(k + "=" + v));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().putAll(brokerEnv);
        Process process = builder.start();
        String summary = null;
        Matcher matched = null;
        try (BufferedReader out = new BufferedReader(
                new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line = out.readLine(); line != null; line = out.readLine()) {
                Matcher m = SUMMARY.matcher(line);
                // Progress lines every 5 s read alike; only the final total has the percentiles.
                if (m.find() && line.contains("50th")) {
                    summary = line.strip();
                    matched = m;
                } else if (line.contains("ERROR") || line.contains("Exception")) {
                    System.out.println("  [ProducerPerformance] " + line);
                }
            }
        }
        int exit = process.waitFor();
        if (exit != 0 || matched == null) {
            throw new IllegalStateException("ProducerPerformance failed (exit " + exit + ")");
        }
        return new Result(records, Double.parseDouble(matched.group(2)), Double.parseDouble(matched.group(3)), summary, null);
    }
}
