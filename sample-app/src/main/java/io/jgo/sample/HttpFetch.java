package io.jgo.sample;

import static io.jgo.Jgo.await;
import static io.jgo.Jgo.go;

import com.sun.net.httpserver.HttpServer;
import io.jgo.Chan;
import io.jgo.Jgo;
import io.jgo.annotation.Go;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Chapter "http": concurrent HTTP requests. The chapter starts the JDK's own HTTP server on a free
 * loopback port (each answer takes 50 ms); goroutines fetch pages with
 * {@code HttpClient.sendAsync} and {@code Jgo.await}, which parks the goroutine until the
 * response arrives: no carrier thread waits for the network.
 */
final class HttpFetch {
    static final int REQUESTS = 20;

    private HttpFetch() {
    }

    /** One goroutine: {@code resp, err := http.Get(url); results <- ...}. */
    @Go
    static void fetch(HttpClient client, URI uri, Chan<String> results) {
        HttpRequest request = HttpRequest.newBuilder(uri).GET().build();
        HttpResponse<String> response = await(client.sendAsync(request, HttpResponse.BodyHandlers.ofString()));
        results.send(response.statusCode() + " " + response.body());
    }

    @Go
    static int main(HttpClient client, String base, int n) {
        Chan<String> results = Chan.make();
        for (int i = 0; i < n; i++) {
            URI uri = URI.create(base + "/page/" + i);
            go(() -> fetch(client, uri, results));
        }
        int ok = 0;
        for (int i = 0; i < n; i++) {
            String r = results.recv();
            if (r.startsWith("200 ")) {
                ok++;
            }
            if (i < 3) {
                System.out.println("  " + r);
            }
        }
        return ok;
    }

    static void show() {
        HttpServer server;
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        } catch (IOException e) {
            System.out.println("  cannot start a loopback HTTP server here: " + e);
            return;
        }
        ExecutorService handlers = Executors.newFixedThreadPool(REQUESTS);
        server.setExecutor(handlers);
        server.createContext("/page/", exchange -> {
            try {
                Thread.sleep(50); // a slow backend: 50 ms per page
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            byte[] body = ("page " + exchange.getRequestURI().getPath().substring("/page/".length()))
                    .getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream os = exchange.getResponseBody()) {
                os.write(body);
            }
        });
        server.start();
        HttpClient client = HttpClient.newHttpClient();
        try {
            String base = "http://127.0.0.1:" + server.getAddress().getPort();
            long t0 = System.nanoTime();
            int ok = Jgo.run(HttpFetchGo.main(client, base, REQUESTS));
            long ms = (System.nanoTime() - t0) / 1_000_000;
            System.out.println("  ... " + ok + " of " + REQUESTS + " requests answered 200 by " + base
                    + " in " + ms + " ms (each answer takes 50 ms; they overlapped)");
        } finally {
            server.stop(0);
            handlers.shutdownNow();
        }
    }
}
