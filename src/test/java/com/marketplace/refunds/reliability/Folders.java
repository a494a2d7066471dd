package com.marketplace.refunds.reliability;

import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

import com.opencsv.CSVReaderBuilder;
import com.opencsv.RFC4180ParserBuilder;
import com.opencsv.exceptions.CsvException;

/** Files a run leaves behind, for comparing byte for byte. */
final class Folders {

    private Folders() {
    }

    /**
     * Every file under the folder (hidden and partial ones included) by relative name, with its
     * bytes as ISO-8859-1 text: equal maps mean byte-identical trees. Empty if the folder is absent.
     * But run-summary.json: it tells how the last attempt went (its steps, its times), so a run
     * restarted after a crash and an uninterrupted one rightly write different ones.
     */
    static Map<String, String> contents(Path folder) {
        Map<String, String> files = everyFile(folder);
        files.keySet().removeIf(name -> Path.of(name).getFileName().toString().equals("run-summary.json"));
        return files;
    }

    /** Every file under the folder, run-summary.json included: for searching what no output may hold. */
    static Map<String, String> everyFile(Path folder) {
        Map<String, String> files = new TreeMap<>();
        if (!Files.exists(folder)) {
            return files;
        }
        try (Stream<Path> all = Files.walk(folder)) {
            for (Path file : all.filter(Files::isRegularFile).toList()) {
                files.put(folder.relativize(file).toString(),
                        new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1));
            }
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return files;
    }

    /** Every file under the folder with its size and modification time: unchanged means not rewritten. */
    static Map<String, String> stamps(Path folder) {
        Map<String, String> stamps = new TreeMap<>();
        try (Stream<Path> all = Files.walk(folder)) {
            for (Path file : all.filter(Files::isRegularFile).toList()) {
                stamps.put(folder.relativize(file).toString(),
                        Files.size(file) + " bytes, modified " + Files.getLastModifiedTime(file));
            }
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return stamps;
    }

    /** All the text of every file under the folders, for searching. */
    static String allText(Path... folders) {
        StringBuilder text = new StringBuilder();
        for (Path folder : folders) {
            everyFile(folder).forEach((name, content) -> text.append("== ").append(name).append('\n')
                    .append(new String(content.getBytes(StandardCharsets.ISO_8859_1), StandardCharsets.UTF_8))
                    .append('\n'));
        }
        return text.toString();
    }

    static String read(Path file) {
        try {
            return Files.readString(file);
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The records of a CSV file the product wrote, parsed as RFC 4180, the header included. */
    static List<String[]> csv(Path file) {
        try (var reader = new CSVReaderBuilder(new StringReader(read(file)))
                .withCSVParser(new RFC4180ParserBuilder().build()).build()) {
            return reader.readAll();
        }
        catch (IOException | CsvException e) {
            throw new IllegalStateException("cannot parse " + file, e);
        }
    }

    /** A file of src/test/resources. */
    static String resource(String name) {
        try (var in = Folders.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalArgumentException("no test resource " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
