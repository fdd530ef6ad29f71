package io.jgo.sample;

import static io.jgo.Jgo.blocking;
import static io.jgo.Jgo.go;
import static io.jgo.Jgo.newTicker;
import static io.jgo.Jgo.select;

import io.jgo.Case;
import io.jgo.Chan;
import io.jgo.Go;
import io.jgo.Jgo;
import io.jgo.RecvCase;
import io.jgo.Ticker;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;

/**
 * Chapter "database": concurrent queries whose calls block their thread, the way JDBC calls do.
 *
 * <p>Honest note: the JDK ships no embedded database and jgo adds no dependency, so the
 * "database" here is {@link TinyDb}, a small in-process stand-in: a table in memory behind a
 * pool of 4 connections, where every query blocks the calling thread for 50 ms like a network
 * round trip to a real server. What the chapter shows does not depend on that: each query runs
 * inside {@code Jgo.blocking(...)}, which hands the carrier's P to another carrier before the
 * thread blocks. Run with {@code GOMAXPROCS=1}, 8 queries overlap (about 2 x 50 ms with 4
 * connections, not 8 x 50 ms) and a heartbeat goroutine keeps ticking meanwhile.
 */
final class Database {
    static final int QUERIES = 8;

    private Database() {
    }

    /** The stand-in database: blocking calls, like a JDBC driver's. */
    static final class TinyDb {
        private static final Map<Integer, String> CITY_OF_USER = Map.of(
                1, "Lisbon", 2, "Oslo", 3, "Lisbon", 4, "Kyoto", 5, "Oslo", 6, "Lisbon", 7, "Quito", 8, "Kyoto");
        private final BlockingQueue<Integer> connections = new ArrayBlockingQueue<>(4, false, List.of(1, 2, 3, 4));

        /** {@code SELECT count(*) FROM users WHERE city = ?}: blocks the calling thread. */
        long countUsersIn(String city) throws InterruptedException {
            Integer conn = connections.take();      // blocks while all connections are in use
            try {
                Thread.sleep(50);                   // the round trip to the server
                return CITY_OF_USER.values().stream().filter(city::equals).count();
            } finally {
                connections.put(conn);
            }
        }
    }

    /** A query goroutine: the blocking call runs inside blocking(...), which hands off the P. */
    @Go
    static void query(TinyDb db, String city, Chan<String> results) {
        long n = countIn(db, city);
        results.send(city + "=" + n);
    }

    static long countIn(TinyDb db, String city) {
        try {
            return blocking(() -> db.countUsersIn(city));
        } catch (Exception e) {
            throw new IllegalStateException("query failed: " + e, e);
        }
    }

    /** Ticks every 5 ms until quit: shows the other goroutines of the only P still run. */
    @Go
    static void heartbeat(Chan<Void> quit, Chan<Integer> beats) {
        Ticker t = newTicker(Duration.ofMillis(5));
        RecvCase<Instant> tick = t.C().onRecv();
        RecvCase<Void> stop = quit.onRecv();
        Case[] cases = {tick, stop}; // select's cases, reused by every round
        int n = 0;
        while (true) {
            Case c = select(cases);
            if (c == stop) {
                break;
            }
            n++;
        }
        t.stop();
        beats.send(n);
    }

    @Go
    static String main(TinyDb db) {
        String[] cities = {"Lisbon", "Oslo", "Kyoto", "Quito", "Lisbon", "Oslo", "Kyoto", "Quito"};
        Chan<Void> quit = Chan.make();
        Chan<Integer> beats = Chan.make();
        go(() -> heartbeat(quit, beats));
        Chan<String> results = Chan.make();
        long t0 = System.nanoTime();
        for (String city : cities) {
            go(() -> query(db, city, results));
        }
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < cities.length; i++) {
            out.append(i == 0 ? "  " : ", ").append(results.recv());
        }
        long ms = (System.nanoTime() - t0) / 1_000_000;
        quit.close();
        int n = beats.recv();
        out.append("\n  ").append(cities.length).append(" queries of 50 ms (4 connections) took ").append(ms)
                .append(" ms with GOMAXPROCS=1; the heartbeat goroutine ticked ").append(n).append(" times meanwhile");
        return out.toString();
    }

    static void show() {
        System.out.println("  (honest note: the JDK has no embedded database and jgo adds no dependency, so TinyDb is an");
        System.out.println("   in-process stand-in: 4 connections, each query blocks its thread 50 ms like a JDBC round trip)");
        int before = Jgo.gomaxprocs(1);
        try {
            System.out.println(Jgo.run(DatabaseGo.main(new TinyDb())));
        } finally {
            Jgo.gomaxprocs(before);
        }
    }
}
