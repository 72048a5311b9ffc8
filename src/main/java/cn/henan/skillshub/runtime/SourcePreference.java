package cn.henan.skillshub.runtime;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * Which live instance the cluster prefers to lead each source: rendezvous hashing (the instance with the highest
 * {@code sha256(instanceId + "\n" + sourceId)}) with a bound on the load — no instance is preferred for more than
 * {@code ceil(sources / instances)} sources; a source whose first choice is full goes to its next. Sources are
 * taken in the order of their ids, so every instance that has read the same heartbeats computes the same answer,
 * and nothing is exchanged but those heartbeats. An instance that joins or leaves moves only a share of about
 * one in n of the preferences (a little more where the bound pushes a source on). Pure: no I/O, no clock.
 */
final class SourcePreference {

    private SourcePreference() {
    }

    /** Source id → preferred instance id, over the sources the given members can lead. */
    static Map<String, String> preferred(Collection<ClusterReports.Member> live) {
        TreeSet<String> sources = new TreeSet<>();
        live.forEach(member -> sources.addAll(member.sources()));
        if (live.isEmpty() || sources.isEmpty()) {
            return Map.of();
        }
        int bound = (sources.size() + live.size() - 1) / live.size();
        Map<String, Integer> load = new HashMap<>();
        Map<String, String> preferred = new LinkedHashMap<>();
        for (String source : sources) {
            List<String> candidates = live.stream().filter(m -> m.sources().contains(source))
                    .map(ClusterReports.Member::id)
                    .sorted(Comparator.comparing((String id) -> score(id, source)).reversed()
                            .thenComparing(Comparator.naturalOrder()))
                    .toList();
            String chosen = candidates.stream().filter(id -> load.getOrDefault(id, 0) < bound).findFirst()
                    .orElse(candidates.get(0));
            load.merge(chosen, 1, Integer::sum);
            preferred.put(source, chosen);
        }
        return preferred;
    }

    /** The first eight bytes of the hash, unsigned: a total order every JVM computes the same. */
    static String score(String instanceId, String sourceId) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256")
                    .digest((instanceId + "\n" + sourceId).getBytes(StandardCharsets.UTF_8));
            StringBuilder hex = new StringBuilder();
            for (int i = 0; i < 8; i++) {
                hex.append(String.format("%02x", hash[i]));
            }
            return hex.toString();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JVM", e);
        }
    }
}
