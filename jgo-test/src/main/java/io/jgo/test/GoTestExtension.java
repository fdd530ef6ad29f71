package io.jgo.test;

import io.jgo.GoRuntime;
import java.lang.reflect.Method;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.InvocationInterceptor;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.jupiter.api.extension.ReflectiveInvocationContext;
import org.junit.platform.commons.support.AnnotationSupport;

/**
 * The JUnit 5 extension behind {@link GoTest}: each test method runs in a runtime of its own on a
 * thread bound to it, through {@link GoTests}.
 */
public final class GoTestExtension implements InvocationInterceptor, ParameterResolver {
    private static final ExtensionContext.Namespace NS = ExtensionContext.Namespace.create(GoTestExtension.class);

    /** Made by JUnit for {@link GoTest}. */
    public GoTestExtension() {
    }

    /** The runtime of one test invocation and the panics its goroutines raised. */
    private static final class TestRuntime {
        final List<Throwable> panics = Collections.synchronizedList(new ArrayList<>());
        final GoTests.Options options;
        final GoRuntime rt;

        TestRuntime(GoTests.Options options) {
            this.options = options;
            this.rt = options.newRuntime(panics);
        }
    }

    static GoTest settings(ExtensionContext ctx) {
        Optional<Method> m = ctx.getTestMethod();
        if (m.isPresent()) {
            Optional<GoTest> own = AnnotationSupport.findAnnotation(m.get(), GoTest.class);
            if (own.isPresent()) {
                return own.get();
            }
        }
        return ctx.getTestClass().flatMap(c -> AnnotationSupport.findAnnotation(c, GoTest.class))
                .orElseThrow(() -> new IllegalStateException("GoTestExtension needs @GoTest on the test or its class"));
    }

    static GoTests.Options options(GoTest t, ExtensionContext ctx) {
        GoTests.Options o = GoTests.options().virtualTime(t.virtualTime()).allowLeaks(t.allowLeaks())
                .gomaxprocs(t.gomaxprocs()).name("jgo-test-" + ctx.getRequiredTestMethod().getName());
        if (t.timeoutSeconds() > 0) {
            o.timeout(Duration.ofSeconds(t.timeoutSeconds()));
        }
        if (t.seed() != GoTest.NO_SEED) {
            o.seed(t.seed());
        }
        return o;
    }

    private static TestRuntime runtimeOf(ExtensionContext ctx) {
        return ctx.getStore(NS).getOrComputeIfAbsent("runtime",
                k -> new TestRuntime(options(settings(ctx), ctx)), TestRuntime.class);
    }

    @Override
    public boolean supportsParameter(ParameterContext p, ExtensionContext ctx) {
        return p.getParameter().getType() == GoRuntime.class;
    }

    @Override
    public Object resolveParameter(ParameterContext p, ExtensionContext ctx) throws ParameterResolutionException {
        return runtimeOf(ctx).rt;
    }

    @Override
    public void interceptTestMethod(Invocation<Void> invocation, ReflectiveInvocationContext<Method> call,
            ExtensionContext ctx) throws Throwable {
        GoTest t = settings(ctx);
        if (t.explore() > 0) {
            invocation.skip();
            // The resolved runtime (if any) was for one run; each seed gets its own.
            TestRuntime resolved = ctx.getStore(NS).remove("runtime", TestRuntime.class);
            if (resolved != null) {
                resolved.rt.shutdown();
            }
            GoTests.explore(options(t, ctx), t.explore(), rt -> invokeWith(call, rt));
            return;
        }
        TestRuntime tr = runtimeOf(ctx);
        GoTests.run(tr.options, tr.rt, tr.panics, rt -> invocation.proceed());
    }

    /** Calls the test method again, with {@code rt} for its runtime parameter. */
    private static void invokeWith(ReflectiveInvocationContext<Method> call, GoRuntime rt) throws Throwable {
        Object[] args = call.getArguments().toArray();
        Class<?>[] types = call.getExecutable().getParameterTypes();
        for (int i = 0; i < args.length; i++) {
            if (types[i] == GoRuntime.class) {
                args[i] = rt;
            }
        }
        Method m = call.getExecutable();
        m.setAccessible(true);
        try {
            m.invoke(call.getTarget().orElse(null), args);
        } catch (java.lang.reflect.InvocationTargetException e) {
            throw e.getCause();
        }
    }
}
