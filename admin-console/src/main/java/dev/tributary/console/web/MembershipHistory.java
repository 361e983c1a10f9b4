package dev.tributary.console.web;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** A segment's size over time from its entries and exits (the history API answers newest first). */
final class MembershipHistory {

    private MembershipHistory() {
    }

    static List<Double> sizes(List<Map<String, Object>> newestFirst) {
        List<Double> sizes = new ArrayList<>();
        double size = 0;
        sizes.add(size);
        for (int i = newestFirst.size() - 1; i >= 0; i--) {
            size += "entered".equals(newestFirst.get(i).get("change")) ? 1 : -1;
            sizes.add(Math.max(0, size));
        }
        return sizes;
    }
}
