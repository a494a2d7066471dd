package com.marketplace.refunds.support;

import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;

import com.marketplace.refunds.RefundSettlementApplication;

/**
 * How a child JVM of the tests is started: the test's class path with its class folders packed into
 * one jar, and a class-data sharing archive of a run that started the whole application once. The
 * suite starts well over a hundred child JVMs; each then loads its classes from the archive instead
 * of parsing and verifying them, about a third less CPU per start on a machine of two cores. If the
 * archive cannot be made, children start without it, as before. One jar and one archive per test
 * JVM (two test JVMs run at once), under {@code target/child-jvm/}.
 */
final class ChildJvm {

    static final List<String> BASE_OPTIONS = List.of("-Xmx512m",
            "-XX:TieredStopAtLevel=1", // starts faster; these runs are small
            "-XX:+UseSerialGC");

    private static List<String> classPathOptions;

    private ChildJvm() {
    }

    /** {@code -cp ...}, preceded by the archive's options when there is one. */
    static synchronized List<String> classPathOptions() {
        if (classPathOptions == null) {
            classPathOptions = prepare();
        }
        return classPathOptions;
    }

    private static List<String> prepare() {
        Path folder = Path.of("target", "child-jvm", String.valueOf(ProcessHandle.current().pid())).toAbsolutePath();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> deleteRecursively(folder)));
        String classPath;
        try {
            classPath = packedClassPath(folder);
        }
        catch (IOException e) {
            return List.of("-cp", System.getProperty("java.class.path"));
        }
        Path archive = folder.resolve("classes.jsa");
        List<String> options = new ArrayList<>();
        if (Files.exists(archive) || dumped(archive, classPath, folder)) {
            options.add("-XX:SharedArchiveFile=" + archive);
            // a child whose archive does not fit starts without it: no warning in the output a test reads
            options.add("-Xlog:cds=off");
            options.add("-Xlog:cds+dynamic=off");
        }
        options.add("-cp");
        options.add(classPath);
        return List.copyOf(options);
    }

    /** The class path with every folder on it packed into one jar (an archive takes jars only). */
    private static String packedClassPath(Path folder) throws IOException {
        Files.createDirectories(folder);
        Path jar = folder.resolve("classes.jar");
        List<String> entries = new ArrayList<>();
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar))) {
            Set<String> seen = new HashSet<>();
            for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
                Path path = Path.of(entry);
                if (Files.isDirectory(path)) {
                    pack(path, out, seen);
                }
                else if (!entry.isBlank()) {
                    entries.add(entry);
                }
            }
        }
        entries.add(0, jar.toString());
        return String.join(File.pathSeparator, entries);
    }

    /** Folders as entries of their own too: Flyway and Spring find {@code db/migration} by its folder. */
    private static void pack(Path root, JarOutputStream out, Set<String> seen) throws IOException {
        try (Stream<Path> files = Files.walk(root)) {
            for (Path file : files.filter(path -> !path.equals(root)).sorted().toList()) {
                String name = root.relativize(file).toString().replace(File.separatorChar, '/');
                boolean folder = Files.isDirectory(file);
                if (seen.add(folder ? name + "/" : name)) { // the first folder on the class path wins, as it would
                    out.putNextEntry(new JarEntry(folder ? name + "/" : name));
                    if (!folder) {
                        Files.copy(file, out);
                    }
                    out.closeEntry();
                }
            }
        }
    }

    private static void deleteRecursively(Path folder) {
        try (Stream<Path> paths = Files.walk(folder)) {
            for (Path path : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        }
        catch (IOException e) {
            // target/ is cleaned by the next build anyway
        }
    }

    /** Starts the application once, as far as a nightly run whose drop has not come, and keeps its classes. */
    private static boolean dumped(Path archive, String classPath, Path folder) {
        String database = TestDatabase.fresh("child_jvm_" + ProcessHandle.current().pid());
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(BASE_OPTIONS);
        command.addAll(List.of("-XX:ArchiveClassesAtExit=" + archive, "-Xlog:disable", "-cp", classPath,
                RefundSettlementApplication.class.getName(), "nightly", "--business-date=2000-01-03",
                "--inbox=" + folder.resolve("inbox"), "--outbox=" + folder.resolve("outbox"),
                "--reports=" + folder.resolve("reports")));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD);
        builder.environment().put("SPRING_DATASOURCE_URL", database);
        builder.environment().put("SPRING_DATASOURCE_USERNAME", TestDatabase.USER);
        try {
            Process process = builder.start();
            try (OutputStream in = process.getOutputStream()) {
                // nothing to say to it
            }
            if (!process.waitFor(120, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        finally {
            TestDatabase.drop(database);
        }
        return Files.exists(archive);
    }
}
