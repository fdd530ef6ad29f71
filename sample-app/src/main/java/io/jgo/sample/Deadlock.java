package io.jgo.sample;

import static io.jgo.Jgo.go;

import io.jgo.Chan;
import io.jgo.DeadlockException;
import io.jgo.Jgo;
import io.jgo.Mutex;
import io.jgo.annotation.Go;

/**
 * Chapter "deadlock": a deliberate deadlock. One goroutine takes a mutex and waits for a message
 * nobody will send; another waits for that mutex; main waits for a result nobody will send.
 * When every goroutine is asleep and nothing can wake one, {@code Jgo.run} throws
 * {@link DeadlockException} with Go's message and a dump of every goroutine: its wait reason and
 * the source line where it waits.
 */
final class Deadlock {
    private Deadlock() {
    }

    @Go
    static void holder(Mutex mu, Chan<Boolean> locked, Chan<String> never) {
        mu.lock();
        locked.send(true);
        String s = never.recv(); // nobody sends: waits forever, holding mu
        System.out.println("  unreachable: " + s);
        mu.unlock();
    }

    @Go
    static void waiter(Mutex mu, Chan<String> result) {
        mu.lock();               // held forever by holder
        result.send("got the lock");
        mu.unlock();
    }

    @Go
    static String main() {
        Mutex mu = new Mutex();
        Chan<String> never = Chan.make();
        Chan<String> result = Chan.make();
        Chan<Boolean> locked = Chan.make();
        go(() -> holder(mu, locked, never));
        locked.recv();           // holder has the mutex now
        go(() -> waiter(mu, result));
        return result.recv();
    }

    static void show() {
        try {
            String r = Jgo.run(DeadlockGo.main());
            System.out.println("  no deadlock?! " + r);
        } catch (DeadlockException e) {
            System.out.println("  Jgo.run threw DeadlockException:");
            for (String line : e.getMessage().split("\n")) {
                System.out.println("  | " + line);
            }
        }
    }
}
