package io.jgo.internal;

import io.jgo.runtime.Frame;
import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/**
 * Where a goroutine comes from and what it is labelled with: Go's {@code created by f in
 * goroutine N} record plus pprof-style labels. Immutable, so one instance is shared by every
 * goroutine that one parent spawned from one site with one set of labels (a spawn loop allocates
 * one); a goroutine that changes its labels gets a copy of its own.
 *
 * <p>The site is the spawning goroutine's top frame as the scheduler knows it without walking a
 * stack: the frame where it last suspended (or its root frame if it never did), at the state it
 * continues from. For a {@code go} statement in the goroutine's own {@code @Go} method that is
 * the method, and the line of its last suspension point before the statement.
 */
final class Lineage {
    /** A goroutine with neither creator nor labels (spawned from a plain thread). */
    static final Lineage NONE = new Lineage(0, null, -1, null, Collections.emptyMap());

    /** The spawning goroutine's id; 0 when a plain thread spawned it. */
    final long creatorId;
    /** The spawning frame's class and state: the cache key of {@link G#childLineage}. */
    final Class<?> siteClass;
    final int siteLabel;
    /** The spawning frame's {@link Frame#location()}; null when unknown. */
    final StackTraceElement site;
    /** Sorted by key, unmodifiable; shared, never copied on inheritance. */
    final Map<String, String> labels;

    Lineage(long creatorId, Class<?> siteClass, int siteLabel, StackTraceElement site, Map<String, String> labels) {
        this.creatorId = creatorId;
        this.siteClass = siteClass;
        this.siteLabel = siteLabel;
        this.site = site;
        this.labels = labels;
    }

    /** The record of a goroutine spawned by {@code parent} while its top frame is {@code top}. */
    static Lineage spawnedBy(G parent, Frame<?> top) {
        StackTraceElement at = null;
        Class<?> c = null;
        int label = -1;
        if (top != null) {
            c = top.getClass();
            label = top.label();
            try {
                at = top.location();
            } catch (RuntimeException e) {
                // a broken line table must not break spawning
            }
        }
        return new Lineage(parent.id, c, label, at, parent.lineage().labels);
    }

    /** This record with {@code key} set to {@code value} (removed when value is null). */
    Lineage withLabel(String key, String value) {
        TreeMap<String, String> m = new TreeMap<>(labels);
        if (value == null) {
            m.remove(key);
        } else {
            m.put(key, value);
        }
        return new Lineage(creatorId, siteClass, siteLabel, site,
                m.isEmpty() ? Collections.emptyMap() : Collections.unmodifiableMap(m));
    }
}
