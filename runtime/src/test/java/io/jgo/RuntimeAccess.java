package io.jgo;

import io.jgo.internal.Sched;

/** Test access to the scheduler behind a {@link GoRuntime} (package-private in production code). */
public final class RuntimeAccess {
    private RuntimeAccess() {
    }

    public static Sched sched(GoRuntime rt) {
        return rt.sched;
    }

    /** The default runtime's scheduler. */
    public static Sched defaultSched() {
        return GoRuntime.defaultRuntime().sched;
    }
}
