package io.jgo.test;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Runs each test method in a fresh jgo runtime of its own, on a virtual clock, and fails the test
 * when it leaks goroutines, when a goroutine panics, when its goroutines deadlock (even while the
 * test's own thread holds the channel), or when it runs out of time (with a dump of every
 * goroutine). On a class, it applies to every test method; on a method, its attributes replace
 * the class's.
 *
 * <p>Inside the test, the static {@code io.jgo.Jgo} API ({@code run}, {@code go}, {@code sleep},
 * {@code after}, {@code now}, ...) uses the test's runtime, also on the test's own thread. A
 * parameter of type {@code io.jgo.GoRuntime} receives that runtime (for {@code advanceTime} and
 * the like).
 *
 * <pre>{@code
 * @GoTest
 * class LimiterTest {
 *     @Test
 *     void fiveRequestsAMinute(GoRuntime rt) {
 *         int served = Jgo.run(LimiterGo.serveFor(Duration.ofHours(1))); // an hour, in milliseconds
 *         assertEquals(300, served);
 *     }
 * }
 * }</pre>
 */
@Documented
@Inherited
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.METHOD})
@ExtendWith(GoTestExtension.class)
public @interface GoTest {
    /** {@link #seed()}'s value when no seed is given. */
    long NO_SEED = Long.MIN_VALUE;

    /**
     * Real time the test may take, in seconds; past it the test fails with a dump of every
     * goroutine and of the test's thread. 0: the system property {@code jgo.test.timeout}
     * (seconds), else 30.
     */
    long timeoutSeconds() default 0;

    /** Run on a virtual clock (the default), or on the real one. */
    boolean virtualTime() default true;

    /** Goroutines may still exist when the test ends (for those meant to stay); default: a leak fails the test. */
    boolean allowLeaks() default false;

    /** GOMAXPROCS of the test's runtime (a seeded runtime always has one P). */
    int gomaxprocs() default 2;

    /**
     * A reproducible schedule from this seed: one P, and the next goroutine to run and a
     * {@code select}'s case chosen by the seed. A failing seeded test prints its seed.
     */
    long seed() default NO_SEED;

    /**
     * Runs the test this many times, each under its own seed ({@link #seed()} and up, or from a
     * random start), and fails with the first seed that fails, for replay with {@link #seed()}.
     */
    int explore() default 0;
}
