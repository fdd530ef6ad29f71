package io.jgo.it;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/** The consumer projects under src/test/resources/consumers, copied to a scratch folder. */
final class Consumers {
    private Consumers() {
    }

    /** Copies consumers/{@code name} into {@code into} and returns the copy. */
    static Path copy(String name, Path into) {
        URL url = Consumers.class.getResource("/consumers/" + name);
        if (url == null) {
            throw new AssertionError("no test resource consumers/" + name);
        }
        try {
            Path src = Path.of(url.toURI());
            Path dst = into.resolve(name);
            try (Stream<Path> all = Files.walk(src)) {
                for (Path p : all.collect(Collectors.toList())) {
                    Path target = dst.resolve(src.relativize(p).toString());
                    if (Files.isDirectory(p)) {
                        Files.createDirectories(target);
                    } else {
                        Files.copy(p, target, StandardCopyOption.REPLACE_EXISTING);
                    }
                }
            }
            return dst;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (URISyntaxException e) {
            throw new AssertionError(e);
        }
    }

    /** Every .java file under {@code dir}, as paths relative to nothing (absolute strings). */
    static List<String> javaFiles(Path dir) {
        try (Stream<Path> all = Files.walk(dir)) {
            return all.filter(p -> p.toString().endsWith(".java")).map(Path::toString).sorted()
                    .collect(Collectors.toList());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
