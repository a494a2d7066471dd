package com.marketplace.refunds.shared;

import java.io.BufferedWriter;
import java.io.Closeable;
import java.io.FilterInputStream;
import java.io.FilterWriter;
import java.io.IOException;
import java.io.InputStream;
import java.io.Writer;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * A temporary file that is never left in the temporary folder ({@code java.io.tmpdir}): made readable
 * by its owner only, opened, and taken out of the folder at once, so it lives only as long as this
 * process holds it open. A process that dies, even killed with SIGKILL, leaves nothing of what it
 * wrote (payment references, buyers) on disk, and nobody has to clean up after it. Where the file
 * system refuses to remove an open file, it is removed on close instead, as before.
 * Written once through {@link #writer()} (or {@link #write(byte[], int)}), then read back from the start through
 * {@link #rewound()}.
 */
public final class ScratchFile implements Closeable {

    /** Owner-only where the file system has POSIX permissions (decided once, as the JDK's own temporary files do). */
    private static final FileAttribute<?>[] OWNER_ONLY =
            FileSystems.getDefault().supportedFileAttributeViews().contains("posix")
                    ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------"))}
                    : new FileAttribute<?>[0];

    private final Path file;
    private final FileChannel channel;
    private final boolean unlinked;
    private final Writer writer;

    private ScratchFile(Path file) throws IOException {
        this.file = file;
        this.channel = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE);
        this.unlinked = unlink(file);
        // closing what is written or read keeps the file: close() ends it
        this.writer = new FilterWriter(new BufferedWriter(Channels.newWriter(channel, StandardCharsets.UTF_8), 1 << 16)) {
            @Override
            public void close() throws IOException {
                flush();
            }
        };
    }

    /** A new, empty file, readable and writable by its owner only; {@code prefix} starts its name. */
    public static ScratchFile create(String prefix) throws IOException {
        Path file = Files.createTempFile(prefix + "-", ".csv", OWNER_ONLY);
        try {
            return new ScratchFile(file);
        }
        catch (IOException | RuntimeException e) {
            Files.deleteIfExists(file); // not opened: nothing holds it
            throw e;
        }
    }

    /** Bytes written as they are, after what was written before (a file takes bytes here or text through {@link #writer()}, not both). */
    public void write(byte[] bytes, int length) throws IOException {
        ByteBuffer buffer = ByteBuffer.wrap(bytes, 0, length);
        while (buffer.hasRemaining()) {
            channel.write(buffer);
        }
    }

    /** UTF-8, buffered; closing it flushes it and keeps the file. */
    public Writer writer() {
        return writer;
    }

    /** Everything written, from the start; closing the stream keeps the file. */
    public InputStream rewound() throws IOException {
        writer.flush();
        channel.position(0);
        return new FilterInputStream(Channels.newInputStream(channel)) {
            @Override
            public void close() {
                // close() of the scratch file ends it
            }
        };
    }

    /** Bytes written so far (after a flush). */
    public long size() throws IOException {
        writer.flush();
        return channel.size();
    }

    private static boolean unlink(Path file) {
        try {
            Files.delete(file);
            return true;
        }
        catch (IOException e) {
            return false;
        }
    }

    @Override
    public void close() throws IOException {
        try {
            channel.close();
        }
        finally {
            if (!unlinked) {
                Files.deleteIfExists(file);
            }
        }
    }
}
