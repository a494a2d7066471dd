package com.marketplace.refunds.reconciliation.internal;

import com.marketplace.refunds.shared.ExplainedFailure;

/**
 * A processor report that cannot be read as its layout says. The run stops before any of the
 * processor reports is applied; the message names the file, the line and the problem.
 */
public class ReportUnreadableException extends ExplainedFailure {

    private final String reportFile;
    private final int line;

    public ReportUnreadableException(String reportFile, int line, String problem) {
        this(reportFile, line, problem, null);
    }

    public ReportUnreadableException(String reportFile, int line, String problem, Throwable cause) {
        super("processor report " + reportFile + ", line " + line + ": " + problem
                + "; nothing of this run was applied: have the report corrected or delivered again,"
                + " then run the same date again", cause);
        this.reportFile = reportFile;
        this.line = line;
    }

    public String reportFile() {
        return reportFile;
    }

    public int line() {
        return line;
    }
}
