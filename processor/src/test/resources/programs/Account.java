package p;

import io.jgo.*; import io.jgo.annotation.Go;
import static io.jgo.Jgo.*;
import java.util.*;

/** Instance @Go methods: the receiver, private members, generic classes. */
public class Account {
    private static int created;
    private long balance;
    private final String owner;
    final List<String> history = new ArrayList<>();

    private Account(String owner) {
        this.owner = owner;
        created++;
    }

    static Account open(String owner) {
        return new Account(owner);
    }

    private long fee(long amount) {
        return amount / 100;
    }

    private static String tag(String s) {
        return "<" + s + ">";
    }

    @Go void deposit(long amount) {
        gosched();
        balance += amount - fee(amount);
        history.add("deposit " + amount);
    }

    @Go long withdraw(long amount) {
        if (amount > balance) {
            gosched();
            throw new IllegalStateException(owner + " cannot withdraw " + amount);
        }
        this.balance -= amount;
        gosched();
        history.add(tag("withdraw " + amount));
        return balance;
    }

    @Go String transferTo(Account other, long amount) {
        long left = withdraw(amount);
        other.deposit(amount);
        balance++;
        balance--;
        return owner + " left " + left + ", " + other.owner + " has " + other.balance;
    }

    @Go static String scenario() {
        Account a = new Account("ann");
        Account b = Account.open("bob");
        a.deposit(1000);
        b.deposit(200);
        StringBuilder sb = new StringBuilder(a.transferTo(b, 300));
        try {
            b.transferTo(a, 10_000);
        } catch (IllegalStateException e) {
            sb.append(" | ").append(e.getMessage());
        }
        sb.append(" | ").append(a.history).append(b.history).append(" created=").append(created > 0);
        Box<String> box = new Box<>("x");
        sb.append(" | ").append(box.swapAfterYield("y")).append(box.get());
        sb.append(" | ").append(new Worker(3).runAll());
        return sb.toString();
    }

    static class Box<T> {
        private T value;

        Box(T value) {
            this.value = value;
        }

        T get() {
            return value;
        }

        @Go T swapAfterYield(T next) {
            T old = value;
            gosched();
            value = next;
            return old;
        }
    }

    /**
     * n goroutines count themselves, then send; runAll receives n values, then reads the count.
     * Invariant: each increment happens-before its send, which happens-before the matching
     * receive, so done.get() sees all n. The count must be atomic: the goroutines run in
     * parallel on different carriers (an int field with done++ lost updates: done=false).
     */
    static class Worker {
        private final int n;
        private final java.util.concurrent.atomic.AtomicInteger done = new java.util.concurrent.atomic.AtomicInteger();

        Worker(int n) {
            this.n = n;
        }

        @Go String runAll() {
            Chan<Integer> results = Chan.make();
            for (int i = 0; i < n; i++) {
                int k = i;
                go(() -> {
                    done.incrementAndGet(); // goroutines run in parallel: no plain ++
                    results.send(k * n);
                });
            }
            int sum = 0;
            for (int i = 0; i < n; i++) {
                sum += results.recv();
            }
            return "sum=" + sum + " done=" + (done.get() == n);
        }
    }
}
