package io.jgo.processor.lower;

/**
 * A state of the frame's {@code resume}, named before its code is written: a jump can target a
 * state that is not started yet. Compared by identity; {@link #id} is the value of {@code label}.
 */
final class Label {
    final int id;

    Label(int id) {
        this.id = id;
    }

    @Override
    public String toString() {
        return "L" + id;
    }
}
