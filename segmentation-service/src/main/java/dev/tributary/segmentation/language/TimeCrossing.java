package dev.tributary.segmentation.language;

/**
 * The facts crossing one of a rule's windows relative to {@code :now} (e.g. {@code timestamp in last 7 days})
 * between two instants: in the window at one and out of it at the other. Only the entities owning such a fact
 * can change their answer as time passes, so a time re-check re-decides those, not every member.
 *
 * @param ofAccounts true when {@code sql} names accounts (an opportunity's window), false for people
 * @param sql        one column {@code id}, each once: the people or accounts owning a fact that crossed the
 *                   window between {@code :from} and {@code :to} (timestamptz), with the rule's parameters
 */
public record TimeCrossing(boolean ofAccounts, String sql) {
}
