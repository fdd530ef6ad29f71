// The Go twin of the "observe" chapter: a labelled request spawns a thousand workers that wait
// on one channel; pprof's grouped goroutine profile (debug=1) shows them as one entry.
package main

import (
	"context"
	"fmt"
	"os"
	"runtime"
	"runtime/pprof"
	"sync"
)

func worker(jobs <-chan int, started, done *sync.WaitGroup) {
	defer done.Done()
	started.Done()
	<-jobs
}

func main() {
	const n = 1000
	jobs := make(chan int)
	var started, done sync.WaitGroup
	pprof.Do(context.Background(), pprof.Labels("request", "r-17"), func(context.Context) {
		for i := 0; i < n; i++ {
			started.Add(1)
			done.Add(1)
			go worker(jobs, &started, &done) // inherits the labels
		}
	})
	started.Wait()
	pprof.Lookup("goroutine").WriteTo(os.Stdout, 1)
	fmt.Println("goroutines:", runtime.NumGoroutine())
	close(jobs)
	done.Wait()
	fmt.Println("after close(jobs):", runtime.NumGoroutine())
}
