package com.marketplace.refunds.cli;

import com.marketplace.refunds.nightly.UsageException;
import com.sun.security.auth.module.UnixSystem;

/**
 * Who a person on the command line is: the name of the operating-system user the process runs as,
 * looked up from its user id (never from $USER or another environment variable, which anybody can
 * set). That name must have an account (users add).
 */
final class OsUser {

    private OsUser() {
    }

    static String name() {
        try {
            String name = new UnixSystem().getUsername();
            if (name == null || name.isBlank()) {
                throw new UsageException("the operating-system user running this command has no name to act under");
            }
            return name;
        }
        catch (UnsatisfiedLinkError | NoClassDefFoundError | SecurityException e) {
            throw new UsageException("cannot tell which operating-system user runs this command: " + e.getMessage());
        }
    }
}
