package dev.conduit.config;

import java.util.ArrayList;
import java.util.List;

final class Options {

    private Options() {
    }

    @SafeVarargs
    static List<Option<?>> concat(List<Option<?>>... lists) {
        List<Option<?>> all = new ArrayList<>();
        for (List<Option<?>> list : lists) {
            all.addAll(list);
        }
        return List.copyOf(all);
    }
}
