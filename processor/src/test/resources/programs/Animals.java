package p;

import io.jgo.*; import io.jgo.annotation.Go;
import static io.jgo.Jgo.*;
import java.util.*;

/** Virtual dispatch of @Go instance methods: overrides in subclasses and interface defaults. */
public class Animals {

    public static class Animal {
        final String name;

        public Animal(String name) {
            this.name = name;
        }

        @Go public String speak(int times) {
            gosched();
            return name + " makes " + times + " sounds";
        }

        @Go public String describe() {
            return "[" + speak(1) + "]"; // a @Go call on this: dispatches too
        }

        @Go public final String tag() {
            gosched();
            return "animal " + name;
        }

        @Go public static String kingdom() {
            gosched();
            return "animalia";
        }
    }

    public static class Dog extends Animal {
        public Dog(String name) {
            super(name);
        }

        @Override
        @Go public String speak(int times) {
            gosched();
            return name + " barks".repeat(times);
        }
    }

    /** Overrides nothing: inherits Dog's speak. */
    public static class Puppy extends Dog {
        public Puppy(String name) {
            super(name);
        }
    }

    public static class Box<T> {
        @Go public T open(T x) {
            gosched();
            return x;
        }
    }

    /** A generic override with a narrower erasure: javac adds a bridge, dispatch finds the real one. */
    public static class StringBox extends Box<String> {
        @Override
        @Go public String open(String x) {
            gosched();
            return "<" + x + ">";
        }
    }

    public interface Greeter {
        @Go default String greet(String who) {
            gosched();
            return "hello " + who;
        }
    }

    public interface LoudGreeter extends Greeter {
        @Override
        @Go default String greet(String who) {
            gosched();
            return "HELLO " + who.toUpperCase(Locale.ROOT);
        }
    }

    public static class Quiet implements Greeter {
    }

    public static class Loud implements LoudGreeter {
    }

    public static class Polite implements LoudGreeter {
        @Override
        @Go public String greet(String who) {
            gosched();
            return "good day, " + who;
        }
    }

    @Go static String chorus(List<Animal> animals, List<Greeter> greeters) {
        StringBuilder sb = new StringBuilder();
        for (Animal a : animals) {
            sb.append(a.speak(2)).append(" | ").append(a.describe()).append(" | ").append(a.tag()).append('\n');
        }
        Box<String> box = new StringBox();
        Box<String> plainBox = new Box<>();
        sb.append(box.open("x")).append(plainBox.open("y")).append(' ').append(Animal.kingdom()).append('\n');
        for (Greeter g : greeters) {
            sb.append(g.greet("ann")).append('\n');
        }
        return sb.toString();
    }

    @Go static String scenario() {
        List<Animal> animals = List.of(new Animal("cat"), new Dog("rex"), new Puppy("bit"), new Animal("cow") {
            // an anonymous subclass, not @Go: it inherits speak
        });
        return chorus(animals, List.of(new Quiet(), new Loud(), new Polite(), new Greeter() { }));
    }
}
