/*
 * Copyright 2026 The tenant-client Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tenantclient.internal.credentials;

import dev.tenantclient.InvalidTenantTokenException;
import dev.tenantclient.InvalidTenantTokenException.Reason;
import dev.tenantclient.Tenant;
import dev.tenantclient.TenantObservations;
import dev.tenantclient.TenantSession;
import dev.tenantclient.internal.IdToken;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;

/**
 * One token and its credentials: the state machine behind a session's credentials provider.
 *
 * <ul>
 *   <li><b>current</b>: credentials served while {@linkplain Issued#servableAt servable} (a hit takes no lock); past
 *       their refresh time a hit also starts one background refresh;
 *   <li><b>in flight</b>: at most one exchange per token, which every caller joins (the single flight);
 *   <li><b>backoff</b>: after a failure the next exchange waits a jittered delay; a caller whose deadline the delay
 *       outlasts gets the last failure at once;
 *   <li><b>stale on error</b>: a failed refresh keeps the current credentials served until they stop being servable;
 *   <li><b>rejected</b>: a token the source refused stays refused;
 *   <li><b>never expired</b>: nothing is served past the credentials' expiry (less {@code minimumValidity}) or the
 *       token's {@code exp}.
 * </ul>
 *
 * <p>Credential state is guarded by {@code this}; {@code current} is volatile so that the hit path takes no lock.
 * The entry also keeps the token's {@link TenantSession}, made once.
 */
public final class TokenEntry {

    /** What every entry of one cache shares. */
    record Context(
            Clock clock,
            Duration exchangeTimeout,
            Backoff backoff,
            ExchangeScheduler scheduler,
            CredentialsSource source,
            ExchangeReporter reporter,
            CredentialsCounters counters,
            TenantObservations observations) {}

    private final Context context;
    private final String rawToken;
    private final IdToken token;
    private volatile @Nullable Issued current;
    private volatile boolean invalidated;
    private @Nullable CompletableFuture<Issued> inFlight;
    private long nextAttemptNanos;
    private int consecutiveFailures;
    private @Nullable RuntimeException lastFailure;
    private @Nullable InvalidTenantTokenException rejected;
    private volatile @Nullable TenantSession session;

    TokenEntry(Context context, String rawToken, IdToken token) {
        this.context = context;
        this.rawToken = rawToken;
        this.token = token;
    }

    /** @return the tenant the token names */
    public Tenant tenant() {
        return token.tenant();
    }

    /** @return the token's {@code exp} */
    public Instant tokenExpiresAt() {
        return token.expiresAt();
    }

    /**
     * The token's session, made on the first call and kept with the entry (so a cached token costs no allocation).
     *
     * @param make makes the session; may run more than once under a race, one result wins
     * @return the session
     */
    public TenantSession session(Function<? super TokenEntry, ? extends TenantSession> make) {
        TenantSession s = session;
        if (s == null) {
            s = make.apply(this);
            session = s;
        }
        return s;
    }

    /**
     * Credentials for this token: cached ones while valid (starting a background refresh when due), otherwise
     * the result of the one exchange in flight, waited for at most {@code exchangeTimeout}.
     *
     * @return session credentials with at least {@code minimumValidity} left
     */
    public AwsSessionCredentials credentials() {
        return issued(true).credentials();
    }

    /**
     * The identity id of the token's user (exchanging the token first if needed). Not counted in the hit and miss
     * statistics, which count credential requests.
     *
     * @return the identity id
     */
    public String identityId() {
        return issued(false).identityId();
    }

