package dev.conduit.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

/** Options are declared once in code; this keeps the README's property tables from drifting away from them. */
class ReadmeDocumentsEveryOptionTest {

    @Test
    void everyOptionHasARowInTheReadme() throws Exception {
        String readme = Files.readString(Path.of("..", "README.md"));
        List<Option<?>> all = new ArrayList<>(OutboundOptions.ALL);
        all.addAll(InboundOptions.ALL);
        assertThat(all).allSatisfy(option -> assertThat(readme).contains("| `" + option.name() + "` |"));
    }
}
