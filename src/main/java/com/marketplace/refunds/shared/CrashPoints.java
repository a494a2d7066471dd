package com.marketplace.refunds.shared;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Named places where the crash tests kill the process. Inert unless the system property
 * {@code refunds.crash-at} names the point: then the process says so on standard output and
 * waits there, for the test to send SIGKILL at exactly that moment.
 */
public final class CrashPoints {

    private static final Logger log = LoggerFactory.getLogger(CrashPoints.class);
    private static final String PROPERTY = "refunds.crash-at";
    public static final String REACHED = "CRASH POINT REACHED: ";

    private CrashPoints() {
    }

    public static void reach(String name) {
        if (name.equals(System.getProperty(PROPERTY))) {
            log.warn("Crash point {} reached; waiting to be killed", name);
            System.out.println(REACHED + name);
            System.out.flush();
            while (true) {
                try {
                    Thread.sleep(60_000);
                }
                catch (InterruptedException e) {
                    // a crash test kills the process here; nothing to resume
                }
            }
        }
    }
}
