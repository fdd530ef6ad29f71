/** A consumer of jgo that is itself a module, as docs/getting-started.md shows. */
module consumer {
    requires io.jgo;
    requires static io.jgo.annotation; // compile time only: @Go is not kept at run time
}
