package com.marketplace.refunds.nightly;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import com.marketplace.refunds.support.DatabaseSession;
import com.marketplace.refunds.support.TestDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code jobs/check-postgresql-settings}: whether the server runs with a settings file's values, each
 * compared in its setting's unit, and which ones a file read later (or a missing restart) took away.
 * The files are written from the test server's own values, whatever they are.
 */
class PostgresqlSettingsCheckTests {

    private static final String DATABASE = TestDatabase.freshFor(PostgresqlSettingsCheckTests.class);

    private record Ran(int exitCode, String output) {
    }

    @Test
    void aFileWhoseValuesTheServerHasHoldsWhateverTheUnitsItIsWrittenIn(@TempDir Path folder) throws Exception {
        long workMemKb = setting("work_mem");
        long checkpointSeconds = setting("checkpoint_timeout");
        String autovacuum = text("autovacuum");
        Path file = Files.writeString(folder.resolve("refunds.conf"), """
                # the server's own values, in other units than it shows them
                work_mem = %dkB
                checkpoint_timeout = %d   # seconds, the setting's unit
                autovacuum = '%s'
                """.formatted(workMemKb, checkpointSeconds, autovacuum));

        Ran ran = check(file);

        assertThat(ran.exitCode()).as(ran.output()).isZero();
        assertThat(ran.output()).containsPattern("work_mem +\\| " + workMemKb + "kB +\\| \\S+ +\\|.*\\| ok")
                .containsPattern("checkpoint_timeout +\\| " + checkpointSeconds + " +\\|.*\\| ok")
                .containsPattern("autovacuum +\\| " + autovacuum + " +\\|.*\\| ok")
                .endsWith("Every setting of " + file + " holds on this server.\n");
    }

    @Test
    void aValueTheServerDoesNotHaveAndANameThatIsNoSettingAreNamedAndExitOne(@TempDir Path folder) throws Exception {
        long more = setting("work_mem") + 1024;
        String workMem = text("work_mem");
        String autovacuum = text("autovacuum");
        String opposite = autovacuum.equals("on") ? "off" : "on";
        Path file = Files.writeString(folder.resolve("refunds.conf"), """
                work_mem = %dkB
                autovacuum = %s
                work_memory = 64MB
                """.formatted(more, opposite));

        Ran ran = check(file);

        assertThat(ran.exitCode()).as(ran.output()).isEqualTo(1);
        assertThat(ran.output())
                .containsPattern("work_mem +\\| " + more + "kB +\\| " + workMem + " +\\|.*\\| DIFFERS")
                .containsPattern("autovacuum +\\| " + opposite + " +\\| " + autovacuum + " +\\|.*\\| DIFFERS")
                .containsPattern("work_memory +\\| 64MB +\\|.*\\| NOT A SETTING of this server")
                .contains("3 setting(s) of " + file + " do not hold on this server: put the file where nothing read "
                        + "after it sets them again (conf.d/ is read in name order, the last value wins");
    }

    /** The server's value in the setting's unit (kB, s, ...). */
    private static long setting(String name) {
        try (DatabaseSession db = DatabaseSession.open(DATABASE)) {
            return Long.parseLong(db.strings("SELECT setting FROM pg_settings WHERE name = ?", name).get(0));
        }
    }

    /** The server's value as SHOW prints it. */
    private static String text(String name) {
        try (DatabaseSession db = DatabaseSession.open(DATABASE)) {
            return db.strings("SELECT current_setting(?)", name).get(0);
        }
    }

    private static Ran check(Path file) throws IOException, InterruptedException {
        String server = "postgresql://" + TestDatabase.USER + "@" + TestDatabase.HOST + ":" + TestDatabase.PORT + "/"
                + TestDatabase.nameOf(DATABASE);
        Path output = Files.createTempFile("settings-check", ".txt");
        try {
            Process process = new ProcessBuilder("jobs/check-postgresql-settings", server, file.toString())
                    .redirectErrorStream(true).redirectOutput(output.toFile()).start();
            process.getOutputStream().close();
            assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("the check ends").isTrue();
            return new Ran(process.exitValue(), Files.readString(output, StandardCharsets.UTF_8));
        }
        finally {
            Files.deleteIfExists(output);
        }
    }
}
