package dev.conduit.transport;

import java.util.List;

import dev.conduit.config.Direction;
import dev.conduit.config.Option;

/**
 * Renders {@code docs/configuration.md} from the option declarations: every property of activation specs and
 * connection factories with its type, default, the transports that read it and its documentation. A test keeps the
 * checked-in file equal to this rendering.
 */
public final class ConfigurationReference {

    private ConfigurationReference() {
    }

    public static String render() {
        StringBuilder md = new StringBuilder();
        md.append("# Configuration reference\n\n")
                .append("Generated from the option declarations (`OptionCatalog`); do not edit by hand. ")
                .append("`ConfigurationReferenceTest` fails when this file is stale; regenerate it with\n")
                .append("`mvn -pl resource-adapter test -Dtest=ConfigurationReferenceTest ")
                .append("-Dconduit.writeReference=true`.\n\n")
                .append("Setting a property on a transport that does not read it fails validation, naming the ")
                .append("transports that do. Values may use `${name}` or `${name:default}` placeholders ")
                .append("(system properties, then environment variables).\n\n")
                .append("## Transports\n\n| `transport` | What it is |\n|---|---|\n");
        for (Transport transport : Transports.all()) {
            md.append("| `").append(transport.id()).append("` | ").append(transport.description()).append(" |\n");
        }
        section(md, Direction.INBOUND, "Activation spec",
                "MDB `@ActivationConfigProperty` values (or the server's activation-config overrides).");
        section(md, Direction.OUTBOUND, "Connection factory",
                "Properties of the connector connection pool / connection-factory resource.");
        return md.toString();
    }

    private static void section(StringBuilder md, Direction direction, String title, String where) {
        md.append("\n## ").append(title).append("\n\n").append(where).append("\n\n")
                .append("| Property | Type | Default | Transports | Description |\n|---|---|---|---|---|\n");
        for (Option<?> option : OptionCatalog.options(direction)) {
            List<String> readers = OptionCatalog.readers(option);
            String transports = readers.size() == Transports.all().size() ? "all" : String.join(", ", readers);
            String fallback = option.isRequired() ? "required" : option.defaultText().isEmpty() ? ""
                    : "`" + option.defaultText() + "`";
            md.append("| `").append(option.name()).append("` | ").append(escape(option.typeName())).append(" | ")
                    .append(fallback).append(" | ").append(transports).append(" | ")
                    .append(escape(option.documentation()))
                    .append(option.isSecret() ? " Secret: never shown in logs, messages or health output." : "")
                    .append(" |\n");
        }
    }

    private static String escape(String text) {
        return text.replace("|", "\\|");
    }
}
