package dev.stsbridge.bench.verifier;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CountDownLatch;
import java.util.function.Predicate;

/**
 * A closed-loop HTTP load driver: N client threads, each sending one request, waiting for the answer, and sending
 * the next, for a fixed time (JDK {@link HttpClient}, HTTP/1.1 keep-alive: one connection per client). Latency is
 * timed per request (send to last byte of the body); a request counts as an error unless its status is 200 and its
 * body passes the check.
 */
final class HttpLoad {

    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10)).build();

    /** What one run measured. */
    record Result(int clients, Duration duration, long[] sortedLatencyNanos, Map<String, Long> errors) {
        long requests() {
            return sortedLatencyNanos.length;
        }

        long errorCount() {
            return errors.values().stream().mapToLong(Long::longValue).sum();
        }

        /** Successful requests per second. */
        double rate() {
            return (requests() - errorCount()) / (duration.toNanos() / 1e9);
        }

        /** The latency at quantile {@code q} (0..1) in milliseconds, nearest rank. */
        double percentileMillis(double q) {
            if (sortedLatencyNanos.length == 0) {
                return Double.NaN;
            }
            int rank = (int) Math.ceil(q * sortedLatencyNanos.length) - 1;
            return sortedLatencyNanos[Math.max(0, Math.min(rank, sortedLatencyNanos.length - 1))] / 1e6;
        }
    }

    /** Sends {@code request} from {@code clients} threads for {@code duration}. */
    Result run(HttpRequest request, Predicate<String> bodyOk, int clients, Duration duration) {
        CountDownLatch start = new CountDownLatch(1);
        List<Worker> workers = new ArrayList<>();
        for (int i = 0; i < clients; i++) {
            Worker worker = new Worker(request, bodyOk, start);
            workers.add(worker);
            worker.thread.start();
        }
        long begin = System.nanoTime();
        long end = begin + duration.toNanos();
        workers.forEach(w -> w.end = end);
        start.countDown();
        workers.forEach(Worker::join);
        Duration measured = Duration.ofNanos(Math.max(System.nanoTime(), end) - begin);
        long[] latencies = workers.stream().flatMapToLong(w -> Arrays.stream(w.latencies, 0, w.count)).sorted()
                .toArray();
        Map<String, Long> errors = new TreeMap<>();
        workers.forEach(w -> w.errors.forEach((k, v) -> errors.merge(k, v, Long::sum)));
        return new Result(clients, measured, latencies, errors);
    }

    /** One request, answered. */
    HttpResponse<String> sendOnce(HttpRequest request) throws IOException, InterruptedException {
        return client.send(request, HttpResponse.BodyHandlers.ofString());
    }

    static HttpRequest post(URI endpoint, String formBody) {
        return HttpRequest.newBuilder(endpoint).timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/x-www-form-urlencoded; charset=utf-8")
                .POST(HttpRequest.BodyPublishers.ofString(formBody)).build();
    }

    private final class Worker {
        final Thread thread;
        final HttpRequest request;
        final Predicate<String> bodyOk;
        final CountDownLatch start;
        final Map<String, Long> errors = new TreeMap<>();
        volatile long end;
        long[] latencies = new long[1 << 14];
        int count;

        Worker(HttpRequest request, Predicate<String> bodyOk, CountDownLatch start) {
            this.request = request;
            this.bodyOk = bodyOk;
            this.start = start;
            this.thread = new Thread(this::loop, "load-client");
        }

        private void loop() {
            try {
                start.await();
            } catch (InterruptedException e) {
                return;
            }
            while (System.nanoTime() < end) {
                long sent = System.nanoTime();
                String error = send();
                record(System.nanoTime() - sent);
                if (error != null) {
                    errors.merge(error, 1L, Long::sum);
                }
            }
        }

        /** Null when the answer is right, else what was wrong. */
        private String send() {
            try {
                HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() != 200) {
                    return "HTTP " + response.statusCode();
                }
                return bodyOk.test(response.body()) ? null : "unexpected body";
            } catch (IOException e) {
                return e.getClass().getSimpleName();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return "interrupted";
            }
        }

        private void record(long nanos) {
            if (count == latencies.length) {
                latencies = Arrays.copyOf(latencies, count * 2);
            }
            latencies[count++] = nanos;
        }

        void join() {
            try {
                thread.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
