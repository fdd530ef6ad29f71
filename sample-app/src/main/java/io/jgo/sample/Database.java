package io.jgo.sample;

import static io.jgo.Jgo.blocking;
import static io.jgo.Jgo.go;
import static io.jgo.Jgo.newTicker;
import static io.jgo.Jgo.select;

import io.jgo.Case;
import io.jgo.Chan;
import io.jgo.Jgo;
import io.jgo.RecvCase;
import io.jgo.Ticker;
import io.jgo.annotation.Go;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Chapter "database": concurrent JDBC queries against an embedded, in-memory H2 database.
 *
 * <p>The chapter creates a table, inserts a few rows, and runs {@value #QUERIES} queries from as
 * many goroutines over a pool of {@value #CONNECTIONS} connections, with {@code GOMAXPROCS=1}.
 * The pool is a buffered channel of connections: a goroutine waiting for one parks, holding no
 * thread. A JDBC call blocks its thread, so each runs inside {@code Jgo.blocking(...)}, which
 * hands the carrier's P to another carrier first (Go's {@code entersyscall}); the only P keeps
 * running goroutines, so the queries overlap and a heartbeat goroutine keeps ticking.
 *
 * <p>An in-memory database answers in microseconds, where a server would take a network round
 * trip. So that the blocking can be seen, every query also calls the SQL function
 * {@code ROUND_TRIP(ms)} (a Java method registered with {@code CREATE ALIAS}), which sleeps
 * {@value #ROUND_TRIP_MS} ms inside the JDBC call, on the thread that made it.
 *
 * <p>The chapter checks its own invariant and throws if it does not hold: every count is right,
 * each query made one round trip, at least two JDBC calls were blocked at the same time, and the
 * heartbeat ticked meanwhile.
 */
public final class Database {
    static final int QUERIES = 8;
    static final int CONNECTIONS = 4;
    static final int ROUND_TRIP_MS = 50;
    /** {@code DB_CLOSE_DELAY=-1}: the database lives until {@code SHUTDOWN}, not until the last close. */
    static final String URL = "jdbc:h2:mem:jgo-walkthrough;DB_CLOSE_DELAY=-1";
    static final String COUNT_SQL = "SELECT COUNT(*), ROUND_TRIP(" + ROUND_TRIP_MS + ") FROM users WHERE city = ?";

    /** The table's rows: user name and city. */
    static final Map<String, String> CITY_OF_USER = new TreeMap<>(Map.of(
            "ana", "Lisbon", "bo", "Oslo", "caio", "Lisbon", "dai", "Kyoto",
            "eir", "Oslo", "filipa", "Lisbon", "gabo", "Quito", "hana", "Kyoto"));

    // Updated by ROUND_TRIP, that is, on the threads blocked in JDBC calls.
    private static final AtomicInteger IN_FLIGHT = new AtomicInteger();
    private static final AtomicInteger PEAK_IN_FLIGHT = new AtomicInteger();
    private static final AtomicInteger ROUND_TRIPS = new AtomicInteger();

    private Database() {
    }

    /**
     * The SQL function {@code ROUND_TRIP(ms)}: H2 calls it inside {@code executeQuery}, so the
     * JDBC call blocks its thread for {@code ms}, as a query to a server would. Public because H2
     * calls it by reflection.
     */
    public static int roundTrip(int ms) throws InterruptedException {
        int now = IN_FLIGHT.incrementAndGet();
        PEAK_IN_FLIGHT.accumulateAndGet(now, Math::max);
        ROUND_TRIPS.incrementAndGet();
        try {
            Thread.sleep(ms);
            return ms;
        } finally {
            IN_FLIGHT.decrementAndGet();
        }
    }

    /** {@code conn := <-pool; defer func() { pool <- conn }()}: the query runs on a pooled connection. */
    @Go
    static void query(Chan<Connection> pool, String city, Chan<String> results) {
        Connection conn = pool.recv(); // parks (no thread held) while every connection is in use
        long n;
        try {
            n = countUsersIn(conn, city);
        } finally {
            pool.send(conn);
        }
        results.send(city + "=" + n);
    }

    /** The blocking JDBC call, inside blocking(...): the P goes to another carrier before it blocks. */
    static long countUsersIn(Connection conn, String city) {
        try {
            return blocking(() -> {
                try (PreparedStatement ps = conn.prepareStatement(COUNT_SQL)) {
                    ps.setString(1, city);
                    try (ResultSet rs = ps.executeQuery()) {
                        rs.next();
                        return rs.getLong(1);
                    }
                }
            });
        } catch (Exception e) {
            throw new IllegalStateException("query for " + city + " failed: " + e, e);
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

    /** What main found: the answers in arrival order, the time they took, the heartbeat's ticks. */
    record Outcome(List<String> answers, long millis, int beats) {
    }

    @Go
    static Outcome main(Chan<Connection> pool, List<String> cities) {
        Chan<Void> quit = Chan.make();
        Chan<Integer> beats = Chan.make();
        go(() -> heartbeat(quit, beats));
        Chan<String> results = Chan.make();
        long t0 = System.nanoTime();
        for (String city : cities) {
            go(() -> query(pool, city, results));
        }
        List<String> answers = new ArrayList<>();
        for (int i = 0; i < cities.size(); i++) {
            answers.add(results.recv());
        }
        long ms = (System.nanoTime() - t0) / 1_000_000;
        quit.close();
        int n = beats.recv();
        return new Outcome(answers, ms, n);
    }

    static void show() {
        List<Connection> connections = new ArrayList<>();
        try (Connection admin = DriverManager.getConnection(URL); Statement st = admin.createStatement()) {
            try {
                System.out.println("  " + admin.getMetaData().getDatabaseProductName() + " "
                        + admin.getMetaData().getDatabaseProductVersion() + ", in memory: " + URL);
                setUp(admin, st);
                Chan<Connection> pool = Chan.make(CONNECTIONS);
                for (int i = 0; i < CONNECTIONS; i++) {
                    Connection c = DriverManager.getConnection(URL);
                    connections.add(c);
                    check(pool.trySend(c), "room in the pool channel for every connection");
                }
                List<String> cities = List.of("Lisbon", "Oslo", "Kyoto", "Quito", "Lisbon", "Oslo", "Kyoto", "Quito");
                IN_FLIGHT.set(0);
                PEAK_IN_FLIGHT.set(0);
                ROUND_TRIPS.set(0);
                Outcome out;
                int before = Jgo.gomaxprocs(1);
                try {
                    out = Jgo.run(DatabaseGo.main(pool, cities));
                } finally {
                    Jgo.gomaxprocs(before);
                }
                report(cities, out);
            } finally {
                for (Connection c : connections) {
                    c.close();
                }
                st.execute("SHUTDOWN"); // drops the in-memory database: a second run starts afresh
            }
        } catch (SQLException e) {
            throw new IllegalStateException("the database chapter failed: " + e, e);
        }
    }

    private static void setUp(Connection admin, Statement st) throws SQLException {
        st.execute("CREATE TABLE users (name VARCHAR(20) PRIMARY KEY, city VARCHAR(20) NOT NULL)");
        st.execute("CREATE ALIAS ROUND_TRIP FOR '" + Database.class.getName() + ".roundTrip'");
        try (PreparedStatement insert = admin.prepareStatement("INSERT INTO users (name, city) VALUES (?, ?)")) {
            for (Map.Entry<String, String> row : CITY_OF_USER.entrySet()) {
                insert.setString(1, row.getKey());
                insert.setString(2, row.getValue());
                insert.addBatch();
            }
            insert.executeBatch();
        }
        // H2 loads and links most of its query code on the first query; one warm-up query here
        // keeps that one-time cost out of the timed, concurrent part.
        try (PreparedStatement warmUp = admin.prepareStatement(COUNT_SQL.replace("(" + ROUND_TRIP_MS + ")", "(0)"))) {
            warmUp.setString(1, "Lisbon");
            try (ResultSet rs = warmUp.executeQuery()) {
                rs.next();
            }
        }
        System.out.println("  created table users, inserted " + CITY_OF_USER.size() + " rows; each query: " + COUNT_SQL);
    }

    /** Prints the outcome and throws unless the chapter's invariant holds. */
    private static void report(List<String> cities, Outcome out) {
        System.out.println("  " + String.join(", ", out.answers()));
        List<String> expected = new ArrayList<>();
        for (String city : cities) {
            expected.add(city + "=" + CITY_OF_USER.values().stream().filter(city::equals).count());
        }
        List<String> got = new ArrayList<>(out.answers());
        got.sort(null);
        expected.sort(null);
        check(got.equals(expected), "every query to answer its city's count: " + expected + ", not " + got);
        check(ROUND_TRIPS.get() == cities.size(), "one round trip per query, not " + ROUND_TRIPS.get());
        int peak = PEAK_IN_FLIGHT.get();
        check(peak >= 2, "the JDBC calls to overlap (at most " + peak + " was blocked at a time)");
        check(out.beats() >= 1, "the heartbeat goroutine to tick while the queries blocked");
        System.out.println("  " + cities.size() + " queries of " + ROUND_TRIP_MS + " ms on " + CONNECTIONS
                + " connections took " + out.millis() + " ms with GOMAXPROCS=1 (one after another: "
                + cities.size() * ROUND_TRIP_MS + " ms)");
        System.out.println("  up to " + peak + " JDBC calls were blocked at once, each on its own carrier thread; "
                + "the heartbeat goroutine ticked " + out.beats() + " times meanwhile");
    }

    private static void check(boolean invariant, String what) {
        if (!invariant) {
            throw new IllegalStateException("database chapter: expected " + what);
        }
    }
}
