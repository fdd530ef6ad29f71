package io.jgo.internal;

import io.jgo.runtime.Frame;

/**
 * The scheduler's access to the parts of {@link Frame} that are not its public contract: the
 * goroutine a frame runs in, its {@code resume}, and the dump's hints. {@code Frame} lives in the
 * exported package {@code io.jgo.runtime}, the scheduler in this one, which is not exported; so
 * {@code Frame} hands an implementation of this class over when it is initialized (the JDK's
 * "shared secrets" pattern) instead of making those members public.
 *
 * <p>Invariant: {@link #access()} returns the one instance {@code Frame} installed. Its holder's
 * initializer initializes {@code Frame} first, so it is never null (the holder is a class of its
 * own because {@code Frame}'s initializer calls {@link #install} on this one); being a static
 * final, the JIT folds it and inlines the single implementation's methods.
 */
public abstract class Frames {
    private static Frames installed;

    private static final class Holder {
        static final Frames ACCESS = load();

        private static Frames load() {
            try {
                Class.forName(Frame.class.getName(), true, Frames.class.getClassLoader());
            } catch (ClassNotFoundException e) {
                throw new ExceptionInInitializerError(e);
            }
            synchronized (Frames.class) {
                if (installed == null) {
                    throw new IllegalStateException("io.jgo.runtime.Frame did not install its access");
                }
                return installed;
            }
        }
    }

    /** The implementation {@code Frame} installed. */
    public static Frames access() {
        return Holder.ACCESS;
    }

    /** Called once, by {@code Frame}'s static initializer; later calls are refused. */
    public static void install(Frames access) {
        synchronized (Frames.class) {
            if (installed != null) {
                throw new IllegalStateException("frame access is installed already");
            }
            installed = access;
        }
    }

    protected Frames() {
    }

    /** Runs the frame's state machine ({@code Frame.resume}). */
    public abstract Object resume(Frame<?> f, Object value, Throwable error) throws Throwable;

    /** The goroutine {@code f} runs in; null before it started. */
    public abstract G goroutine(Frame<?> f);

    /** Makes {@code g} the goroutine of the root frame {@code f}, which must not have started. */
    public abstract void bind(Frame<?> f, G g);

    /** True for a runtime frame that waits on its caller's behalf (dumps skip it). */
    public abstract boolean waitsForCaller(Frame<?> f);

    /** The goroutine {@code f} runs in; null before it started. */
    public static G goroutineOf(Frame<?> f) {
        return Holder.ACCESS.goroutine(f);
    }
}
