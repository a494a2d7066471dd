package com.marketplace.refunds.intake;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/** The five extracts of a drop, in the order they are loaded (orders first: events refer to them). */
public enum Extract {

    ORDERS("orders.csv", "order_id", false),
    CANCELLATIONS("cancellations.csv", "cancellation_id", true),
    DISPUTE_RESOLUTIONS("dispute_resolutions.csv", "dispute_id", true),
    STORE_BLOCKS("store_blocks.csv", "store_id", false),
    FREE_RETURNS("free_returns.csv", "return_id", true);

    private final String fileName;
    private final String idColumn;
    private final boolean orderEvents;

    Extract(String fileName, String idColumn, boolean orderEvents) {
        this.fileName = fileName;
        this.idColumn = idColumn;
        this.orderEvents = orderEvents;
    }

    public String fileName() {
        return fileName;
    }

    /** The identifier that may appear once per file. */
    public String idColumn() {
        return idColumn;
    }

    /** Whether each record is one event of one order: its id never names an event of another order. */
    public boolean holdsOrderEvents() {
        return orderEvents;
    }

    /**
     * This extract's bad rows in a rejects folder ({@code RunParameters.rejectsFolder}): {@code
     * <reports>/<D>/rejects/<file>.rejects.csv}, or {@code rejects/<late date>/} for a late drop's.
     */
    public Path rejectsFile(Path rejectsFolder) {
        return rejectsFolder.resolve(fileName + ".rejects.csv");
    }

    /** The extract of that file name, if it is one. */
    public static Optional<Extract> ofFileName(String fileName) {
        return Arrays.stream(values()).filter(extract -> extract.fileName.equals(fileName)).findFirst();
    }

    public String stageTable() {
        return "stage_" + name().toLowerCase();
    }

    public static List<String> fileNames() {
        return Arrays.stream(values()).map(Extract::fileName).toList();
    }
}
