package com.marketplace.refunds.shared;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

/** Consecutive business dates, first to last: how a long gap without drops is told and kept short. */
public record DateRange(LocalDate first, LocalDate last) {

    /** The dates, in order, as their runs of consecutive days. */
    public static List<DateRange> of(List<LocalDate> dates) {
        List<DateRange> ranges = new ArrayList<>();
        for (int i = 0; i < dates.size(); ) {
            int j = i;
            while (j + 1 < dates.size() && dates.get(j + 1).equals(dates.get(j).plusDays(1))) {
                j++;
            }
            ranges.add(new DateRange(dates.get(i), dates.get(j)));
            i = j + 1;
        }
        return ranges;
    }

    public long days() {
        return ChronoUnit.DAYS.between(first, last) + 1;
    }
}
