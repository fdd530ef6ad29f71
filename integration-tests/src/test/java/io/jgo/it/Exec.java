package io.jgo.it;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Runs an external program (javac, java, jar, mvn) with a time limit and captures its output. */
final class Exec {
    private Exec() {
    }

    /** The outcome of one process: exit code and combined stdout + stderr. */
    record Result(List<String> command, int exitCode, String output) {
        /** Fails with the command and its whole output unless the exit code is 0. */
        Result assertOk() {
            if (exitCode != 0) {
                throw new AssertionError("command failed with exit code " + exitCode + ": "
                        + String.join(" ", command) + "\n--- output ---\n" + output);
            }
            return this;
        }
    }

    static Result run(Path dir, Map<String, String> env, long timeoutSeconds, List<String> command) {
        ProcessBuilder pb = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true);
        pb.environment().putAll(env);
        Path log;
        try {
            log = Files.createTempFile("jgo-it-", ".log");
            pb.redirectOutput(log.toFile());
            Process p = pb.start();
            if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
                p.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
                throw new AssertionError("timed out after " + timeoutSeconds + " s: " + String.join(" ", command)
                        + "\n--- output so far ---\n" + Files.readString(log, StandardCharsets.UTF_8));
            }
            String out = Files.readString(log, StandardCharsets.UTF_8);
            Files.deleteIfExists(log);
            return new Result(List.copyOf(command), p.exitValue(), out);
        } catch (IOException e) {
            throw new AssertionError("cannot run " + String.join(" ", command) + ": " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted while running " + command, e);
        }
    }

    static Result run(Path dir, long timeoutSeconds, String... command) {
        return run(dir, Map.of(), timeoutSeconds, List.of(command));
    }

    static List<String> list(Object... parts) {
        List<String> out = new ArrayList<>();
        for (Object p : parts) {
            if (p instanceof List<?> l) {
                l.forEach(x -> out.add(String.valueOf(x)));
            } else {
                out.add(String.valueOf(p));
            }
        }
        return out;
    }
}
