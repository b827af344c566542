package io.storezero.load;

import java.net.http.HttpClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * Silent authentications for a set of logged-in users, taken round robin, in one of two shapes: a fixed number of
 * clients each sending its next request as soon as the last one answered (capacity, latency under a given
 * concurrency), or a fixed rate of requests per second whatever the answers take (soak: the load does not ease when
 * the server slows, and a request's latency counts from when it was due, so a stall is not hidden).
 */
public final class LoadGenerator {

    private final HttpClient http;
    private final SilentAuthentication request;
    private final List<Session> sessions;
    private final AtomicLong next = new AtomicLong();

    public LoadGenerator(HttpClient http, SilentAuthentication request, List<Session> sessions) {
        if (sessions.isEmpty()) {
            throw new IllegalArgumentException("no sessions to renew");
        }
        this.http = http;
        this.request = request;
        this.sessions = List.copyOf(sessions);
    }

    /** A load that runs until {@link #stop()}. */
    public final class Running {
        private final AtomicBoolean stopping = new AtomicBoolean();
        private final List<Thread> threads = new ArrayList<>();
        private final Recording recording;
        private ExecutorService pool;

        private Running(Recording recording) {
            this.recording = recording;
        }

        public Recording recording() {
            return recording;
        }

        /** Stops sending, waits for the requests under way, answers the recording. */
        public Recording stop() {
            stopping.set(true);
            try {
                for (Thread thread : threads) {
                    thread.join(TimeUnit.MINUTES.toMillis(2));
                }
                if (pool != null) {
                    pool.shutdown();
                    pool.awaitTermination(2, TimeUnit.MINUTES);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return recording;
        }
    }

    /** {@code clients} closed-loop clients; counting starts after {@code warmup}. */
    public Running startConcurrent(int clients, Duration warmup, Duration interval, boolean keepSamples) {
        Running running = new Running(new Recording(System.nanoTime() + warmup.toNanos(), interval.toNanos(), keepSamples));
        for (int c = 0; c < clients; c++) {
            Thread thread = new Thread(() -> {
                while (!running.stopping.get()) {
                    running.recording.record(request.send(http, nextSession()));
                }
            }, "load-client-" + c);
            thread.setDaemon(true);
            running.threads.add(thread);
            thread.start();
        }
        return running;
    }

    /** {@code perSecond} requests a second, each due at its own time; counting starts after {@code warmup}. */
    public Running startRate(double perSecond, Duration warmup, Duration interval, boolean keepSamples) {
        Running running = new Running(new Recording(System.nanoTime() + warmup.toNanos(), interval.toNanos(), keepSamples));
        // Enough threads that a slow answer never delays the next due request (up to 30 s of backlog at 8 req/s).
        running.pool = Executors.newFixedThreadPool(Math.max(8, (int) Math.ceil(perSecond * 4)), daemon("load-rate"));
        long periodNanos = (long) (1e9 / perSecond);
        Thread dispatcher = new Thread(() -> {
            long due = System.nanoTime();
            while (!running.stopping.get()) {
                long wait = due - System.nanoTime();
                if (wait > 0) {
                    LockSupport.parkNanos(wait);
                    continue;
                }
                long intended = due;
                Session session = nextSession();
                running.pool.execute(() -> {
                    SilentAuthentication.Sample sample = request.send(http, session);
                    running.recording.record(new SilentAuthentication.Sample(intended, sample.endNanos(), sample.outcome(), sample.node()));
                });
                due += periodNanos;
            }
        }, "load-dispatcher");
        dispatcher.setDaemon(true);
        running.threads.add(dispatcher);
        dispatcher.start();
        return running;
    }

    /** A fixed-concurrency run of {@code warmup + duration}. */
    public Recording concurrent(int clients, Duration warmup, Duration duration, Duration interval) {
        Running running = startConcurrent(clients, warmup, interval, false);
        sleep(warmup.plus(duration));
        return running.stop();
    }

    /** A fixed-rate run of {@code warmup + duration}. */
    public Recording rate(double perSecond, Duration warmup, Duration duration, Duration interval) {
        Running running = startRate(perSecond, warmup, interval, false);
        sleep(warmup.plus(duration));
        return running.stop();
    }

    private Session nextSession() {
        return sessions.get((int) (next.getAndIncrement() % sessions.size()));
    }

    private static java.util.concurrent.ThreadFactory daemon(String name) {
        AtomicLong count = new AtomicLong();
        return runnable -> {
            Thread thread = new Thread(runnable, name + "-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }

    /** The run's length: the load runs on its own threads meanwhile. */
    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
