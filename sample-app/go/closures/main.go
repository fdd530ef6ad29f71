// Closures passed around: a helper that takes a func, a retry loop, time.AfterFunc, sync.Once,
// an errgroup, context.AfterFunc and a recursive closure. Every func here may block.
// The jgo translation, line for line, is sample-app/src/main/java/io/jgo/sample/Closures.java.
package main

import (
	"context"
	"errors"
	"fmt"
	"sync"
	"time"
)

// guard runs f and reports how it went: a helper that takes a closure.
func guard(name string, f func() error) {
	if err := f(); err != nil {
		fmt.Printf("%s: failed: %v\n", name, err)
		return
	}
	fmt.Printf("%s: ok\n", name)
}

// retry calls f until it succeeds, at most n times, sleeping between attempts.
func retry(n int, f func(attempt int) error) error {
	var err error
	for i := 1; i <= n; i++ {
		if err = f(i); err == nil {
			return nil
		}
		time.Sleep(time.Millisecond)
	}
	return err
}

func main() {
	results := make(chan string)
	go func() {
		for _, r := range []string{"a", "b", "c"} {
			results <- r
		}
	}()
	guard("receive two", func() error {
		fmt.Println("got", <-results, <-results)
		return nil
	})
	guard("receive one more", func() error {
		r := <-results
		return errors.New("nothing after " + r)
	})

	err := retry(3, func(attempt int) error {
		fmt.Println("attempt", attempt)
		if attempt < 3 {
			return errors.New("not yet")
		}
		return nil
	})
	fmt.Println("retry done, error:", err != nil)

	fired := make(chan string)
	time.AfterFunc(5*time.Millisecond, func() { fired <- "timer fired" })
	fmt.Println(<-fired)

	var once sync.Once
	var wg sync.WaitGroup
	config := ""
	for i := 0; i < 3; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			once.Do(func() {
				time.Sleep(5 * time.Millisecond)
				config = "loaded"
			})
		}()
	}
	wg.Wait()
	fmt.Println("config:", config)

	var g Group
	sums := make([]int, 3)
	for i := 0; i < 3; i++ {
		g.Go(func() error {
			time.Sleep(time.Duration(i) * time.Millisecond)
			if i == 2 {
				return fmt.Errorf("part %d failed", i)
			}
			sums[i] = (i + 1) * 10
			return nil
		})
	}
	fmt.Println("errgroup:", g.Wait(), sums[0], sums[1], sums[2])

	ctx, cancel := context.WithCancel(context.Background())
	stopped := make(chan string)
	context.AfterFunc(ctx, func() { stopped <- "context done: " + ctx.Err().Error() })
	cancel()
	fmt.Println(<-stopped)

	var fib func(n int) int
	fib = func(n int) int {
		if n < 2 {
			return n
		}
		return fib(n-1) + fib(n-2)
	}
	fmt.Println("fib(20) =", fib(20))
}

// Group is the part of golang.org/x/sync/errgroup this program uses, so that it runs with the
// standard library alone: Go starts f in a goroutine; Wait waits for all and returns the first error.
type Group struct {
	wg      sync.WaitGroup
	errOnce sync.Once
	err     error
}

func (g *Group) Go(f func() error) {
	g.wg.Add(1)
	go func() {
		defer g.wg.Done()
		if err := f(); err != nil {
			g.errOnce.Do(func() { g.err = err })
		}
	}()
}

func (g *Group) Wait() error {
	g.wg.Wait()
	return g.err
}
