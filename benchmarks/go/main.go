// Command jgobench runs one workload of jgo's benchmark suite in Go, the reference the jgo
// versions are compared with. benchmarks/run.sh builds it and runs it in a fresh process per
// measurement, with GOMAXPROCS set in the environment.
//
// Usage: jgobench --workload NAME --n SIZE [--warmup SIZE [--warmup-rounds R]]
//
// It prints "RESULT <metric> <value> <unit> <n>" lines and "CHECK <workload> ok", the protocol
// the Java harness (io.jgo.bench.Harness) parses. Every workload checks its computed answer and
// exits with status 1 if it is wrong.
package main

import (
	"bufio"
	"context"
	"flag"
	"fmt"
	"os"
	"runtime"
	"strconv"
	"strings"
	"sync"
	"time"
)

// Fixed shapes, the same as in io.jgo.bench.Workload.
const (
	bufferedProducers = 4
	bufferedConsumers = 4
	bufferedCapacity  = 1024
	selectChannels    = 4
	timerSleeps       = 100 // sleeps per goroutine
	timerSleep        = 10 * time.Microsecond
	mutexWorkers      = 4
	mutexCrowd        = 100  // goroutines of the mutex-100 row
	fanInProducers    = 1000 // producers of the fan-in row
	mixRounds         = 32   // rounds of mix per value in the select-work row
)

func main() {
	workload := flag.String("workload", "", "skynet|pingpong|sieve|buffered|parked|select|timers|mutex-uncontended|mutex-contended|select-work|timer-reset|ctx-cancel|mutex-100|fan-in")
	n := flag.Int("n", 0, "size")
	warmup := flag.Int("warmup", 0, "size of the warm-up runs before the measured one (0: none)")
	warmupRounds := flag.Int("warmup-rounds", 5, "number of warm-up runs (the harness passes the JVM side's)")
	flag.Parse()
	if *n <= 0 {
		fail("--n must be a positive size")
	}
	if *workload == "skynet" && (!powerOf10(*n) || (*warmup > 0 && !powerOf10(*warmup))) {
		fail("skynet: the number of leaves must be a power of 10 (such as 1000 or 1000000)")
	}
	if *warmupRounds < 0 {
		fail("--warmup-rounds must not be negative")
	}
	if *warmup > 0 {
		for r := 0; r < *warmupRounds; r++ {
			run(*workload, *warmup, false)
		}
		// The rehearsal the JVM contenders do (Workload.rehearses): one run at the measured
		// size, then the warm-up runs again, so that every contender's measured run follows
		// the same work.
		if *workload != "parked" && *warmupRounds > 0 {
			run(*workload, *n, false)
			for r := 0; r < *warmupRounds; r++ {
				run(*workload, *warmup, false)
			}
		}
	}
	run(*workload, *n, true)
	fmt.Printf("CHECK %s ok\n", *workload)
}

