package com.marketplace.refunds.shared;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import java.util.List;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;

/** The run's dates as the job repository keeps them: 2,500 characters a parameter at most. */
class RunParametersTests {

    @Test
    void consecutiveDatesAreKeptAsOneRangeAndReadBackWhole() {
        List<LocalDate> gap = LocalDate.parse("2026-01-01").datesUntil(LocalDate.parse("2026-12-01")).toList();
        List<LocalDate> dates = new java.util.ArrayList<>(gap);
        dates.add(LocalDate.parse("2026-12-03"));

        String text = RunParameters.joined(dates);

        assertThat(text).isEqualTo("2026-01-01..2026-11-30,2026-12-03");
        assertThat(RunParameters.parsed(text)).isEqualTo(dates);
        assertThat(RunParameters.parsed("")).isEmpty();
        assertThat(RunParameters.joined(List.of())).isEmpty();
    }

    @Test
    void tooManyScatteredDatesForTheJobRepositoryFailWithAClearMessage() {
        List<LocalDate> everyOtherDay = IntStream.range(0, 400)
                .mapToObj(i -> LocalDate.parse("2026-01-01").plusDays(2L * i)).toList();

        assertThatThrownBy(() -> RunParameters.joined(everyOtherDay)).isInstanceOf(ExplainedFailure.class)
                .hasMessageContaining("so many scattered dates at once (400)");
    }
}
