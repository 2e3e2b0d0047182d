package dev.conduit.transport;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;

/** docs/configuration.md is generated from the option declarations; this keeps the checked-in copy current. */
class ConfigurationReferenceTest {

    private static final Path REFERENCE = Path.of("..", "docs", "configuration.md");

    @Test
    void theCheckedInReferenceIsTheRenderingOfTheDeclarations() throws Exception {
        String rendered = ConfigurationReference.render();
        if (Boolean.getBoolean("conduit.writeReference")) {
            Files.createDirectories(REFERENCE.getParent());
            Files.writeString(REFERENCE, rendered);
        }
        assertThat(Files.exists(REFERENCE)).as("docs/configuration.md exists; regenerate with "
                + "-Dconduit.writeReference=true").isTrue();
        assertThat(Files.readString(REFERENCE)).as("docs/configuration.md is stale; regenerate it with "
                + "mvn -pl resource-adapter test -Dtest=ConfigurationReferenceTest -Dconduit.writeReference=true")
                .isEqualTo(rendered);
    }

    @Test
    void theReadmeLinksToTheReferenceInsteadOfCopyingIt() throws Exception {
        String readme = Files.readString(Path.of("..", "README.md"));
        assertThat(readme).contains("docs/configuration.md");
    }
}