func run(workload string, n int, report bool) {
	start := time.Now()
	switch workload {
	case "skynet":
		c := make(chan int)
		go skynet(c, 0, n, 10)
		sum := <-c
		el := time.Since(start)
		check(int64(sum), int64(n)*int64(n-1)/2)
		result(report, "skynet", ms(el), "ms", n)
	case "pingpong":
		got := pingPong(n)
		el := time.Since(start)
		check(got, int64(n)*int64(n-1)/2)
		result(report, "pingpong", float64(el.Nanoseconds())/float64(n), "ns/rt", n)
	case "sieve":
		p := sieve(n)
		el := time.Since(start)
		check(int64(p), int64(nthPrime(n)))
		result(report, "sieve", ms(el), "ms", n)
	case "buffered":
		sum := buffered(n)
		el := time.Since(start)
		check(sum, int64(n)*int64(n-1)/2)
		result(report, "buffered", float64(n)/el.Seconds()/1e6, "Mmsg/s", n)
	case "select":
		sum := selectLoop(n)
		el := time.Since(start)
		check(sum, int64(n)*int64(n-1)/2)
		result(report, "select", float64(el.Nanoseconds())/float64(n), "ns/op", n)
	case "timers":
		total := timers(n)
		el := time.Since(start)
		check(total, int64(n)*timerSleeps)
		result(report, "timers", ms(el), "ms", n)
	case "mutex-uncontended":
		var mu sync.Mutex
		counter := 0
		for i := 0; i < n; i++ {
			mu.Lock()
			counter++
			mu.Unlock()
		}
		el := time.Since(start)
		check(int64(counter), int64(n))
		result(report, "mutex-uncontended", float64(el.Nanoseconds())/float64(n), "ns/op", n)
	case "mutex-contended":
		got := mutexContended(n)
		el := time.Since(start)
		check(got, int64(n/mutexWorkers*mutexWorkers))
		result(report, "mutex-contended", float64(el.Nanoseconds())/float64(n), "ns/op", n)
	case "select-work":
		sum := selectWork(n)
		el := time.Since(start)
		var want int64
		for v := 0; v < n; v++ {
			want += mix(int64(v), v%selectChannels)
		}
		check(sum, want)
		result(report, "select-work", float64(el.Nanoseconds())/float64(n), "ns/op", n)
	case "timer-reset":
		stopped := timerReset(n)
		el := time.Since(start)
		check(stopped, int64(n))
		result(report, "timer-reset", ms(el), "ms", n)
	case "ctx-cancel":
		got := ctxCancel(n)
		el := time.Since(start)
		check(got, int64(n))
		result(report, "ctx-cancel", ms(el), "ms", n)
	case "mutex-100":
		got := mutexCrowdLoop(n)
		el := time.Since(start)
		check(got, int64(n/mutexCrowd*mutexCrowd))
		result(report, "mutex-100", float64(el.Nanoseconds())/float64(n), "ns/op", n)
	case "fan-in":
		sum := fanIn(n)
		el := time.Since(start)
		check(sum, int64(n)*int64(n-1)/2)
		result(report, "fan-in", float64(el.Nanoseconds())/float64(n), "ns/msg", n)
	case "parked":
		parked(n, report)
	default:
		fail("unknown workload " + strconv.Quote(workload))
	}
}

// skynet: every node spawns ten children and sums what they send back on one unbuffered channel.
func skynet(c chan int, num, size, div int) {
	if size == 1 {
		c <- num
		return
	}
	rc := make(chan int)
	sum := 0
	for i := 0; i < div; i++ {
		go skynet(rc, num+i*(size/div), size/div, div)
	}
	for i := 0; i < div; i++ {
		sum += <-rc
	}
	c <- sum
}

// pingPong: n round trips between two goroutines over two unbuffered channels.
func pingPong(n int) int64 {
	ping, pong := make(chan int), make(chan int)
	go func() {
		for i := 0; i < n; i++ {
			v := <-ping
			pong <- v
		}
	}()
	var sum int64
	done := make(chan int64)
	go func() {
		var s int64
		for i := 0; i < n; i++ {
			ping <- i
			s += int64(<-pong)
		}
		done <- s
	}()
	sum = <-done
	return sum
}

// sieve: the concurrent prime sieve of the Go tour; returns the n-th prime.
func sieve(n int) int {
	ch := make(chan int)
	go func(out chan<- int) {
		for i := 2; ; i++ {
			out <- i
		}
	}(ch)
	prime := 0
	for i := 0; i < n; i++ {
		prime = <-ch
		in, out := ch, make(chan int)
		go func(p int) {
			for {
				v := <-in
				if v%p != 0 {
					out <- v
				}
			}
		}(prime)
		ch = out
	}
	return prime
}

func nthPrime(n int) int {
	count := 0
	for c := 2; ; c++ {
		isPrime := true
		for d := 2; d*d <= c; d++ {
			if c%d == 0 {
				isPrime = false
				break
			}
		}
		if isPrime {
			count++
			if count == n {
				return c
			}
		}
	}
}

