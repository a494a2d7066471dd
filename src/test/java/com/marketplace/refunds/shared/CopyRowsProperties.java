package com.marketplace.refunds.shared;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.StringWriter;
import java.util.List;
import java.util.stream.Collectors;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;

import com.marketplace.refunds.shared.PgCopy.CopyRows;

/**
 * Rows reach COPY as PostgreSQL's CSV format reads them (null an empty cell, the empty text and any value with
 * a separator, a quote or a line end quoted, quotes doubled), whatever their sizes: the rows gather in a buffer
 * of their own, so a value across its end, or longer than it, must come out whole and in its place.
 */
class CopyRowsProperties {

    @Property(tries = 150)
    void rowsComeOutInCopysCsvFormat(@ForAll("rows") List<List<String>> rows) throws IOException {
        StringWriter out = new StringWriter();
        CopyRows copy = new CopyRows(out);

        for (List<String> row : rows) {
            copy.row(row.toArray());
        }
        copy.flush();

        assertThat(out.toString()).isEqualTo(rows.stream().map(CopyRowsProperties::csvLine).collect(Collectors.joining()));
        assertThat(copy.count()).isEqualTo(rows.size());
    }

    private static String csvLine(List<String> row) {
        return row.stream().map(value -> value == null ? ""
                : value.isEmpty() || value.chars().anyMatch(c -> c == ',' || c == '"' || c == '\n' || c == '\r')
                        ? '"' + value.replace("\"", "\"\"") + '"'
                        : value)
                .collect(Collectors.joining(",", "", "\n"));
    }

    /** Short values mostly, some empty or null, some with the characters that need quotes, a few longer than the buffer. */
    @Provide
    Arbitrary<List<List<String>>> rows() {
        Arbitrary<String> shortValue = Arbitraries.strings().withChars('a', 'é', '1', ',', '"', '\n', '\r', ' ')
                .ofMaxLength(12);
        Arbitrary<String> longValue = Arbitraries.strings().withChars('x', '"', ',').ofMinLength(8_000).ofMaxLength(12_000);
        Arbitrary<String> value = Arbitraries.frequencyOf(Tuple.of(20, shortValue), Tuple.of(1, longValue)).injectNull(0.1);
        return value.list().ofMinSize(1).ofMaxSize(8).list().ofMaxSize(120);
    }
}
