package com.marketplace.refunds.intake;

import java.util.List;

/** The five extracts of a drop, in the order they are loaded (orders first: events refer to them). */
public enum Extract {

    ORDERS("orders.csv", "order_id"),
    CANCELLATIONS("cancellations.csv", "cancellation_id"),
    DISPUTE_RESOLUTIONS("dispute_resolutions.csv", "dispute_id"),
    STORE_BLOCKS("store_blocks.csv", "store_id"),
    FREE_RETURNS("free_returns.csv", "return_id");

    private final String fileName;
    private final String idColumn;

    Extract(String fileName, String idColumn) {
        this.fileName = fileName;
        this.idColumn = idColumn;
    }

    public String fileName() {
        return fileName;
    }

    /** The identifier that may appear once per file. */
    public String idColumn() {
        return idColumn;
    }

    public String stageTable() {
        return "stage_" + name().toLowerCase();
    }

    public static List<String> fileNames() {
        return java.util.Arrays.stream(values()).map(Extract::fileName).toList();
    }
}
