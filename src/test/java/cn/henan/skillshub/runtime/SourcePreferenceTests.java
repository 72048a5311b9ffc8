package cn.henan.skillshub.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** The cluster's preferred leader of each source: the same everywhere, spread, and moving little. */
class SourcePreferenceTests {

    private static final List<String> SIX = IntStream.rangeClosed(1, 6).mapToObj(i -> "balance.feed" + i).toList();

    @Test
    void sixSourcesOnThreeInstancesAreTwoEachWhateverTheOrderTheHeartbeatsWereRead() {
        List<ClusterReports.Member> members = new ArrayList<>(List.of(member("hub-a", SIX), member("hub-b", SIX),
                member("hub-c", SIX)));
        Map<String, String> first = SourcePreference.preferred(members);
        assertThat(first).containsOnlyKeys(SIX);
        assertThat(perInstance(first)).containsExactlyInAnyOrderEntriesOf(Map.of("hub-a", 2L, "hub-b", 2L,
                "hub-c", 2L));
        Random random = new Random(14);
        for (int i = 0; i < 10; i++) {
            Collections.shuffle(members, random);
            assertThat(SourcePreference.preferred(members)).isEqualTo(first);
        }
    }

    @Test
    void noInstanceIsPreferredForMoreThanItsShareAndOnlyForSourcesItRuns() {
        List<String> many = IntStream.rangeClosed(1, 50).mapToObj(i -> "source." + i).toList();
        Map<String, String> preferred = SourcePreference.preferred(List.of(member("x", many), member("y", many),
                member("z", many), member("w", many)));
        assertThat(perInstance(preferred).values()).allSatisfy(n -> assertThat(n).isLessThanOrEqualTo(13L));
        Map<String, String> partial = SourcePreference.preferred(List.of(member("hub-a", SIX),
                member("hub-b", List.of("balance.feed1"))));
        assertThat(partial).containsOnlyKeys(SIX);
        partial.forEach((source, instance) -> assertThat(instance.equals("hub-a")
                || source.equals("balance.feed1")).isTrue());
    }

    @Test
    void anInstanceLeavingMovesOnlyTheSourcesItWasPreferredForAndFewOthers() {
        List<String> many = IntStream.rangeClosed(1, 60).mapToObj(i -> "source." + i).toList();
        Map<String, String> four = SourcePreference.preferred(List.of(member("p", many), member("q", many),
                member("r", many), member("s", many)));
        Map<String, String> three = SourcePreference.preferred(List.of(member("p", many), member("q", many),
                member("r", many)));
        long movedOther = many.stream().filter(s -> !four.get(s).equals("s") && !four.get(s).equals(three.get(s)))
                .count();
        assertThat(three.values()).doesNotContain("s");
        // The bound may push a few on; most of those the survivors already had stay where they were.
        assertThat(movedOther).isLessThan(15);
    }

    @Test
    void noLiveInstanceNoPreference() {
        assertThat(SourcePreference.preferred(List.of())).isEmpty();
    }

    private static ClusterReports.Member member(String id, List<String> sources) {
        return new ClusterReports.Member(id, Instant.EPOCH, Instant.EPOCH, sources);
    }

    private static Map<String, Long> perInstance(Map<String, String> preferred) {
        Map<String, Long> per = new TreeMap<>();
        preferred.values().forEach(i -> per.merge(i, 1L, Long::sum));
        return per;
    }
}
