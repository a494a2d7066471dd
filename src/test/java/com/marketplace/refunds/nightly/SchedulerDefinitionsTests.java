package com.marketplace.refunds.nightly;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.io.File;
import java.io.IOException;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvFromSource;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.batch.v1.CronJob;
import io.fabric8.kubernetes.api.model.batch.v1.JobSpec;
import io.fabric8.kubernetes.api.model.batch.v1.PodFailurePolicyRule;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * The scheduler definitions in jobs/ (systemd, Kubernetes, cron): valid for their own tools, never
 * retried blindly, and each calling the catch-up, nightly without a date. The runbook says what every
 * exit code means.
 */
class SchedulerDefinitionsTests {

    private static final Path SERVICE = Path.of("jobs/systemd/refund-settlement.service");
    private static final Path TIMER = Path.of("jobs/systemd/refund-settlement.timer");
    private static final Path CRONJOB = Path.of("jobs/kubernetes/cronjob.yaml");
    private static final Path CRONTAB = Path.of("jobs/crontab");
    private static final Path RUNBOOK = Path.of("jobs/RUNBOOK.md");
    private static final Path JAVA_OPTIONS = Path.of("jobs/java-options");
    private static final String INSTALLED_LAUNCHER = "/opt/refund-settlement/jobs/nightly";
    private static final Pattern A_DATE = Pattern.compile("\\d{4}-\\d{2}-\\d{2}");

    private record Ran(int exitCode, String output) {
    }

    @Test
    void systemdUnitsPassSystemdAnalyzeVerify(@TempDir Path units) throws Exception {
        Ran ran = verifyCopies(units, Map.of());

        assertThat(ran.exitCode()).as("systemd-analyze verify said:%n%s", ran.output()).isZero();
        assertThat(ran.output().lines().filter(line -> line.contains("refund-settlement")))
                .as("systemd-analyze verify said:%n%s", ran.output()).isEmpty();
    }

    @Test
    void systemdAnalyzeVerifyCatchesAMisspelledSettingInTheCopies(@TempDir Path units) throws Exception {
        Ran ran = verifyCopies(units, Map.of("Persistent=true", "Persistant=true"));

        assertThat(ran.output()).contains("Unknown key 'Persistant' in section [Timer]");
    }

    @Test
    void theServiceIsAOneshotThatIsNeverRestartedAndCountsExitThreeAsSuccess() throws IOException {
        Map<String, List<String>> service = unitSettings(SERVICE);

        assertThat(service.get("Service.Type")).containsExactly("oneshot");
        assertThat(service.getOrDefault("Service.Restart", List.of("no"))).containsOnly("no");
        assertThat(service.get("Service.SuccessExitStatus")).containsExactly("3");
        assertThat(service.get("Service.User")).containsExactly("refund-settlement");
        assertThat(service.get("Service.EnvironmentFile")).containsExactly("/etc/refund-settlement/env");
        assertThat(service.get("Service.WorkingDirectory")).containsExactly("/opt/refund-settlement");
        assertThat(service.get("Service.ExecStart")).containsExactly(INSTALLED_LAUNCHER);
        assertThat(service).doesNotContainKey("Service.MemoryDenyWriteExecute"); // the JVM's JIT needs it off
    }

    @Test
    void theTimerCatchesUpATickMissedWhileTheMachineWasOff() throws IOException {
        Map<String, List<String>> timer = unitSettings(TIMER);

        assertThat(timer.get("Timer.Persistent")).containsExactly("true");
        assertThat(timer.get("Timer.OnCalendar")).containsExactly("*-*-* *:15:00 UTC");
        assertThat(timer.get("Timer.RandomizedDelaySec")).containsExactly("0");
        assertThat(timer.get("Install.WantedBy")).containsExactly("timers.target");
    }

    @Test
    void theCronJobRunsOneAtATimeInUtcAndNeverRetriesBlindly() throws Exception {
        CronJob cronJob = cronJob();
        JobSpec job = cronJob.getSpec().getJobTemplate().getSpec();
        PodSpec pod = job.getTemplate().getSpec();

        assertThat(cronJob.getApiVersion()).isEqualTo("batch/v1");
        assertThat(cronJob.getKind()).isEqualTo("CronJob");
        assertThat(cronJob.getSpec().getSchedule().split(" ")).hasSize(5);
        assertThat(cronJob.getSpec().getConcurrencyPolicy()).isEqualTo("Forbid");
        assertThat(cronJob.getSpec().getTimeZone()).isEqualTo("Etc/UTC");
        assertThat(cronJob.getSpec().getStartingDeadlineSeconds()).isPositive();
        assertThat(cronJob.getSpec().getSuccessfulJobsHistoryLimit()).isPositive();
        assertThat(cronJob.getSpec().getFailedJobsHistoryLimit()).isPositive();
        assertThat(job.getBackoffLimit()).isZero();
        assertThat(job.getPodFailurePolicy().getRules()).extracting(PodFailurePolicyRule::getAction)
                .as("Ignore would start a replacement pod at once").doesNotContain("Ignore");
        assertThat(pod.getRestartPolicy()).isEqualTo("Never");
        assertThat(pod.getContainers()).hasSize(1);
        List<EnvFromSource> settings = pod.getContainers().get(0).getEnvFrom();
        assertThat(settings).anySatisfy(from -> assertThat(from.getConfigMapRef()).isNotNull());
        assertThat(settings).anySatisfy(from -> assertThat(from.getSecretRef()).isNotNull());
        assertThat(pod.getVolumes()).extracting(Volume::getPersistentVolumeClaim).anySatisfy(
                claim -> assertThat(claim.getClaimName()).isEqualTo("refund-settlement-data"));
    }

