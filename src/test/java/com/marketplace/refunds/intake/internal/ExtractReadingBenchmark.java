package com.marketplace.refunds.intake.internal;

import java.io.BufferedInputStream;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.lang.management.ManagementFactory;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import com.marketplace.refunds.intake.Extract;
import com.marketplace.refunds.intake.internal.CsvRecordReader.CsvRecord;
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

    /** The process's CPU time: the reading thread's, the collector's and the compiler's, not the other people's. */
    private static final com.sun.management.OperatingSystemMXBean PROCESS =
            (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();

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
        List<Measure> measures = List.of(
                new Measure("hand-written, read", () -> handWritten(file, null)),
                new Measure("opencsv,      read", () -> openCsv(file, null)),
                new Measure("hand-written, read+map", () -> handWritten(file, mapper)),
                new Measure("opencsv,      read+map", () -> openCsv(file, mapper)));
        for (int run = -warmups; run < runs; run++) {
            for (Measure measure : measures) {
                measure.time(run >= 0);
            }
        }
        for (Measure measure : measures) {
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
        var decoder = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        try (InputStream bytes = new BufferedInputStream(Files.newInputStream(file), 1 << 16);
             BoundedLines lines = new BoundedLines(new InputStreamReader(bytes, decoder));
             CSVReader csv = new CSVReaderBuilder(lines).withCSVParser(new RFC4180ParserBuilder().build())
                     .withMultilineLimit(CsvRecordReader.MAX_RECORD_CHARS).withVerifyReader(false).build()) {
            lines.skipByteOrderMark();
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

    /**
     * The lines opencsv reads, bounded like the hand-written reader's records: once the record has
     * more than {@link CsvRecordReader#MAX_RECORD_CHARS} characters the rest of each line is skipped,
     * never held; the first 2,000 characters are kept as the raw text.
     */
    static final class BoundedLines extends BufferedReader {

        private static final int MAX_RAW_CHARS = 2_000;

        private final Reader in;
        private final char[] buffer = new char[1 << 16];
        private final StringBuilder spanning = new StringBuilder();
        private final StringBuilder raw = new StringBuilder();
        private String firstLine;
        private int lines;
        private int position;
        private int limit;
        private long recordChars;
        private boolean tooLong;

        BoundedLines(Reader in) {
            super(in, 1);
            this.in = in;
        }

        void skipByteOrderMark() throws IOException {
            if (fill() && buffer[position] == '\uFEFF') {
                position++;
            }
        }

        void startRecord() {
            recordChars = 0;
            tooLong = false;
            lines = 0;
            firstLine = null;
            raw.setLength(0);
        }

        boolean tooLong() {
            return tooLong;
        }

        String raw() {
            if (lines > 1) {
                return raw.toString();
            }
            return firstLine == null ? "" : firstLine.length() <= MAX_RAW_CHARS ? firstLine
                    : firstLine.substring(0, MAX_RAW_CHARS);
        }

        @Override
        public String readLine() throws IOException {
            spanning.setLength(0);
            boolean any = false;
            while (fill()) {
                any = true;
                int start = position;
                while (position < limit && buffer[position] != '\n') {
                    position++;
                }
                boolean ended = position < limit;
                int end = ended && position > start && buffer[position - 1] == '\r' ? position - 1 : position;
                if (ended) {
                    position++;
                }
                if (ended && spanning.isEmpty()) {
                    return kept(keep(start, end) ? new String(buffer, start, end - start) : "");
                }
                if (keep(start, end)) {
                    spanning.append(buffer, start, end - start);
                }
                if (ended) {
                    return kept(spanning.toString());
                }
            }
            return any ? kept(spanning.toString()) : null;
        }

        private boolean keep(int start, int end) {
            recordChars += end - start;
            tooLong |= recordChars > CsvRecordReader.MAX_RECORD_CHARS;
            return !tooLong;
        }

        private String kept(String line) {
            lines++;
            if (lines == 1) {
                firstLine = line;
            }
            else {
                if (lines == 2) {
                    raw.append(firstLine, 0, Math.min(firstLine.length(), MAX_RAW_CHARS));
                }
                raw.append('\n').append(line, 0, Math.max(0, Math.min(line.length(), MAX_RAW_CHARS - raw.length())));
            }
            return line;
        }

        private boolean fill() throws IOException {
            if (position < limit) {
                return true;
            }
            limit = Math.max(in.read(buffer, 0, buffer.length), 0);
            position = 0;
            return limit > 0;
        }

        @Override
        public void close() throws IOException {
            in.close();
        }
    }

    /** One reader's timings: wall and process CPU milliseconds of each counted run, and what each pass saw. */
    static final class Measure {

        private final String name;
        private final Reading reading;
        private final List<Double> wall = new ArrayList<>();
        private final List<Double> cpu = new ArrayList<>();
        private Pass seen;

        Measure(String name, Reading reading) {
            this.name = name;
            this.reading = reading;
        }

        void time(boolean counted) throws IOException {
            long cpuStart = PROCESS.getProcessCpuTime();
            long wallStart = System.nanoTime();
            Pass pass = reading.read();
            double wallMs = (System.nanoTime() - wallStart) / 1e6;
            double cpuMs = (PROCESS.getProcessCpuTime() - cpuStart) / 1e6;
            if (seen != null && !seen.equals(pass)) {
                throw new IllegalStateException(name + " saw " + pass + " after " + seen);
            }
            seen = pass;
            if (counted) {
                wall.add(wallMs);
                cpu.add(cpuMs);
            }
        }

        double ratioTo(Measure other, boolean byWall) {
            List<Double> mine = byWall ? wall : cpu;
            List<Double> theirs = byWall ? other.wall : other.cpu;
            List<Double> ratios = new ArrayList<>();
            for (int i = 0; i < mine.size(); i++) {
                ratios.add(mine.get(i) / theirs.get(i));
            }
            return median(ratios);
        }

        String summary() {
            return String.format(Locale.ROOT, "%-24s wall ms median %7.0f (min %7.0f, max %7.0f)  cpu ms median %7.0f  %s",
                    name, median(wall), min(wall), max(wall), median(cpu), seen);
        }

        private static double median(List<Double> values) {
            List<Double> sorted = values.stream().sorted().toList();
            int n = sorted.size();
            return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
        }

        private static double min(List<Double> values) {
            return values.stream().mapToDouble(Double::doubleValue).min().orElse(Double.NaN);
        }

        private static double max(List<Double> values) {
            return values.stream().mapToDouble(Double::doubleValue).max().orElse(Double.NaN);
        }
    }
}
