package io.jgo.internal;

import io.jgo.runtime.Frame;
import java.lang.ref.WeakReference;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Formats goroutines the way Go's tracebacks do ({@code goroutine 7 [chan receive]:}, then each
 * frame's method and {@code File.java:line}), for dumps and deadlock reports (Go keeps this in
 * {@code traceback.go}, apart from the scheduler).
 */
final class GoroutineDump {
    /** At most this many goroutines of one root are described in a deadlock report (Go prints all). */
    static final int REPORT_MAX_GOROUTINES = 10_000;

    private GoroutineDump() {
    }

    static void describe(G g, StringBuilder sb) {
        int st = g.status();
        String state;
        switch (st) {
            case G.RUNNABLE:
                state = "runnable";
                break;
            case G.RUNNING:
                state = "running";
                break;
            case G.WAITING:
                WaitReason r = g.waitReason();
                state = r == null ? "waiting" : r.text();
                break;
            default:
                state = "dead";
        }
        sb.append("goroutine ").append(g.id).append(" [").append(state).append("]:\n");
        if (st == G.RUNNING) {
            sb.append("\t(running on a carrier; its frames change as it runs)\n");
            return;
        }
        int depth = 0;
        for (Frame<?> f = g.top; f != null && depth < 1000; f = f.caller(), depth++) {
            if (f.caller() != null && Frames.access().waitsForCaller(f)) {
                continue; // a runtime retry frame: its caller's line follows
            }
            StackTraceElement at = null;
            try {
                at = f.location();
            } catch (RuntimeException e) {
                // a broken line table must not break the dump
            }
            if (at != null) {
                sb.append(at.getClassName()).append('.').append(at.getMethodName()).append("(...)\n\t")
                        .append(at.getFileName() == null ? "?" : at.getFileName()).append(':')
                        .append(at.getLineNumber()).append('\n');
            } else {
                sb.append(f.getClass().getName()).append("(...)\n\t(no line table; state ")
                        .append(f.label()).append(")\n");
            }
        }
    }

    /**
     * The report of each of {@code roots}: its goroutines among {@code refs}, by id, main first
     * when the list is cut at {@link #REPORT_MAX_GOROUTINES} (formatting a million frames on every
     * check would cost seconds). Keeps no goroutine reachable after it returns.
     */
    static Map<Root, String> describeRoots(List<WeakReference<G>> refs, Set<Root> roots) {
        Map<Root, List<G>> members = new HashMap<>();
        for (WeakReference<G> r : refs) {
            G g = r.get();
            if (g != null && roots.contains(g.root)) {
                members.computeIfAbsent(g.root, k -> new ArrayList<>()).add(g);
            }
        }
        Map<Root, String> texts = new HashMap<>();
        for (Map.Entry<Root, List<G>> e : members.entrySet()) {
            long mainId = e.getKey().mainId;
            List<G> gs = e.getValue();
            gs.sort((a, b) -> a.id == mainId ? -1 : b.id == mainId ? 1 : Long.compare(a.id, b.id));
            StringBuilder sb = new StringBuilder();
            int n = Math.min(gs.size(), REPORT_MAX_GOROUTINES);
            for (int i = 0; i < n; i++) {
                describe(gs.get(i), sb);
                sb.append('\n');
            }
            if (gs.size() > n) {
                sb.append("... and ").append(gs.size() - n).append(" more goroutines (not all listed)\n");
            }
            texts.put(e.getKey(), sb.toString());
        }
        return texts;
    }
}
