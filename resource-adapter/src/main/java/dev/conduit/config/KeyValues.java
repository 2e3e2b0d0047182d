package dev.conduit.config;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/** Parsed {@code key=value;key=value} pass-through properties, in the order given. */
public record KeyValues(Map<String, String> values) {

    public static final KeyValues EMPTY = new KeyValues(Map.of());

    public KeyValues {
        values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
    }

    static KeyValues parse(String text) {
        Map<String, String> parsed = new LinkedHashMap<>();
        for (String entry : text.split("[;\\n]")) {
            String trimmed = entry.trim();
            if (trimmed.isEmpty()) {
                continue;
            }
            int eq = trimmed.indexOf('=');
            if (eq <= 0) {
                // Do not echo the entry: pass-through values may hold credentials.
                throw new IllegalArgumentException("every entry must look like key=value; entry "
                        + (parsed.size() + 1) + " has no key or no '='");
            }
            parsed.put(trimmed.substring(0, eq).trim(), trimmed.substring(eq + 1).trim());
        }
        return new KeyValues(parsed);
    }

    /** Keys whose values are treated as secrets when shown. */
    public static boolean looksSecret(String key) {
        String k = key.toLowerCase(java.util.Locale.ROOT);
        return k.contains("password") || k.contains("secret") || k.contains("jaas") || k.contains("token")
                || k.endsWith(".key") || k.contains("credentials");
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder();
        values.forEach((k, v) -> sb.append(sb.length() == 0 ? "" : ";").append(k).append('=')
                .append(looksSecret(k) ? "****" : v));
        return sb.toString();
    }
}
