package dev.tributary.segmentation.evaluation;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.scheduling.annotation.SchedulingConfigurer;
import org.springframework.scheduling.concurrent.ThreadPoolTaskExecutor;
import org.springframework.scheduling.config.ScheduledTaskRegistrar;

@Configuration(proxyBeanMethods = false)
@EnableScheduling
class EvaluationConfiguration {

    @Bean
    ThreadPoolTaskExecutor evaluationExecutor(BatchEvaluationProperties schedule) {
        ThreadPoolTaskExecutor executor = new ThreadPoolTaskExecutor();
        executor.setCorePoolSize(schedule.threads());
        executor.setMaxPoolSize(schedule.threads());
        executor.setThreadNamePrefix("segment-evaluation-");
        executor.setWaitForTasksToCompleteOnShutdown(true);
        executor.setAwaitTerminationSeconds(30);
        return executor;
    }

    /** The periodic work: due schedules and full time re-checks, and the frequent member re-check. */
    @Bean
    SchedulingConfigurer evaluationSchedules(SegmentEvaluations evaluations, TimeRechecks rechecks,
                                             BatchEvaluationProperties schedule, TimeEvaluationProperties time) {
        return (ScheduledTaskRegistrar registrar) -> {
            registrar.addFixedDelayTask(guarded("due evaluations", evaluations::runDue), schedule.pollInterval());
            registrar.addFixedDelayTask(guarded("time re-check", rechecks::recheckTimeDependent), time.recheckInterval());
        };
    }

    /** A failing round is logged and retried on the next tick instead of cancelling the schedule. */
    private static Runnable guarded(String what, Runnable task) {
        return () -> {
            try {
                task.run();
            } catch (RuntimeException e) {
                org.slf4j.LoggerFactory.getLogger(EvaluationConfiguration.class).warn("Scheduled {} failed", what, e);
            }
        };
    }
}
