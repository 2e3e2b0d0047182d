package dev.conduit.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/** Checks what the test app's MDB recorded ("key|prefix-index|type" lines): nothing lost, aggregates in order. */
final class OrderCheck {

    private OrderCheck() {
    }

    /** Events "prefix-i" belong to aggregate "agg-(i % 10)"; each aggregate's indexes must arrive increasing. */
    static List<Integer> assertCompleteAndOrdered(List<String> lines, int count) {
        List<Integer> indexes = lines.stream().map(line -> line.split("\\|")[1])
                .map(payload -> Integer.parseInt(payload.substring(payload.indexOf('-') + 1))).toList();
        assertThat(new HashSet<>(indexes)).isEqualTo(IntStream.range(0, count).boxed().collect(Collectors.toSet()));
        Map<Integer, Integer> last = new HashMap<>();
        Set<Integer> seen = new HashSet<>();
        for (int index : indexes) {
            if (seen.add(index)) {
                assertThat(index).as("order of aggregate agg-%d", index % 10)
                        .isGreaterThan(last.getOrDefault(index % 10, -1));
                last.put(index % 10, index);
            }
        }
        return indexes;
    }
}
