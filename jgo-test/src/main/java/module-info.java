/**
 * jgo's test kit: {@code @GoTest} and {@code GoTests} for JUnit 5 tests of code that uses jgo.
 */
module io.jgo.test {
    requires transitive io.jgo;
    requires transitive org.junit.jupiter.api;

    exports io.jgo.test;
}
