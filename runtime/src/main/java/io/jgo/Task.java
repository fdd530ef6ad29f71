package io.jgo;

/**
 * A call of a {@code @Go} method that has not started yet: what a generated entry point such as
 * {@code PipelineGo.sum(ch)} returns. Start it with {@link Jgo#run(Task)} (wait for its result on
 * this thread), {@link Jgo#go(Task)} (a new goroutine) or {@link Jgo#start(Task)} (a future).
 *
 * <p>A task is one activation: it can be started once. Only the processor's generated frames
 * implement it.
 *
 * @param <R> the method's result type ({@code Void} for a {@code void} method)
 */
public interface Task<R> {
}
