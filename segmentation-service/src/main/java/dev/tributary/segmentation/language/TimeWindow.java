package dev.tributary.segmentation.language;

/** The time windows of {@code <attr> in last N unit}, {@code in previous calendar month}, {@code between}. */
public sealed interface TimeWindow {

    /** {@code in last N unit}: from {@code now - N unit} up to {@code now}. */
    record Last(int amount, WindowUnit unit) implements TimeWindow {
    }

    /** The whole calendar month (UTC) before the one holding {@code now}. */
    record PreviousCalendarMonth() implements TimeWindow {
    }

    /** {@code between from and to}, both days inclusive; bounds are date literals or quoted dates. */
    record Between(Literal from, Literal to) implements TimeWindow {
    }
}
