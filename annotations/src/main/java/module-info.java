/**
 * The {@code @Go} annotation. Needed at compile time only: a module that uses jgo reads it with
 * {@code requires static io.jgo.annotation;}.
 */
module io.jgo.annotation {
    exports io.jgo.annotation;
}
