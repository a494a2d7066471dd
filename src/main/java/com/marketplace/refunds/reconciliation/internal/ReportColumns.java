package com.marketplace.refunds.reconciliation.internal;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The columns of a report's header row, found by name as the contract says: a leading byte-order
 * mark removed, runs of white space collapsed to one space, trimmed, compared without case. So
 * {@code Transaction  Debit or Credit} is {@code Transaction Debit or Credit}. Extra columns are
 * ignored, order does not matter.
 */
final class ReportColumns {

    private static final Pattern WHITE_SPACE = Pattern.compile("\\s+");
    private static final int SEEN_TWICE = -1;

    private final String reportFile;
    private final int line;
    private final int count;
    private final Map<String, Integer> indexByName;

    private ReportColumns(String reportFile, int line, int count, Map<String, Integer> indexByName) {
        this.reportFile = reportFile;
        this.line = line;
        this.count = count;
        this.indexByName = indexByName;
    }

    /** The header row {@code names} found at {@code line} of {@code reportFile}. */
    static ReportColumns of(String reportFile, int line, String[] names) {
        Map<String, Integer> indexByName = new HashMap<>();
        for (int i = 0; i < names.length; i++) {
            int index = i;
            indexByName.merge(normalise(names[i]), index, (first, again) -> SEEN_TWICE);
        }
        return new ReportColumns(reportFile, line, names.length, indexByName);
    }

    static String normalise(String name) {
        String withoutBom = name.startsWith("\uFEFF") ? name.substring(1) : name;
        return WHITE_SPACE.matcher(withoutBom).replaceAll(" ").trim().toLowerCase(Locale.ROOT);
    }

    /** The index of a column the reader cannot do without; its absence makes the report unreadable. */
    int require(String name) {
        Integer index = indexByName.get(normalise(name));
        if (index == null) {
            throw new ReportUnreadableException(reportFile, line, "the header has no column '" + name + "'");
        }
        if (index == SEEN_TWICE) {
            throw new ReportUnreadableException(reportFile, line, "the header has the column '" + name
                    + "' more than once");
        }
        return index;
    }

    /** The index of a column the reader can do without, or -1 when the header has none. */
    int optional(String name) {
        Integer index = indexByName.get(normalise(name));
        return index == null ? -1 : require(name);
    }

    /** The number of fields every row under this header must have. */
    int count() {
        return count;
    }
}
