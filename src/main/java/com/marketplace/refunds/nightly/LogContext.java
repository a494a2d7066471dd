package com.marketplace.refunds.nightly;

import org.slf4j.MDC;
import org.springframework.batch.core.ExitStatus;
import org.springframework.batch.core.listener.StepExecutionListener;
import org.springframework.batch.core.step.AbstractStep;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.beans.factory.config.BeanPostProcessor;

import com.marketplace.refunds.shared.RunParameters;

/**
 * Puts the business date and the step into the logging context (MDC) of the thread that runs each
 * step, partitions included, and takes them out when it ends, so every line a step logs carries them:
 * as fields of each line with structured logs ({@code logging.structured.format.console=ecs}).
 * The human console pattern stays as it is.
 */
class LogContext implements StepExecutionListener, BeanPostProcessor {

    static final String BUSINESS_DATE = "business_date";
    static final String STEP = "step";

    @Override
    public Object postProcessAfterInitialization(Object bean, String beanName) {
        if (bean instanceof AbstractStep step) {
            step.registerStepExecutionListener(this);
        }
        return bean;
    }

    @Override
    public void beforeStep(StepExecution stepExecution) {
        Object date = stepExecution.getJobParameters().getLocalDate(RunParameters.BUSINESS_DATE);
        if (date != null) {
            MDC.put(BUSINESS_DATE, date.toString());
        }
        MDC.put(STEP, stepExecution.getStepName());
    }

    /** The date stays: the runner logs more for it after the step, and the next run's steps replace it. */
    @Override
    public ExitStatus afterStep(StepExecution stepExecution) {
        MDC.remove(STEP);
        return null;
    }
}
