package com.marketplace.refunds.nightly;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.listener.JobExecutionListener;
import org.springframework.batch.core.step.StepExecution;

/**
 * Logs, at the end of a run, each step's wall time, items written and the highest heap use seen
 * while it ran (sampled every 100 ms), so the operator and the benchmark see where time goes.
 */
class StepTimings implements JobExecutionListener {

    private static final Logger log = LoggerFactory.getLogger(StepTimings.class);

    private record Sample(long epochMillis, long heapUsed) {
    }

    private final List<Sample> samples = new ArrayList<>();
    private ScheduledExecutorService sampler;

    @Override
    public void beforeJob(JobExecution jobExecution) {
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        synchronized (samples) {
            samples.clear();
        }
        sampler = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "heap-sampler");
            thread.setDaemon(true);
            return thread;
        });
        sampler.scheduleAtFixedRate(() -> {
            synchronized (samples) {
                samples.add(new Sample(System.currentTimeMillis(), memory.getHeapMemoryUsage().getUsed()));
            }
        }, 0, 100, TimeUnit.MILLISECONDS);
    }

    @Override
    public void afterJob(JobExecution jobExecution) {
        sampler.shutdownNow();
        for (StepExecution step : jobExecution.getStepExecutions()) {
            long from = millis(step.getStartTime());
            long to = step.getEndTime() == null ? System.currentTimeMillis() : millis(step.getEndTime());
            long peak;
            synchronized (samples) {
                peak = samples.stream().filter(s -> s.epochMillis() >= from && s.epochMillis() <= to)
                        .mapToLong(Sample::heapUsed).max().orElse(0);
            }
            log.info("step {}: {} in {} ms, {} written, peak heap {} MB", step.getStepName(), step.getStatus(),
                    to - from, step.getWriteCount(), peak / (1024 * 1024));
        }
    }

    private static long millis(LocalDateTime time) {
        return time == null ? System.currentTimeMillis() : time.atZone(ZoneId.systemDefault()).toInstant().toEpochMilli();
    }
}
