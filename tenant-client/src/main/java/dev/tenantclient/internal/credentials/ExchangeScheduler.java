/*
 * Copyright 2026 The tenant-client Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tenantclient.internal.credentials;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.LinkedTransferQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/**
 * Where and when exchanges run: on the exchange executor (the application's, or a bounded pool of our own), never
 * on the caller's thread; after a delay (the backoff) without a waiting thread; with at most
 * {@value #MAX_PENDING_REFRESHES} background refreshes queued or running. Knows whether the cache is closed.
 */
final class ExchangeScheduler implements AutoCloseable {

    /** Background refreshes queued or running at most; more are skipped (retried on a later call), as the SDK does. */
    static final int MAX_PENDING_REFRESHES = 100;

    private final Executor executor;
    private final @Nullable ThreadPoolExecutor ownedExecutor;
    private final AtomicInteger pendingRefreshes = new AtomicInteger();
    private volatile boolean closed;

    /**
     * @param executor the application's executor (not shut down here), or null for a pool of our own
     * @param maxConcurrentExchanges the threads of our own pool
     */
    ExchangeScheduler(@Nullable Executor executor, int maxConcurrentExchanges) {
        if (executor != null) {
            this.executor = executor;
            this.ownedExecutor = null;
        } else {
            ThreadPoolExecutor pool = defaultExecutor(maxConcurrentExchanges);
            this.executor = pool;
            this.ownedExecutor = pool;
        }
    }

    /**
     * The default exchange executor: at most {@code maxConcurrentExchanges} daemon threads (idle ones end after
     * 30 s), an unbounded queue. Never one thread per token. The queue is lock-free on offer
     * ({@link LinkedTransferQueue}), so an async caller handing an exchange over on an event loop never waits for
     * another thread's enqueue.
     */
    private static ThreadPoolExecutor defaultExecutor(int threads) {
        AtomicInteger n = new AtomicInteger();
        ThreadFactory factory = r -> {
            Thread t = new Thread(r, "tenant-client-credentials-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
        ThreadPoolExecutor pool =
                new ThreadPoolExecutor(threads, threads, 30, TimeUnit.SECONDS, new LinkedTransferQueue<>(), factory);
        pool.allowCoreThreadTimeOut(true);
        return pool;
    }

    /**
     * Hands a task to the executor, after {@code delayNanos} when positive (the JDK's delay scheduler hands it on;
     * no thread waits). Never throws.
     *
     * @param task the exchange
     * @param delayNanos the delay; zero or less for none
     * @param notStarted told when the task could not be handed over: the reason, or null when the cache closed
     */
    void execute(Runnable task, long delayNanos, Consumer<@Nullable Throwable> notStarted) {
        Runnable submit = () -> {
            try {
                executor.execute(task);
            } catch (Throwable t) { // rejected, or an Error: the caller must hear, never stay marked in flight
                notStarted.accept(closed ? null : t);
            }
        };
        if (delayNanos > 0) {
            try {
                CompletableFuture.delayedExecutor(delayNanos, TimeUnit.NANOSECONDS, Runnable::run)
                        .execute(submit);
            } catch (Throwable t) {
                notStarted.accept(t);
            }
        } else {
            submit.run();
        }
    }

    /**
     * Takes a place for a background refresh, when fewer than {@value #MAX_PENDING_REFRESHES} are pending.
     *
     * @return whether one was free (then {@link #refreshEnded()} must follow)
     */
    boolean tryStartRefresh() {
        if (pendingRefreshes.incrementAndGet() > MAX_PENDING_REFRESHES) {
            pendingRefreshes.decrementAndGet(); // skipped: a later call tries again
            return false;
        }
        return true;
    }

    /** Gives back the place {@link #tryStartRefresh()} took. */
    void refreshEnded() {
        pendingRefreshes.decrementAndGet();
    }

    /** @return whether the cache is closed: no more exchanges start */
    boolean closed() {
        return closed;
    }

    /** Marks the cache closed and stops our own pool (the application's executor is left alone). */
    @Override
    public void close() {
        closed = true;
        if (ownedExecutor != null) {
            ownedExecutor.shutdownNow();
        }
    }
}
