package io.jgo.runtime;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a blocking runtime method {@code R m(A1 a1, ..., An an)} that has a <em>suspending twin</em>
 * {@code Object m(A1 a1, ..., An an, Frame<?> frame)} on the same type.
 *
 * <p>The blocking form is what users write and what runs on a plain thread: it blocks the thread.
 * Inside {@code @Go} code the processor replaces each call to a method carrying this annotation
 * (found by resolved symbol, never by name) with a call to its twin, which either completes at
 * once and returns the result (boxed; {@code null} for {@code void}), or parks the frame's
 * goroutine and returns {@link Frame#SUSPENDED}. When the goroutine is readied, its frame is
 * resumed with the result, or with the exception the operation ended in.
 *
 * <p>Retention is {@code CLASS}: the processor reads it from the runtime jar; nothing reads it at
 * run time.
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.METHOD)
public @interface Suspending {
}
