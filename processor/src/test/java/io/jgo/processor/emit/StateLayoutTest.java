package io.jgo.processor.emit;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.palantir.javapoet.CodeBlock;
import io.jgo.processor.lower.StateMachine;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The order in which the emitter places a frame's states (see {@code GoClassEmitter.layout}). */
class StateLayoutTest {

    /** States {@code (id, next)} in label order, as the lowering builds them. */
    private static List<StateMachine.State> states(int[]... idNext) {
        List<StateMachine.State> out = new ArrayList<>();
        for (int[] s : idNext) {
            out.add(new StateMachine.State(s[0], 1, null, CodeBlock.of(""), s[1]));
        }
        return out;
    }

    private static List<Integer> ids(List<StateMachine.State> order) {
        return order.stream().map(StateMachine.State::id).toList();
    }

    @Test
    void aLoopBodyFollowsItsSuspensionAndTheBackEdgeDoesNotPullTheHead() {
        // entry 0 -> head 1; 1 suspends, resumes at 4; 4 -> update 2; 2 -> back to 1;
        // the loop's exit jump (1 -> 3) is conditional, so 3 keeps its place; 3 -> 5, 5 returns.
        List<StateMachine.State> order = GoClassEmitter.layout(states(
                new int[] {0, 1}, new int[] {1, 4}, new int[] {2, 1}, new int[] {3, 5}, new int[] {4, 2},
                new int[] {5, -1}));
        assertEquals(List.of(0, 1, 4, 2, 3, 5), ids(order));
    }

    @Test
    void statesThatEndWithoutAJumpKeepLabelOrder() {
        List<StateMachine.State> order = GoClassEmitter.layout(states(
                new int[] {0, -1}, new int[] {1, -1}, new int[] {2, -1}));
        assertEquals(List.of(0, 1, 2), ids(order));
    }

    @Test
    void aStateAlreadyPlacedIsNotMovedAndEveryStateIsPlacedOnce() {
        // 0 -> 2 -> 1 -> 2 (placed already); 3 -> 0 (placed already); 4 -> 3 (placed already)
        List<StateMachine.State> order = GoClassEmitter.layout(states(
                new int[] {0, 2}, new int[] {1, 2}, new int[] {2, 1}, new int[] {3, 0}, new int[] {4, 3}));
        assertEquals(List.of(0, 2, 1, 3, 4), ids(order));
    }
}