// buffered: producers send 0..n-1 between them into one buffered channel; consumers range over it.
func buffered(n int) int64 {
	ch := make(chan int, bufferedCapacity)
	var producers sync.WaitGroup
	per := n / bufferedProducers
	for p := 0; p < bufferedProducers; p++ {
		lo, hi := p*per, (p+1)*per
		if p == bufferedProducers-1 {
			hi = n
		}
		producers.Add(1)
		go func() {
			defer producers.Done()
			for i := lo; i < hi; i++ {
				ch <- i
			}
		}()
	}
	sums := make(chan int64, bufferedConsumers)
	for c := 0; c < bufferedConsumers; c++ {
		go func() {
			var s int64
			for v := range ch {
				s += int64(v)
			}
			sums <- s
		}()
	}
	producers.Wait()
	close(ch)
	var total int64
	for c := 0; c < bufferedConsumers; c++ {
		total += <-sums
	}
	return total
}

// selectLoop: one goroutine selects over selectChannels unbuffered channels, each fed by its own
// producer, until it has received n values.
func selectLoop(n int) int64 {
	chans := make([]chan int, selectChannels)
	for i := range chans {
		chans[i] = make(chan int)
	}
	for k := 0; k < selectChannels; k++ {
		c := chans[k]
		k := k
		go func() {
			for i := k; i < n; i += selectChannels {
				c <- i
			}
		}()
	}
	var sum int64
	for i := 0; i < n; i++ {
		select {
		case v := <-chans[0]:
			sum += int64(v)
		case v := <-chans[1]:
			sum += int64(v)
		case v := <-chans[2]:
			sum += int64(v)
		case v := <-chans[3]:
			sum += int64(v)
		}
	}
	return sum
}

// timers: n goroutines, each sleeping timerSleeps times for timerSleep.
func timers(n int) int64 {
	done := make(chan int, n)
	for g := 0; g < n; g++ {
		go func() {
			for i := 0; i < timerSleeps; i++ {
				time.Sleep(timerSleep)
			}
			done <- timerSleeps
		}()
	}
	var total int64
	for g := 0; g < n; g++ {
		total += int64(<-done)
	}
	return total
}

func mutexContended(n int) int64 {
	var mu sync.Mutex
	var counter int64
	var wg sync.WaitGroup
	per := n / mutexWorkers
	for w := 0; w < mutexWorkers; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := 0; i < per; i++ {
				mu.Lock()
				counter++
				mu.Unlock()
			}
		}()
	}
	wg.Wait()
	return counter
}

// parked: n goroutines each blocked receiving on its own channel. Memory is measured after a GC,
// as heap (HeapAlloc + StackInuse: Go keeps goroutine stacks outside the heap) and as RSS.
// mix is the work of a select-work case body: mixRounds rounds of a 64-bit LCG step seeded by
// the value and the case's index (io.jgo.bench.Workload.mix computes the same bits).
func mix(v int64, kase int) int64 {
	x := uint64(v)
	for i := 0; i < mixRounds; i++ {
		x = x*6364136223846793005 + uint64(kase) + 1
	}
	return int64(x >> 33)
}

// selectWork: the select loop with work in every case body.
func selectWork(n int) int64 {
	chans := make([]chan int, selectChannels)
	for i := range chans {
		chans[i] = make(chan int)
	}
	for k := 0; k < selectChannels; k++ {
		c := chans[k]
		k := k
		go func() {
			for i := k; i < n; i += selectChannels {
				c <- i
			}
		}()
	}
	var sum int64
	for i := 0; i < n; i++ {
		select {
		case v := <-chans[0]:
			sum += mix(int64(v), 0)
		case v := <-chans[1]:
			sum += mix(int64(v), 1)
		case v := <-chans[2]:
			sum += mix(int64(v), 2)
		case v := <-chans[3]:
			sum += mix(int64(v), 3)
		}
	}
	return sum
}

// timerReset: n timers that would call a function in an hour, each reset to two hours, then
// each stopped; returns how many stops found the timer pending.
func timerReset(n int) int64 {
	nothing := func() {}
	timers := make([]*time.Timer, n)
	for i := 0; i < n; i++ {
		timers[i] = time.AfterFunc(time.Hour, nothing)
	}
	for i := 0; i < n; i++ {
		timers[i].Reset(2 * time.Hour)
	}
	var stopped int64
	for i := 0; i < n; i++ {
		if timers[i].Stop() {
			stopped++
		}
	}
	return stopped
}

