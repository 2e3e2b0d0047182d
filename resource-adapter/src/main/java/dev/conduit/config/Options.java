package dev.conduit.config;

import java.util.ArrayList;
import java.util.List;

/** Helpers for lists of option declarations. */
public final class Options {

    private Options() {
    }

    /** The lists one after the other, as one unmodifiable list. */
    @SafeVarargs
    public static List<Option<?>> join(List<Option<?>>... lists) {
        List<Option<?>> all = new ArrayList<>();
        for (List<Option<?>> list : lists) {
            all.addAll(list);
        }
        return List.copyOf(all);
    }
}
