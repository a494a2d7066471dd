package com.marketplace.refunds.shared;

import java.util.function.IntSupplier;

import org.slf4j.Logger;

/** Runs one piece of set-based work and logs how long it took and how many rows it touched. */
public final class Timed {

    private Timed() {
    }

    public static int rows(Logger log, String what, IntSupplier work) {
        long started = System.nanoTime();
        int rows = work.getAsInt();
        log.info("{}: {} rows in {} ms", what, rows, (System.nanoTime() - started) / 1_000_000);
        return rows;
    }
}
