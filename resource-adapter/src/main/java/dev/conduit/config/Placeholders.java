package dev.conduit.config;

import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Resolves {@code ${name}} and {@code ${name:default}} in property values from system properties, then
 * environment variables. Lets an MDB's {@code @ActivationConfigProperty} say {@code servers=${kafka.servers}}
 * instead of baking a broker address into the code, and keeps credentials out of descriptors.
 */
final class Placeholders {

    private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([^}:]+)(?::([^}]*))?}");

    private final UnaryOperator<String> lookup;

    Placeholders(UnaryOperator<String> lookup) {
        this.lookup = lookup;
    }

    static Placeholders fromSystem() {
        return new Placeholders(name -> {
            String value = System.getProperty(name);
            return value != null ? value : System.getenv(name);
        });
    }

    /** @throws IllegalArgumentException naming the unresolvable placeholder */
    String resolve(String value) {
        if (value.indexOf("${") < 0) {
            return value;
        }
        Matcher matcher = PLACEHOLDER.matcher(value);
        StringBuilder resolved = new StringBuilder();
        while (matcher.find()) {
            String name = matcher.group(1).trim();
            String replacement = lookup.apply(name);
            if (replacement == null) {
                replacement = matcher.group(2);
            }
            if (replacement == null) {
                throw new IllegalArgumentException("refers to ${" + name + "}, which is neither a system property "
                        + "nor an environment variable; define it or write ${" + name + ":default}");
            }
            matcher.appendReplacement(resolved, Matcher.quoteReplacement(replacement));
        }
        matcher.appendTail(resolved);
        return resolved.toString();
    }
}
