package com.marketplace.refunds.simulate.drop;

/** Hands out identifiers {@code <prefix><n>}, n counting up from a start; never the same one twice. */
final class IdSequence {

    private final String prefix;
    private long next;

    IdSequence(String prefix, long start) {
        this.prefix = prefix;
        this.next = start;
    }

    String next() {
        return prefix + next++;
    }
}