    @Test
    void theCronJobHoldsOnlyFieldsKubernetesKnows() throws Exception {
        List<String> unknown = new ArrayList<>();
        collectUnknownFields(cronJob(), "", unknown);

        assertThat(unknown).as("fields the Kubernetes API does not have").isEmpty();
    }

    @Test
    void theCrontabHasOneLineThatCallsJobsNightlyWithoutADate() throws IOException {
        List<String> entries = crontabEntries();

        assertThat(entries).hasSize(1);
        assertThat(entries.get(0)).contains(" jobs/nightly >>");
    }

    @Test
    void everySchedulerDefinitionCallsNightlyWithoutADate() throws Exception {
        Map<String, List<String>> commands = new LinkedHashMap<>();
        try (Stream<Path> services = Files.list(SERVICE.getParent())) {
            for (Path service : services.filter(file -> file.toString().endsWith(".service")).toList()) {
                for (String execStart : unitSettings(service).get("Service.ExecStart")) {
                    commands.put(service.toString(), words(execStart));
                }
            }
        }
        try (Stream<Path> manifests = Files.list(CRONJOB.getParent())) {
            for (Path manifest : manifests.filter(file -> file.toString().endsWith(".yaml")).toList()) {
                for (Container container : readCronJob(manifest).getSpec().getJobTemplate().getSpec().getTemplate()
                        .getSpec().getContainers()) {
                    List<String> command = new ArrayList<>();
                    Stream.of(container.getCommand(), container.getArgs()).filter(words -> words != null)
                            .forEach(command::addAll);
                    commands.put(manifest + " " + container.getName(), command);
                }
            }
        }
        for (String entry : crontabEntries()) {
            commands.put(CRONTAB + ": " + entry, words(entry));
        }

        assertThat(commands).hasSize(3);
        commands.forEach(SchedulerDefinitionsTests::assertCatchUp);
    }

    @Test
    void theCronJobAndTheServiceStartTheJvmWithTheOptionsOfJobsJavaOptions() throws Exception {
        List<String> options = List.of(Files.readString(JAVA_OPTIONS, StandardCharsets.UTF_8).trim().split("\\s+"));
        assertThat(options).contains("-Xmx1g", "-XX:+UseSerialGC");

        List<String> command = cronJob().getSpec().getJobTemplate().getSpec().getTemplate().getSpec()
                .getContainers().get(0).getCommand();
        assertThat(command.subList(1, 1 + options.size())).as("the CronJob's JVM options").isEqualTo(options);
        assertThat(Files.readString(SERVICE, StandardCharsets.UTF_8))
                .as("the JAVA_OPTS the service's settings file shows")
                .contains("#   JAVA_OPTS=" + String.join(" ", options) + " ");
        assertThat(Files.readString(Path.of("jobs/nightly"), StandardCharsets.UTF_8))
                .as("jobs/nightly's default").contains("${JAVA_OPTS:-$(cat \"$here/java-options\")}");
    }

    @Test
    void theRunbookSaysWhatEachExitCodeMeans() throws IOException {
        String runbook = Files.readString(RUNBOOK);

        for (int code = 0; code <= 4; code++) {
            assertThat(runbook).as("exit code %d", code).contains("| `" + code + "` |");
        }
        assertThat(runbook).contains("SELECT business_date, status, carried_by, message FROM nightly_run ORDER BY 1 DESC LIMIT 10");
    }

    /** nightly with options only after it: no date, no --business-date, no --until. */
    private static void assertCatchUp(String where, List<String> command) {
        int nightly = command.indexOf(command.stream().filter(word -> word.equals("nightly") || word.endsWith("/nightly"))
                .findFirst().orElseGet(() -> fail("%s does not call nightly: %s", where, command)));
        for (String word : command.subList(nightly + 1, command.size())) {
            if (word.startsWith(">") || word.startsWith("2>") || List.of(";", "&&", "||", "|").contains(word)) {
                break;
            }
            assertThat(word).as("%s: after nightly", where).startsWith("--").doesNotStartWith("--business-date")
                    .doesNotStartWith("--until");
        }
        assertThat(String.join(" ", command)).as(where).doesNotContainPattern(A_DATE).doesNotContain("$(date")
                .doesNotContain("`date");
    }