// ctxCancel: n goroutines wait for one context; once all wait, it is cancelled and all end.
func ctxCancel(n int) int64 {
	ctx, cancel := context.WithCancel(context.Background())
	var started, finished sync.WaitGroup
	started.Add(n)
	finished.Add(n)
	for i := 0; i < n; i++ {
		go watch(ctx, &started, &finished)
	}
	started.Wait()
	cancel()
	finished.Wait()
	return int64(n)
}

func watch(ctx context.Context, started, finished *sync.WaitGroup) {
	started.Done()
	<-ctx.Done()
	finished.Done()
}

// mutexCrowdLoop: the contended Mutex loop with mutexCrowd goroutines.
func mutexCrowdLoop(n int) int64 {
	var mu sync.Mutex
	counter := []int64{0}
	done := make(chan bool, mutexCrowd)
	per := n / mutexCrowd
	for w := 0; w < mutexCrowd; w++ {
		go func() {
			for i := 0; i < per; i++ {
				mu.Lock()
				counter[0]++
				mu.Unlock()
			}
			done <- true
		}()
	}
	for w := 0; w < mutexCrowd; w++ {
		<-done
	}
	mu.Lock()
	result := counter[0]
	mu.Unlock()
	return result
}

// fanIn: fanInProducers producers, one unbuffered channel, one receiver.
func fanIn(n int) int64 {
	ch := make(chan int)
	for p := 0; p < fanInProducers; p++ {
		first := p
		go func() {
			for i := first; i < n; i += fanInProducers {
				ch <- i
			}
		}()
	}
	var sum int64
	for i := 0; i < n; i++ {
		sum += int64(<-ch)
	}
	return sum
}

func parked(n int, report bool) {
	heap0, rss0 := memory()
	start := time.Now()
	chans := make([]chan int, n)
	var started, finished sync.WaitGroup
	started.Add(n)
	finished.Add(n)
	for i := 0; i < n; i++ {
		c := make(chan int)
		chans[i] = c
		go func() {
			started.Done()
			<-c
			finished.Done()
		}()
	}
	started.Wait()
	spawn := time.Since(start)
	heap1, rss1 := memory()
	start = time.Now()
	for _, c := range chans {
		c <- 1
	}
	finished.Wait()
	release := time.Since(start)
	result(report, "parked.heap", float64(heap1-heap0)/float64(n), "B/g", n)
	result(report, "parked.rss", float64(rss1-rss0)/float64(n), "B/g", n)
	result(report, "parked.spawn", ms(spawn), "ms", n)
	result(report, "parked.release", ms(release), "ms", n)
	runtime.KeepAlive(chans)
}

func memory() (heap, rss int64) {
	runtime.GC()
	runtime.GC()
	var m runtime.MemStats
	runtime.ReadMemStats(&m)
	return int64(m.HeapAlloc + m.StackInuse), rssBytes()
}

func rssBytes() int64 {
	f, err := os.Open("/proc/self/status")
	if err != nil {
		return 0
	}
	defer f.Close()
	s := bufio.NewScanner(f)
	for s.Scan() {
		line := s.Text()
		if strings.HasPrefix(line, "VmRSS:") {
			fields := strings.Fields(line)
			kb, _ := strconv.ParseInt(fields[1], 10, 64)
			return kb * 1024
		}
	}
	return 0
}

func powerOf10(n int) bool {
	p := 1
	for p < n {
		p *= 10
	}
	return p == n
}

func ms(d time.Duration) float64 { return float64(d.Nanoseconds()) / 1e6 }

func result(report bool, metric string, value float64, unit string, n int) {
	if report {
		fmt.Printf("RESULT %s %.3f %s %d\n", metric, value, unit, n)
	}
}

func check(got, want int64) {
	if got != want {
		fail(fmt.Sprintf("CHECK FAILED: got %d, want %d", got, want))
	}
}

func fail(msg string) {
	fmt.Fprintln(os.Stderr, msg)
	fmt.Println(msg)
	os.Exit(1)
}
