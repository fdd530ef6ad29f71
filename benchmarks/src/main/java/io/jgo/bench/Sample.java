package io.jgo.bench;

/** One measured value: a metric of one contender in one round. */
public record Sample(int round, String contender, String metric, double value, String unit, int n) {

    /**
     * Parses a {@code RESULT <metric> <value> <unit> <n>} line; {@code suffix} (such as
     * {@code .p1}) names the processor count the run used.
     */
    static Sample parse(String line, int round, String contender, String suffix) {
        String[] f = line.trim().split("\\s+");
        if (f.length != 5 || !f[0].equals("RESULT")) {
            throw new IllegalArgumentException("not a RESULT line: " + line);
        }
        return new Sample(round, contender, f[1] + suffix, Double.parseDouble(f[2]), f[3], Integer.parseInt(f[4]));
    }
}
