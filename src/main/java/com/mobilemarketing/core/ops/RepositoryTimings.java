package com.mobilemarketing.core.ops;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.lang.reflect.Method;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.aopalliance.intercept.MethodInterceptor;
import org.aopalliance.intercept.MethodInvocation;
import org.springframework.aop.framework.autoproxy.AbstractBeanFactoryAwareAdvisingPostProcessor;
import org.springframework.aop.support.DefaultPointcutAdvisor;
import org.springframework.aop.support.annotation.AnnotationMatchingPointcut;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Repository;

/**
 * Times every public call of every {@code @Repository} as {@code app.repository.calls} tagged with
 * the repository and the operation (its method), whatever SQL it runs, so a slow screen or a slow
 * callback shows which query it waits for. The timer of a method is looked up once and kept: a call
 * costs two clock reads and a counter update, cheap enough for the callback path.
 */
public class RepositoryTimings extends AbstractBeanFactoryAwareAdvisingPostProcessor {

    public static final String METER = "app.repository.calls";

    public RepositoryTimings(ObjectProvider<MeterRegistry> registry) {
        setProxyTargetClass(true);
        setBeforeExistingAdvisors(true);
        this.advisor = new DefaultPointcutAdvisor(
                new AnnotationMatchingPointcut(Repository.class, true), new Interceptor(registry));
    }

    private static final class Interceptor implements MethodInterceptor {

        private final ObjectProvider<MeterRegistry> registryProvider;
        private final Map<Method, Timer> timers = new ConcurrentHashMap<>();
        private volatile MeterRegistry registry;

        Interceptor(ObjectProvider<MeterRegistry> registryProvider) {
            this.registryProvider = registryProvider;
        }

        @Override
        public Object invoke(MethodInvocation invocation) throws Throwable {
            var method = invocation.getMethod();
            if (method.getDeclaringClass() == Object.class) {
                return invocation.proceed();
            }
            var timer = timers.get(method);
            if (timer == null) {
                timer = timers.computeIfAbsent(method, this::timer);
            }
            long start = System.nanoTime();
            try {
                return invocation.proceed();
            } finally {
                timer.record(System.nanoTime() - start, java.util.concurrent.TimeUnit.NANOSECONDS);
            }
        }

        private Timer timer(Method method) {
            var current = registry;
            if (current == null) {
                current = registryProvider.getObject();
                registry = current;
            }
            return Timer.builder(METER)
                    .description("Calls of repository operations (their SQL included)")
                    .tag("repository", method.getDeclaringClass().getSimpleName())
                    .tag("operation", method.getName())
                    .register(current);
        }
    }
}
