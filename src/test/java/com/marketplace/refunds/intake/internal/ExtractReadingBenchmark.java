package com.marketplace.refunds.intake.internal;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import com.marketplace.refunds.intake.Extract;
import com.marketplace.refunds.intake.internal.CsvRecordReader.CsvRecord;
import com.marketplace.refunds.shared.InboxText;
import com.opencsv.CSVReader;
import com.opencsv.CSVReaderBuilder;
import com.opencsv.RFC4180ParserBuilder;

/**
 * Times reading one extract with the hand-written {@link CsvRecordReader} against opencsv (the
 * version on the classpath, set up as the processor reports read theirs), each bounding a record's
 * length and keeping its start line and raw text, alone and then through {@link Fields} and the
 * extract's {@link StageMapper}. The two alternate within each run; the median of the runs is what
 * to quote. Not a test: {@code jobs/benchmark-extract-reader} runs it.
 * <p>
 * The opencsv side is the cheapest bounded reader opencsv allows, so its figure is a floor: its
 * lines are cut once the record passes {@link CsvRecordReader#MAX_RECORD_CHARS}, which keeps memory
 * bounded but not the quote structure of what was cut, and it reports none of the hand-written
 * reader's malformations (text after a closing quote, a quote in an unquoted field); a production
 * reader on opencsv would have to add both.
 *
 * <pre>ExtractReadingBenchmark FILE [RUNS] [WARMUPS]</pre>
 */
public final class ExtractReadingBenchmark {

    private ExtractReadingBenchmark() {
    }

    public static void main(String[] args) throws IOException {
        Path file = Path.of(args[0]);
        int runs = args.length > 1 ? Integer.parseInt(args[1]) : 5;
        int warmups = args.length > 2 ? Integer.parseInt(args[2]) : 1;
        Extract extract = Extract.ofFileName(file.getFileName().toString()).orElseThrow(
                () -> new IllegalArgumentException(file + " is not the file of an extract"));
        System.out.printf(Locale.ROOT, "%s: %,d bytes, %d runs after %d warm-up, %d processors, java %s, %s%n", file,
                Files.size(file), runs, warmups, Runtime.getRuntime().availableProcessors(),
                System.getProperty("java.version"), ManagementFactory.getRuntimeMXBean().getInputArguments());
        StageMapper mapper = StageMapper.of(extract);
        List<BenchmarkMeasure> measures = List.of(
                new BenchmarkMeasure("hand-written, read", () -> handWritten(file, null)),
                new BenchmarkMeasure("opencsv,      read", () -> openCsv(file, null)),
                new BenchmarkMeasure("hand-written, read+map", () -> handWritten(file, mapper)),
                new BenchmarkMeasure("opencsv,      read+map", () -> openCsv(file, mapper)));
        for (int run = -warmups; run < runs; run++) {
            for (BenchmarkMeasure measure : measures) {
                measure.time(run >= 0);
            }
        }
        for (BenchmarkMeasure measure : measures) {
            System.out.println(measure.summary());
        }
        for (int i = 0; i < measures.size(); i += 2) {
            System.out.printf(Locale.ROOT, "opencsv / hand-written (%s): wall %.2f, cpu %.2f (median of the runs' ratios)%n",
                    i == 0 ? "read" : "read+map", measures.get(i + 1).ratioTo(measures.get(i), true),
                    measures.get(i + 1).ratioTo(measures.get(i), false));
        }
    }

    /** What one pass saw: the same for both readers, or the comparison is void. */
    record Pass(long records, long good, long bad, long checksum) {
    }

    @FunctionalInterface
    interface Reading {
        Pass read() throws IOException;
    }

    static Pass handWritten(Path file, StageMapper mapper) throws IOException {
        Tally tally = new Tally(mapper);
        try (ExtractReader reader = ExtractReader.open(file.getParent(), file, List.of())) {
            Fields fields = new Fields(reader.columns());
            for (CsvRecord record = reader.next(); record != null; record = reader.next()) {
                tally.record(record.line(), record.malformed() ? null : record.fields(), record.raw(), fields,
                        reader.headerSize());
            }
        }
        return tally.pass();
    }

    static Pass openCsv(Path file, StageMapper mapper) throws IOException {
        Tally tally = new Tally(mapper);
        try (InputStream bytes = new BufferedInputStream(Files.newInputStream(file), 1 << 16);
             OpenCsvBoundedLines lines = new OpenCsvBoundedLines(InboxText.reader(bytes));
             CSVReader csv = new CSVReaderBuilder(lines).withCSVParser(new RFC4180ParserBuilder().build())
                     .withMultilineLimit(CsvRecordReader.MAX_RECORD_CHARS).withVerifyReader(false).build()) {
            Map<String, Integer> columns = new HashMap<>();
            String[] header = csv.readNext();
            for (int i = 0; i < header.length; i++) {
                columns.put(header[i], i);
            }
            Fields fields = new Fields(columns);
            while (true) {
                int line = (int) csv.getLinesRead() + 1;
                lines.startRecord();
                String[] record = csv.readNext();
                if (record == null) {
                    break;
                }
                if (record.length == 1 && record[0].isEmpty()) {
                    continue;
                }
                tally.record(line, lines.tooLong() ? null : Arrays.asList(record), lines.raw(), fields, header.length);
            }
        }
        catch (com.opencsv.exceptions.CsvValidationException e) {
            throw new IOException(e);
        }
        return tally.pass();
    }

    /** Counts what was read, and maps the good records when given a mapper: the work a load does per record. */
    static final class Tally {

        private final StageMapper mapper;
        private long records;
        private long good;
        private long checksum;

        Tally(StageMapper mapper) {
            this.mapper = mapper;
        }

        void record(int line, List<String> values, String raw, Fields fields, int headerSize) {
            records++;
            checksum += line + raw.length();
            if (values == null || values.size() != headerSize) {
                return;
            }
            for (String value : values) {
                checksum += value.length();
            }
            if (mapper == null) {
                good++;
                return;
            }
            fields.use(values);
            try {
                checksum += mapper.map(fields).length;
                good++;
            }
            catch (BadValueException e) {
                checksum += e.getMessage().length();
            }
        }

        Pass pass() {
            return new Pass(records, good, records - good, checksum);
        }
    }


}