    /**
     * Credentials for this token without blocking: a completed future on a cache hit, otherwise the one exchange
     * in flight (joined or started; it runs on the exchange executor), failed with the same exceptions as
     * {@link #credentials()} — within {@code exchangeTimeout} (the exchange's own deadline) with
     * {@code CredentialsUnavailableException}. No thread waits for the source on this path; the statistics count it
     * as {@link #credentials()} does (a caller that gives up is not counted as abandoned: none waits).
     *
     * @return the future credentials
     */
    public CompletableFuture<AwsSessionCredentials> credentialsAsync() {
        CompletableFuture<Issued> future;
        try {
            checkUsable();
            long now = context.clock().millis();
            Issued cur = current;
            if (cur != null && cur.servableAt(now)) {
                context.counters().hit();
                if (now >= cur.refreshAtMillis()) {
                    maybeRefresh(cur);
                }
                return CompletableFuture.completedFuture(cur.credentials());
            }
            checkTokenNotExpired(now);
            future = flight(Deadline.after(context.exchangeTimeout()), true);
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
        // No timer of its own: the exchange runs inside its deadline (slot, rate limits and apiCallTimeout all
        // take their time from it), so the future fails with CredentialsUnavailableException by then at the
        // latest. A per-caller timer would take a lock shared with other threads, on the caller's thread.
        return future.handle((issued, error) -> {
            if (error != null) {
                throw ExchangeFailures.rethrow(CognitoCalls.unwrap(error));
            }
            return issued.credentials();
        });
    }

    /** Marks the entry invalidated (sign-out): sessions holding it stop serving credentials. */
    void invalidate() {
        invalidated = true;
    }

    private Issued issued(boolean counted) {
        checkUsable();
        long now = context.clock().millis();
        Issued cur = current;
        if (cur != null && cur.servableAt(now)) {
            if (counted) {
                context.counters().hit();
            }
            if (now >= cur.refreshAtMillis()) {
                maybeRefresh(cur);
            }
            return cur;
        }
        checkTokenNotExpired(now);
        return awaitExchange(counted);
    }

    private void checkUsable() {
        if (context.scheduler().closed()) {
            throw ExchangeFailures.closed();
        }
        if (invalidated) {
            throw new IllegalStateException("This session's token was invalidated (sign-out);"
                    + " call TenantClient.session(token) again to use the token");
        }
    }

    private void checkTokenNotExpired(long nowMillis) {
        if (nowMillis >= token.expiresAt().toEpochMilli()) {
            throw new InvalidTenantTokenException(Reason.EXPIRED, "ID token expired at " + token.expiresAt());
        }
    }

    // `current != cur` is deliberately by identity: the refresh belongs to the snapshot the caller saw.
    @SuppressWarnings("ReferenceEquality")
    private void maybeRefresh(Issued cur) {
        // A new exchange cannot outlive the token: refreshing only helps while the token outlives what we hold.
        ExchangeScheduler scheduler = context.scheduler();
        if (!token.expiresAt().isAfter(cur.servableUntil()) || scheduler.closed()) {
            return;
        }
        synchronized (this) {
            if (inFlight != null
                    || current != cur
                    || rejected != null
                    || (consecutiveFailures > 0 && System.nanoTime() - nextAttemptNanos < 0)) {
                return;
            }
            if (!scheduler.tryStartRefresh()) {
                return; // skipped: a later call tries again
            }
            CompletableFuture<Issued> future = new CompletableFuture<>();
            inFlight = future;
            var unused = future.whenComplete((i, t) -> scheduler.refreshEnded());
            // never throws: a failure to start is this refresh's failure, not the caller's
            start(future, true, Deadline.after(context.exchangeTimeout()), 0);
        }
    }

    private Issued awaitExchange(boolean counted) {
        Deadline deadline = Deadline.after(context.exchangeTimeout());
        CompletableFuture<Issued> future = flight(deadline, counted);
        try {
            long left = deadline.remainingNanos();
            if (left <= 0 && !future.isDone()) {
                throw new TimeoutException();
            }
            return future.get(Math.max(0, left), TimeUnit.NANOSECONDS);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            throw ExchangeFailures.rethrow(cause == null ? e : cause);
        } catch (TimeoutException e) {
            context.counters().abandoned();
            throw ExchangeFailures.timedOut(
                    token.tenant().org(),
                    context.exchangeTimeout(),
                    context.source().serviceName());
        } catch (InterruptedException e) {
            context.counters().abandoned();
            Thread.currentThread().interrupt();
            throw ExchangeFailures.interrupted(token.tenant().org());
        }
    }

    /**
     * The single flight: current credentials when servable (a completed future), otherwise the exchange in
     * flight, joined or started. Never waits except for this entry's lock.
     *
     * @throws RuntimeException the last failure, when inside a backoff that outlasts the deadline, or the
     *     rejection of a token the source refused
     */
    private CompletableFuture<Issued> flight(Deadline deadline, boolean counted) {
        CompletableFuture<Issued> future;
        synchronized (this) {
            InvalidTenantTokenException refusal = rejected;
            if (refusal != null) {
                context.counters().refused();
                throw ExchangeFailures.copyOf(refusal);
            }
            Issued cur = current;
            if (cur != null && cur.servableAt(context.clock().millis())) {
                if (counted) {
                    context.counters().hit();
                }
                return CompletableFuture.completedFuture(cur);
            }
            CompletableFuture<Issued> running = inFlight;
            if (running == null) {
                long wait = consecutiveFailures > 0 ? nextAttemptNanos - System.nanoTime() : 0;
                if (wait > 0 && wait >= deadline.remainingNanos()) {
                    // inside the backoff and it outlasts the caller's deadline: answer with the last failure
                    context.counters().refused();
                    throw ExchangeFailures.copyOfFailure(
                            lastFailure, context.source().serviceName());
                }
                CompletableFuture<Issued> mine = new CompletableFuture<>();
                inFlight = mine;
                // may fail the future at once (executor refused): we still wait on our own future
                start(mine, false, deadline, Math.max(0, wait));
                future = mine;
            } else {
                future = running;
            }
        }
        if (counted) {
            context.counters().miss();
        }
        return future;
    }

    /** Hands the exchange to the scheduler (after {@code delayNanos}); a failure to do so fails the future. */
    private void start(CompletableFuture<Issued> future, boolean refresh, Deadline deadline, long delayNanos) {
        context.scheduler()
                .execute(() -> runExchange(future, refresh, deadline), delayNanos, t -> finish(future, refresh, t));
    }

    private void runExchange(CompletableFuture<Issued> future, boolean refresh, Deadline deadline) {
        long started = System.nanoTime();
        TenantObservations.Observed observed = context.observations().exchange(token.tenant(), refresh);
        var unusedObserving = future.whenComplete((issued, failure) -> observed.stop(failure));
        try {
            if (context.scheduler().closed()) {
                finish(future, refresh, null);
                return;
            }
            if (deadline.passed()) {
                throw new DeadlineExceeded("queued for an exchange thread past the deadline");
            }
            // a blocking source completes on this thread; an async one frees it at once and completes later
            var unused = context.source().exchange(rawToken, token, deadline).whenComplete((done, error) -> {
                if (error != null) {
                    finish(future, refresh, CognitoCalls.unwrap(error));
                } else {
                    succeeded(future, refresh, done, started);
                }
            });
        } catch (Throwable t) { // Errors too: every waiter must hear, every slot is already released
            finish(future, refresh, t);
        }
    }

    private void succeeded(CompletableFuture<Issued> future, boolean refresh, Issued issued, long started) {
        synchronized (this) {
            if (!invalidated) {
                current = issued;
            }
            inFlight = null;
            consecutiveFailures = 0;
            lastFailure = null;
        }
        context.reporter().succeeded(token.tenant().org(), issued, refresh, System.nanoTime() - started);
        future.complete(issued);
    }

    /** Ends a failed exchange: {@code t} null means the cache closed. */
    private void finish(CompletableFuture<Issued> future, boolean refresh, @Nullable Throwable t) {
        CredentialsSource source = context.source();
        Outcome outcome = Outcome.of(t, context.scheduler().closed(), source);
        String tenant = token.tenant().org();
        RuntimeException failure =
                ExchangeFailures.of(outcome, t, tenant, rawToken, context.exchangeTimeout(), source.serviceName());
        Instant servingUntil = null;
        Instant nextAttempt = null;
        synchronized (this) {
            inFlight = null;
            if (outcome == Outcome.REJECTED && failure instanceof InvalidTenantTokenException refusal) {
                rejected = refusal;
                current = null;
            }
            if (outcome == Outcome.FAILED) {
                consecutiveFailures++;
                long delay = context.backoff().delayNanos(consecutiveFailures);
                nextAttemptNanos = System.nanoTime() + delay;
                nextAttempt = context.clock().instant().plusNanos(delay);
                lastFailure = failure;
            }
            Issued cur = current;
            if (cur != null && cur.servableAt(context.clock().millis())) {
                servingUntil = cur.servableUntil();
            }
        }
        context.reporter().failed(outcome, t, tenant, refresh, servingUntil, nextAttempt);
        future.completeExceptionally(failure);
    }

    @Override
    public String toString() {
        return "TokenEntry{tenant=" + token.tenant().org() + ", tokenExpiresAt=" + token.expiresAt() + "}";
    }
}