    private static Ran verifyCopies(Path units, Map<String, String> changes) throws Exception {
        String analyze = onPath("systemd-analyze");
        if (analyze == null) {
            fail("systemd-analyze is not installed: run jobs/test (it installs Debian's systemd when missing)");
        }
        // the copy starts the launcher of this checkout: systemd-analyze checks that ExecStart's file exists
        String service = Files.readString(SERVICE).replace("ExecStart=" + INSTALLED_LAUNCHER,
                "ExecStart=" + Path.of("jobs/nightly").toAbsolutePath());
        String timer = Files.readString(TIMER);
        for (Map.Entry<String, String> change : changes.entrySet()) {
            service = service.replace(change.getKey(), change.getValue());
            timer = timer.replace(change.getKey(), change.getValue());
        }
        assertThat(service).doesNotContain(INSTALLED_LAUNCHER);
        Path serviceCopy = Files.writeString(units.resolve(SERVICE.getFileName()), service);
        Path timerCopy = Files.writeString(units.resolve(TIMER.getFileName()), timer);

        Process process = new ProcessBuilder(analyze, "verify", "--man=no", timerCopy.toString(), serviceCopy.toString())
                .redirectErrorStream(true).start();
        process.getOutputStream().close();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("systemd-analyze verify ends").isTrue();
        return new Ran(process.exitValue(), output);
    }

    private static String onPath(String program) {
        return Arrays.stream(System.getenv().getOrDefault("PATH", "").split(File.pathSeparator))
                .map(folder -> Path.of(folder, program)).filter(Files::isExecutable).map(Path::toString).findFirst()
                .orElse(null);
    }

    /** "Section.Key" to its values in order (a key may be given more than once). */
    private static Map<String, List<String>> unitSettings(Path unit) throws IOException {
        Map<String, List<String>> settings = new LinkedHashMap<>();
        String section = "";
        for (String line : Files.readAllLines(unit)) {
            String trimmed = line.strip();
            if (trimmed.isEmpty() || trimmed.startsWith("#") || trimmed.startsWith(";")) {
                continue;
            }
            if (trimmed.startsWith("[")) {
                section = trimmed.substring(1, trimmed.length() - 1);
                continue;
            }
            int equals = trimmed.indexOf('=');
            settings.computeIfAbsent(section + "." + trimmed.substring(0, equals).strip(), key -> new ArrayList<>())
                    .add(trimmed.substring(equals + 1).strip());
        }
        return settings;
    }

    private static List<String> crontabEntries() throws IOException {
        return Files.readAllLines(CRONTAB).stream().map(String::strip)
                .filter(line -> !line.isEmpty() && !line.startsWith("#")).toList();
    }

    private static List<String> words(String command) {
        return List.of(command.strip().split("\\s+"));
    }

    private static CronJob cronJob() throws IOException {
        return readCronJob(CRONJOB);
    }

    private static CronJob readCronJob(Path manifest) throws IOException {
        return new YAMLMapper().readValue(Files.readString(manifest), CronJob.class);
    }

    /**
     * Kubernetes' model classes keep a field they do not have in additionalProperties instead of
     * failing: a misspelled field would be dropped silently by the API server, so none may be there.
     */
    private static void collectUnknownFields(Object node, String path, List<String> unknown) throws Exception {
        if (node instanceof Collection<?> items) {
            int index = 0;
            for (Object item : items) {
                collectUnknownFields(item, path + "[" + index++ + "]", unknown);
            }
            return;
        }
        if (node == null || !node.getClass().getPackageName().startsWith("io.fabric8.kubernetes.api.model")) {
            return;
        }
        for (Method getter : node.getClass().getMethods()) {
            if (getter.getParameterCount() > 0 || !getter.getName().startsWith("get")) {
                continue;
            }
            String field = path + "." + getter.getName().substring(3, 4).toLowerCase() + getter.getName().substring(4);
            if (getter.getName().equals("getAdditionalProperties")) {
                ((Map<?, ?>) getter.invoke(node)).keySet().forEach(key -> unknown.add(path + "." + key));
            }
            else if (Collection.class.isAssignableFrom(getter.getReturnType())
                    || getter.getReturnType().getPackageName().startsWith("io.fabric8.kubernetes.api.model")) {
                collectUnknownFields(getter.invoke(node), field, unknown);
            }
        }
    }
}
