package io.jgo.processor.analyse;

import javax.lang.model.element.ExecutableElement;
import javax.lang.model.type.TypeMirror;

/**
 * A point where a goroutine may suspend.
 *
 * @param kind     what suspends there
 * @param callee   the invoked method (TWIN, GO_CALL); null for RANGE
 * @param resultType the instantiated result type at this site (the invocation's type, or the
 *                 range loop's element type); VOID for void calls
 */
public record Suspension(Kind kind, ExecutableElement callee, TypeMirror resultType) {

    public enum Kind {
        /** A call of a runtime method annotated {@code @Suspending}: becomes a call of its twin. */
        TWIN,
        /** A call of another {@code @Go} method: becomes {@code call(...)} of its frame. */
        GO_CALL,
        /** {@code for (T v : ch)} over a channel: {@code ch.rangeNext(frame)}. */
        RANGE
    }
}
