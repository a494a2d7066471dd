package com.marketplace.refunds.shared;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

/**
 * Folders and files that hold buyer ids, amounts or raw rejected rows are readable by their owner
 * only: {@code 0700} folders, {@code 0600} files, from the moment they exist (never created open
 * and narrowed afterwards).
 */
public final class OwnerOnly {

    private static final Set<PosixFilePermission> FILE = PosixFilePermissions.fromString("rw-------");
    private static final Set<PosixFilePermission> FOLDER = PosixFilePermissions.fromString("rwx------");

    private OwnerOnly() {
    }

    /**
     * Creates the folder and any missing parent owner-only, and makes the folder itself owner-only
     * if it existed already; a parent that existed keeps its permissions (the operator's choice).
     * Threads (or processes) making the same folder at once all find it made.
     */
    public static Path folders(Path folder) throws IOException {
        if (!Files.isDirectory(folder)) {
            Path parent = folder.toAbsolutePath().getParent();
            if (parent != null && !Files.isDirectory(parent)) {
                folders(parent);
            }
            try {
                Files.createDirectory(folder, PosixFilePermissions.asFileAttribute(FOLDER));
            }
            catch (FileAlreadyExistsException e) {
                if (!Files.isDirectory(folder)) {
                    throw e;
                }
            }
        }
        Files.setPosixFilePermissions(folder, FOLDER);
        return folder;
    }

    /**
     * Replaces the file with these bytes, owner-only, its folders made owner-only too: written under
     * {@code <name>.partial} first and moved over the name in one step, so a reader never sees half.
     * For a report, which each attempt writes again; never for a published settlement file (those are
     * linked into place and never replaced).
     */
    public static void replace(Path target, byte[] bytes) {
        Path partial = target.resolveSibling(target.getFileName() + ".partial");
        try {
            folders(target.getParent());
            try (FileChannel file = newFile(partial)) {
                file.write(ByteBuffer.wrap(bytes));
            }
            Files.move(partial, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        }
        catch (IOException e) {
            throw new UncheckedIOException("cannot write " + target, e);
        }
    }

    /** A new, empty file, owner-only; whatever stood under its name before is removed first. */
    public static FileChannel newFile(Path file) throws IOException {
        Files.deleteIfExists(file);
        return FileChannel.open(file, Set.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE),
                PosixFilePermissions.asFileAttribute(FILE));
    }
}
