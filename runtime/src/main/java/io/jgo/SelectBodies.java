package io.jgo;

import io.jgo.runtime.Fn;
import io.jgo.runtime.Frame;

/**
 * A select whose cases carry bodies, or with a default case: performs one case, then runs its
 * body. Plain callers run the body on their thread; a goroutine runs it as a nested call, so the
 * body may suspend.
 */
final class SelectBodies {
    private SelectBodies() {
    }

    /** True if the select must run a body or has a default case: else it is a bare select. */
    static boolean needed(Case[] cases) {
        for (Case c : cases) {
            if (c != null && (c.hasBody() || c instanceof DefaultCase)) {
                return true;
            }
        }
        return false;
    }

    static DefaultCase defaultOf(Case[] cases) {
        DefaultCase d = null;
        for (Case c : cases) {
            if (c instanceof DefaultCase dc) {
                if (d != null) {
                    throw new IllegalArgumentException("multiple defaults in select");
                }
                d = dc;
            }
        }
        return d;
    }

    /** The cases on channels: all but the default case. */
    static Case[] channelCases(Case[] cases, DefaultCase d) {
        if (d == null) {
            return cases;
        }
        Case[] out = new Case[cases.length - 1];
        int i = 0;
        for (Case c : cases) {
            if (c != d) {
                out[i++] = c;
            }
        }
        return out;
    }

    static Case plain(Case[] cases) {
        DefaultCase d = defaultOf(cases);
        Case fired = (Case) Selection.select(channelCases(cases, d), null, d == null);
        if (fired == null) {
            fired = d;
        }
        if (fired.hasBody()) {
            try {
                fired.runBody();
            } catch (Exception e) {
                throw Funcs.wrap(e);
            }
        }
        return fired;
    }

    static Object twin(Case[] cases, Frame<?> frame) throws Throwable {
        if (!needed(cases)) {
            return Selection.select(cases, frame, true);
        }
        DefaultCase d = defaultOf(cases);
        return Fn.call(frame, new SelectFrame(channelCases(cases, d), d));
    }

    /** Selects, then runs the fired case's body; returns the fired case to its caller. */
    private static final class SelectFrame extends Frame<Case> {
        private final Case[] cases;
        private final DefaultCase dflt;
        private Case fired;

        SelectFrame(Case[] cases, DefaultCase dflt) {
            this.cases = cases;
            this.dflt = dflt;
        }

        @Override
        @SuppressWarnings("fallthrough")
        protected Object resume(Object value, Throwable error) throws Throwable {
            switch (label) {
                case 0:
                    label = 1;
                    value = Selection.select(cases, this, dflt == null);
                    if (value == SUSPENDED) {
                        return SUSPENDED;
                    }
                    // falls into 1
                case 1:
                    if (error != null) {
                        throw error;
                    }
                    fired = value == null ? dflt : (Case) value;
                    if (!fired.hasBody()) {
                        return fired;
                    }
                    label = 2;
                    try {
                        value = fired.runBody(this);
                    } catch (Exception e) {
                        throw Funcs.wrap(e);
                    }
                    if (value == SUSPENDED) {
                        return SUSPENDED;
                    }
                    return fired;
                case 2:
                    if (error instanceof Exception e) {
                        throw Funcs.wrap(e);
                    }
                    if (error != null) {
                        throw error;
                    }
                    return fired;
                default:
                    throw new IllegalStateException("no state " + label);
            }
        }

        @Override
        protected boolean waitsForCaller() {
            return true;
        }
    }
}
