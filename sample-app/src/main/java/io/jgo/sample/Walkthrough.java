package io.jgo.sample;

/** The jgo walkthrough: lists its chapters and runs them. */
public final class Walkthrough {
    private Walkthrough() {
    }

    public static void main(String[] args) {
        System.out.println("jgo walkthrough (skeleton)");
    }
}
