package io.jgo.internal;

import io.jgo.runtime.Frame;
import java.lang.ref.WeakReference;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
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

    /** Waits shorter than this are not printed, as in Go ({@code [chan receive, 3 minutes]}). */
    static final long SHOW_WAIT_NANOS = 60_000_000_000L;
    /** Lines of a running goroutine's carrier stack printed, at most. */
    static final int MAX_CARRIER_FRAMES = 64;

    /**
     * Appends {@code g}'s entry: {@code goroutine 7 [chan receive, 3 minutes] {request=42}:},
     * its frames, and {@code created by ...}. {@code now} is the runtime's clock (for the wait's
     * length); {@code carrier} is the thread running {@code g} if it is running, else null.
     */
    static void describe(G g, StringBuilder sb, long now, Thread carrier) {
        describe(g, g.status(), sb, now, carrier);
    }

    /** As {@link #describe(G, StringBuilder, long, Thread)} with the status {@code st} read before. */
    static void describe(G g, int st, StringBuilder sb, long now, Thread carrier) {
        sb.append("goroutine ").append(g.id).append(" [").append(state(g, st));
        if (st == G.WAITING) {
            long waited = now - g.waitSince();
            if (waited >= SHOW_WAIT_NANOS) {
                sb.append(", ").append(waited / 60_000_000_000L).append(" minutes");
            }
        }
        sb.append(']');
        labels(g.lineage(), sb);
        sb.append(":\n");
        if (st == G.RUNNING) {
            carrierStack(carrier, sb);
        } else {
            frames(g, sb);
        }
        createdBy(g.lineage(), true, sb);
    }

    /** Go's wording of what {@code g} does: {@code running}, {@code chan receive}, ... */
    static String state(G g, int st) {
        switch (st) {
            case G.RUNNABLE:
                return "runnable";
            case G.RUNNING:
                return "running";
            case G.WAITING:
                WaitReason r = g.waitReason();
                return r == null ? "waiting" : r.text();
            default:
                return "dead";
        }
    }

    private static void labels(Lineage l, StringBuilder sb) {
        if (!l.labels.isEmpty()) {
            sb.append(" {");
            boolean first = true;
            for (Map.Entry<String, String> e : l.labels.entrySet()) {
                sb.append(first ? "" : ", ").append(e.getKey()).append('=').append(e.getValue());
                first = false;
            }
            sb.append('}');
        }
    }

    /** The frames of a goroutine that is not running, innermost first. */
    private static void frames(G g, StringBuilder sb) {
        int depth = 0;
        for (Frame<?> f = g.top; f != null && depth < 1000; f = f.caller(), depth++) {
            if (f.caller() != null && Frames.access().waitsForCaller(f)) {
                continue; // a runtime retry frame: its caller's line follows
            }
            StackTraceElement at = location(f);
            if (at != null) {
                site(at, sb);
            } else {
                sb.append(f.getClass().getName()).append("(...)\n\t(no line table; state ")
                        .append(f.label()).append(")\n");
            }
        }
    }

    private static StackTraceElement location(Frame<?> f) {
        try {
            return f.location();
        } catch (RuntimeException e) {
            return null; // a broken line table must not break the dump
        }
    }

    private static void site(StackTraceElement at, StringBuilder sb) {
        sb.append(at.getClassName()).append('.').append(at.getMethodName()).append("(...)\n\t")
                .append(at.getFileName() == null ? "?" : at.getFileName()).append(':')
                .append(at.getLineNumber()).append('\n');
    }

    /**
     * A running goroutine's frames are on its carrier's Java stack (they change as it runs): that
     * stack, as {@link Thread#getStackTrace()} sees it at this instant.
     */
    private static void carrierStack(Thread carrier, StringBuilder sb) {
        if (carrier == null) {
            sb.append("\t(running on a carrier; its frames change as it runs)\n");
            return;
        }
        StackTraceElement[] st = carrier.getStackTrace();
        sb.append("\t(running on carrier ").append(carrier.getName()).append("; its Java stack:)\n");
        // Frames below the trampoline's call into the goroutine are the scheduler's loop.
        int end = st.length;
        for (int i = 0; i < st.length; i++) {
            if (st[i].getClassName().equals(G.class.getName()) && st[i].getMethodName().equals("run")) {
                end = i > 0 && st[i - 1].getClassName().startsWith("io.jgo.runtime.Frame") ? i - 1 : i;
                break;
            }
        }
        int n = Math.min(end, MAX_CARRIER_FRAMES);
        for (int i = 0; i < n; i++) {
            sb.append("\tat ").append(st[i]).append('\n');
        }
        if (end > n) {
            sb.append("\t... ").append(end - n).append(" more\n");
        }
    }

    /**
     * Go's {@code created by pkg.f in goroutine N} and the site's file and line; the grouped
     * form leaves the creator's id out (siblings from one site differ only in it).
     */
    private static void createdBy(Lineage l, boolean withId, StringBuilder sb) {
        if (l.creatorId == 0) {
            return;
        }
        sb.append("created by ");
        StackTraceElement at = l.site;
        if (at != null) {
            sb.append(at.getClassName()).append('.').append(at.getMethodName());
        } else {
            sb.append(l.siteClass == null ? "?" : l.siteClass.getName());
        }
        if (withId) {
            sb.append(" in goroutine ").append(l.creatorId);
        }
        sb.append('\n');
        if (at != null) {
            sb.append('\t').append(at.getFileName() == null ? "?" : at.getFileName()).append(':')
                    .append(at.getLineNumber()).append('\n');
        }
    }

    /**
     * pprof's {@code goroutine?debug=1}: goroutines with the same state, labels, frames and
     * creation site collapsed into one entry headed by their count, largest groups first. Wait
     * lengths and ids are left out (they would make every entry unique); a running goroutine is
     * an entry of its own with its carrier's stack.
     *
     * @param carriers the carrier of each running goroutine
     */
    static String grouped(List<G> gs, Map<G, Thread> carriers) {
        Map<String, long[]> groups = new LinkedHashMap<>();
        Map<String, Long> firstId = new HashMap<>();
        StringBuilder body = new StringBuilder();
        for (G g : gs) {
            int st = g.status();
            if (st == G.DEAD) {
                continue;
            }
            body.setLength(0);
            body.append('[').append(state(g, st)).append(']');
            labels(g.lineage(), body);
            body.append(":\n");
            if (st == G.RUNNING) {
                carrierStack(carriers.get(g), body);
            } else {
                frames(g, body);
            }
            createdBy(g.lineage(), false, body);
            String key = body.toString();
            groups.computeIfAbsent(key, k -> new long[1])[0]++;
            firstId.putIfAbsent(key, g.id);
        }
        List<Map.Entry<String, long[]>> sorted = new ArrayList<>(groups.entrySet());
        sorted.sort((a, b) -> {
            int c = Long.compare(b.getValue()[0], a.getValue()[0]);
            return c != 0 ? c : Long.compare(firstId.get(a.getKey()), firstId.get(b.getKey()));
        });
        StringBuilder sb = new StringBuilder();
        long total = 0;
        for (Map.Entry<String, long[]> e : sorted) {
            total += e.getValue()[0];
        }
        sb.append("goroutine profile: total ").append(total).append('\n');
        for (Map.Entry<String, long[]> e : sorted) {
            long n = e.getValue()[0];
            sb.append(n).append(n == 1 ? " goroutine " : " goroutines ").append(e.getKey()).append('\n');
        }
        return sb.toString();
    }

    /**
     * The report of each of {@code roots}: its goroutines among {@code refs}, by id, main first
     * when the list is cut at {@link #REPORT_MAX_GOROUTINES} (formatting a million frames on every
     * check would cost seconds). Keeps no goroutine reachable after it returns.
     */
    static Map<Root, String> describeRoots(List<WeakReference<G>> refs, Set<Root> roots, long now) {
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
                describe(gs.get(i), sb, now, null);
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
