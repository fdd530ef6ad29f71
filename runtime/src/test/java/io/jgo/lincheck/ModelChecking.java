package io.jgo.lincheck;

import static org.jetbrains.lincheck.datastructures.ManagedStrategyGuaranteeKt.forClasses;

import io.jgo.internal.SpinBackoff;
import org.jetbrains.lincheck.datastructures.ModelCheckingOptions;

/** Model-checking options shared by the runtime's Lincheck tests. */
final class ModelChecking {
    private ModelChecking() {
    }

    /**
     * Lincheck's model checker with the spin locks' PAUSE loop ({@code SpinBackoff.pause}) left
     * out of the analysis: it reads and writes no shared memory, so skipping it loses no
     * interleaving, and its 64 and more iterations would exceed the checker's loop bound (50),
     * which reports such a loop as a hang.
     */
    static ModelCheckingOptions options() {
        return new ModelCheckingOptions()
                .addGuarantee(forClasses(SpinBackoff.class.getName()).methods("pause").ignore());
    }
}
