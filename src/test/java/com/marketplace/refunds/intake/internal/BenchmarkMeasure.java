package com.marketplace.refunds.intake.internal;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** One reader's timings: wall and process CPU milliseconds of each counted run, and what each pass saw. */
final class BenchmarkMeasure {

    /** The process's CPU time: the reading thread's, the collector's and the compiler's, not the other people's. */
    private static final com.sun.management.OperatingSystemMXBean PROCESS =
            (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();

    private final String name;
    private final ExtractReadingBenchmark.Reading reading;
    private final List<Double> wall = new ArrayList<>();
    private final List<Double> cpu = new ArrayList<>();
    private ExtractReadingBenchmark.Pass seen;

    BenchmarkMeasure(String name, ExtractReadingBenchmark.Reading reading) {
        this.name = name;
        this.reading = reading;
    }

    void time(boolean counted) throws IOException {
        long cpuStart = PROCESS.getProcessCpuTime();
        long wallStart = System.nanoTime();
        ExtractReadingBenchmark.Pass pass = reading.read();
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

    double ratioTo(BenchmarkMeasure other, boolean byWall) {
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
