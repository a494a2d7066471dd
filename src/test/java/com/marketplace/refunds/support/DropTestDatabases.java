package com.marketplace.refunds.support;

import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestPlan;

/**
 * When a test plan ends (under Surefire, each test class), drops every database and role its tests
 * made through {@link TestDatabase}, so the suite leaves nothing behind on the server. A listener of
 * the JUnit Platform (registered in META-INF/services) rather than a shutdown hook: Surefire kills a
 * fork that has not ended 30 s after its last test, and shutdown hooks race each other.
 */
public class DropTestDatabases implements TestExecutionListener {

    @Override
    public void testPlanExecutionFinished(TestPlan testPlan) {
        TestDatabase.dropWhatWasMade();
    }
}
