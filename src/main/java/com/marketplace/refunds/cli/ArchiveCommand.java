package com.marketplace.refunds.cli;

import java.io.PrintStream;
import java.sql.SQLException;
import java.util.Optional;

import javax.sql.DataSource;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.dao.DataAccessException;

import com.marketplace.refunds.archive.Archiver;
import com.marketplace.refunds.nightly.ExitCode;
import com.marketplace.refunds.nightly.FirstLine;
import com.marketplace.refunds.nightly.RunLock;
import com.marketplace.refunds.nightly.UsageException;

/**
 * {@code archive}: moves the orders and refunds that can no longer change out of the hot tables,
 * under the nightly run's lock (a nightly run and an archive never run at once), night by night,
 * with a line of progress per night moved. Safe to run again at any time: it moves what is left.
 */
final class ArchiveCommand {

    private static final Logger log = LoggerFactory.getLogger(ArchiveCommand.class);

    private ArchiveCommand() {
    }

    /** {@code --after-days}, checked; null when not given (the setting then decides). */
    private static Integer afterDays(CommandLine commandLine) {
        Long days = commandLine.optionalNumber("after-days");
        if (days != null && (days < 0 || days > 36_500)) {
            throw new UsageException("--after-days must be a number of days from 0");
        }
        return days == null ? null : days.intValue();
    }

    /** Checks {@code --after-days} before anything starts, then archives under the run lock. */
    static int run(Class<?> application, CommandLine commandLine, PrintStream out, PrintStream err) {
        Integer afterDays = afterDays(commandLine); // a usage error before anything starts
        System.setProperty(RunLock.SESSION_NAME_PROPERTY, RunLock.SESSION_NAME_PREFIX + RunLock.newToken());
        return WithApplication.run(application, err, context -> {
            try {
                return archive(context, afterDays, out, err);
            }
            catch (RuntimeException e) {
                log.error("The archive stopped on an unexpected error", e);
                err.println("refund-settlement: the archive stopped on an unexpected error: " + e.getMessage()
                        + "; whole nights moved stay moved: run the same command again, and report it if it happens again");
                return ExitCode.FAILED;
            }
        });
    }

    private static ExitCode archive(ConfigurableApplicationContext context, Integer givenAfterDays, PrintStream out,
                                    PrintStream err) {
        Archiver archiver = context.getBean(Archiver.class);
        int afterDays = givenAfterDays != null ? givenAfterDays : archiver.afterDays();
        try (RunLock lock = RunLock.tryAcquire(context.getBean(DataSource.class), RunLock.tokenOfThisProcess())) {
            if (lock == null) {
                err.println("refund-settlement: a nightly run (or another archive) is in progress; nothing was moved. "
                        + "Run the archive again when it has finished.");
                return ExitCode.BUSY;
            }
            lock.recordHolder();
            Optional<Archiver.Moved> moved = archiver.archive(afterDays, out::println);
            if (moved.isEmpty()) {
                out.println("No nightly run has completed yet: nothing can be archived.");
            }
            else {
                Archiver.Moved m = moved.get();
                out.printf("Archived %s and %s that could no longer change as of the run for %s "
                        + "(first seen, last changed, protected and delivered before %s).%n",
                        Archiver.count(m.orders(), "order"), Archiver.count(m.refunds(), "refund"), m.asOf(), m.before());
            }
            return ExitCode.COMPLETED;
        }
        catch (SQLException | DataAccessException e) {
            err.println("refund-settlement: the archive stopped: the database failed: "
                    + FirstLine.of(e.getMessage())
                    + ". Whole nights moved stay moved; run the same command again to move the rest.");
            return ExitCode.FAILED;
        }
    }
}
