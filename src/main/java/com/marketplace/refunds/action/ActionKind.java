package com.marketplace.refunds.action;

import java.util.Arrays;
import java.util.Optional;

/** What a person may ask to be done to a refund (docs/actions.md), by the word they type and the database stores. */
public enum ActionKind {
    REISSUE("reissue"), PAID_OUTSIDE("paid-outside"), CANCEL("cancel"), RELEASE("release");

    private final String word;

    ActionKind(String word) {
        this.word = word;
    }

    /** As typed and stored: {@code paid-outside}. */
    public String word() {
        return word;
    }

    /** The word as an SQL literal, {@code 'reissue'}, for the text-block SQL. */
    public String sql() {
        return "'" + word + "'";
    }

    /** Whether it acts on one refund (a release names a date and a payment method instead). */
    public boolean onARefund() {
        return this != RELEASE;
    }

    public static Optional<ActionKind> of(String word) {
        return Arrays.stream(values()).filter(kind -> kind.word.equals(word)).findFirst();
    }

    @Override
    public String toString() {
        return word;
    }
}
