package io.jgo.sample;

import static io.jgo.Jgo.go;
import static io.jgo.Jgo.select;

import io.jgo.Case;
import io.jgo.Chan;
import io.jgo.Jgo;
import io.jgo.RecvCase;
import io.jgo.SendCase;
import io.jgo.annotation.Go;

/**
 * Chapter "sieve": the concurrent prime sieve from Go's documentation. A generator sends 2, 3,
 * 4, ...; each prime found adds a filter goroutine that drops its multiples, so the chain grows
 * to one goroutine per prime. Unlike the original, every goroutine also selects on a
 * {@code quit} channel, so that closing it ends the whole chain and nothing leaks.
 */
final class Sieve {
    static final int PRIMES = 100;

    private Sieve() {
    }

    /** {@code for i := 2; ; i++ { ch <- i }}, until quit is closed. */
    @Go
    static void generate(Chan<Integer> ch, Chan<Void> quit) {
        RecvCase<Void> stop = quit.onRecv();
        SendCase<Integer> send = ch.onSend(2);
        Case[] cases = {send, stop}; // select's cases, reused by every round
        for (int i = 2; ; i++) {
            send.set(i);
            if (select(cases) == stop) {
                return;
            }
        }
    }

    /** {@code for { i := <-in; if i%prime != 0 { out <- i } }}, until quit is closed. */
    @Go
    static void filter(Chan<Integer> in, Chan<Integer> out, int prime, Chan<Void> quit) {
        RecvCase<Void> stop = quit.onRecv();
        RecvCase<Integer> next = in.onRecv();
        SendCase<Integer> send = out.onSend(0);
        Case[] receiving = {next, stop};
        Case[] sending = {send, stop};
        while (true) {
            if (select(receiving) == stop) {
                return;
            }
            int i = next.value();
            if (i % prime != 0) {
                send.set(i);
                if (select(sending) == stop) {
                    return;
                }
            }
        }
    }

    @Go
    static String main(int n) {
        Chan<Void> quit = Chan.make();
        Chan<Integer> numbers = Chan.make();
        go(() -> generate(numbers, quit));
        Chan<Integer> ch = numbers;
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < n; i++) {
            int prime = ch.recv();
            out.append(i % 20 == 0 ? (i == 0 ? "  " : "\n  ") : " ").append(prime);
            Chan<Integer> in = ch;
            Chan<Integer> next = Chan.make();
            go(() -> filter(in, next, prime, quit));
            ch = next;
        }
        int chain = Jgo.numGoroutine();
        quit.close(); // every goroutine of the chain returns
        return out + "\n  (" + chain + " goroutines were alive in the chain)";
    }

    static void show() {
        System.out.println(Jgo.run(SieveGo.main(PRIMES)));
    }
}
