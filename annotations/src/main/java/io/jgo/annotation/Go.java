package io.jgo.annotation;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a method whose body runs as a goroutine: jgo's annotation processor compiles it into a
 * continuation class that suspends, instead of blocking a thread, at channel operations,
 * {@code select}, sleeps, locks and calls to other {@code @Go} methods.
 *
 * <p>The method stays ordinary Java: called directly from a plain thread it runs as written and
 * its channel operations block that thread. Plain code starts it as a goroutine through the
 * generated entry point {@code <Class>Go.<method>(...)}, for example
 * {@code Jgo.run(PipelineGo.sum(ch))}.
 *
 * <p>Retention is {@code CLASS} so that the processor also recognises {@code @Go} methods of
 * other jars when they are called from {@code @Go} code; nothing reads it at run time.
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.METHOD)
public @interface Go {
}
