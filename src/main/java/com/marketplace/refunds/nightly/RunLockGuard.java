package com.marketplace.refunds.nightly;

import org.springframework.batch.core.listener.StepExecutionListener;
import org.springframework.batch.core.step.AbstractStep;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.beans.factory.config.BeanPostProcessor;

/**
 * Before every step of a run: is the run lock still held? Registered on every step of the
 * application, so no feature has to remember it. Outside a run (a test driving the job directly)
 * there is no lock to check.
 */
final class RunLockGuard implements StepExecutionListener, BeanPostProcessor {

    @Override
    public void beforeStep(StepExecution stepExecution) {
        RunLock lock = RunLock.current();
        if (lock != null) {
            lock.assertHeld();
        }
    }

    @Override
    public Object postProcessAfterInitialization(Object bean, String beanName) {
        if (bean instanceof AbstractStep step) {
            step.registerStepExecutionListener(this);
        }
        return bean;
    }
}
