package dev.conduit.config;

import java.util.Locale;

/**
 * A value of an enum option with the word users write for it. Enums that do not implement it are written as their
 * constant in lower case with dashes ({@code AT_LEAST_ONCE} is {@code at-least-once}).
 */
public interface Named {

    String id();

    static String idOf(Enum<?> value) {
        return value instanceof Named named ? named.id()
                : value.name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
}
