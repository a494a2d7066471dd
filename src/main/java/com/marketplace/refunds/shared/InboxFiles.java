package com.marketplace.refunds.shared;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;

/**
 * Nothing is read from outside the inbox: a file of a drop (an extract, the control file, a
 * processor report) whose real path, every symbolic link followed, leaves the inbox's real path
 * fails the run, naming the link and never what it leads to (that file's text could end in a log).
 */
public final class InboxFiles {

    private InboxFiles() {
    }

    /**
     * The file, once it is known to stay inside the inbox; a missing file is returned as it is
     * (the caller says what is missing), a link that leads out fails with an {@link ExplainedFailure}.
     */
    public static Path inside(Path inbox, Path file) {
        if (!Files.exists(file, LinkOption.NOFOLLOW_LINKS)) {
            return file;
        }
        try {
            Path root = inbox.toRealPath();
            if (!Files.exists(file) || !file.toRealPath().startsWith(root)) {
                throw new ExplainedFailure(file + " is a symbolic link that leads outside the inbox " + inbox
                        + " (or nowhere); nothing is read from outside the inbox. Replace the link with the file itself");
            }
            return file;
        }
        catch (IOException e) {
            throw new ExplainedFailure("cannot resolve " + file + " inside the inbox " + inbox + ": "
                    + e.getClass().getSimpleName() + "; check the drop's folder", e);
        }
    }
}
