package com.marketplace.refunds.intake.internal;

/** A file fails the run when its bad rows are above both a share of its records and a count. */
public record BadRowThreshold(int percent, int count) {

    public boolean exceededBy(long badRows, long records) {
        return badRows * 100 > records * (long) percent && badRows > count;
    }

    @Override
    public String toString() {
        return "more than " + percent + "% and more than " + count + " bad rows";
    }
}
