/*
 * Copyright 2026 The tenant-client Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tenantclient.internal;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import com.github.benmanes.caffeine.cache.Scheduler;
import com.github.benmanes.caffeine.cache.Ticker;
import dev.tenantclient.CredentialsUnavailableException;
import dev.tenantclient.InvalidTenantTokenException;
import dev.tenantclient.InvalidTenantTokenException.Reason;
import dev.tenantclient.Tenant;
import dev.tenantclient.TenantLayout;
import dev.tenantclient.TenantObservations;
import dev.tenantclient.TokenVerifier;
import dev.tenantclient.credentials.CognitoCredentialsCache;
import dev.tenantclient.credentials.CredentialsListener;
import dev.tenantclient.credentials.CredentialsSettings;
import dev.tenantclient.credentials.CredentialsStats;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.LinkedTransferQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.core.exception.AbortedException;
import software.amazon.awssdk.services.cognitoidentity.CognitoIdentityAsyncClient;
import software.amazon.awssdk.services.cognitoidentity.CognitoIdentityClient;
import software.amazon.awssdk.services.cognitoidentity.model.NotAuthorizedException;

/**
 * The {@link CognitoCredentialsCache} implementation: parsed tokens and their credentials, per token.
 *
 * <p>Each entry is a {@link TokenEntry}: the parsed token and its credential state (current credentials, the one
 * exchange in flight, the backoff). Entries expire at the token's {@code exp} (Caffeine variable expiry, with a
 * scheduler so expired tokens leave without waiting for another write) and are bounded by {@code maximumTokens}.
 *
 * <p>Every exchange, foreground or refresh, runs on the exchange executor (bounded; pluggable), never on the
 * caller's thread: a caller only waits on the exchange's future, within its one deadline. So interrupting or
 * timing out a caller affects that caller alone; the exchange completes for the others.
 */
public final class TokenCache implements CognitoCredentialsCache, AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(CognitoCredentialsCache.class);
    /** Background refreshes queued or running at most; more are skipped (retried on a later call), as the SDK does. */
    static final int MAX_PENDING_REFRESHES = 100;

    private final String identityPoolId;
    private final String issuer;
    private final String audience;
    private final TenantLayout layout;
    private final TokenVerifier verifier;
    private final CredentialsSettings settings;
    private final CredentialsListener listener;
    private final TenantObservations observations;
    private final Clock clock;
    private final Cache<String, TokenEntry> entries;
    private final CredentialsExchange exchanger;
    private final Backoff backoff;
    private final Executor executor;
    private final ThreadPoolExecutor ownedExecutor;
    private final AtomicInteger pendingRefreshes = new AtomicInteger();
    private volatile boolean closed;

    private final LongAdder hits = new LongAdder();
    private final LongAdder misses = new LongAdder();
    private final LongAdder refused = new LongAdder();
    private final LongAdder abandoned = new LongAdder();
    private final LongAdder exchanges = new LongAdder();
    private final LongAdder refreshes = new LongAdder();
    private final LongAdder failures = new LongAdder();
    private final LongAdder getIdCalls = new LongAdder();

    /**
     * Creates a cache.
     *
     * @param cognito the Cognito Identity client (shared, not closed here)
     * @param identityPoolId the identity pool
     * @param userPoolId the user pool, {@code <region>_<id>}
     * @param audience the app client id the tokens must name, or null
     * @param layout the layout naming the tenant claims
     * @param verifier an extra token check
     * @param settings cache settings
     * @param clock the time source (tests pass a controllable one)
     */
    public TokenCache(
            CognitoIdentityClient cognito,
            String identityPoolId,
            String userPoolId,
            String audience,
            TenantLayout layout,
            TokenVerifier verifier,
            CredentialsSettings settings,
            Clock clock) {
        this(cognito, identityPoolId, userPoolId, audience, layout, verifier, settings, clock, TenantObservations.NONE);
    }

    /**
     * Creates a cache that reports its exchanges to {@code observations}; otherwise as the constructor above.
     *
     * @param cognito the Cognito Identity client (shared, not closed here)
     * @param identityPoolId the identity pool
     * @param userPoolId the user pool, {@code <region>_<id>}
     * @param audience the app client id the tokens must name, or null
     * @param layout the layout naming the tenant claims
     * @param verifier an extra token check
     * @param settings the cache settings
     * @param clock the time source for expiry
     * @param observations observes each exchange
     */
    public TokenCache(
            CognitoIdentityClient cognito,
            String identityPoolId,
            String userPoolId,
            String audience,
            TenantLayout layout,
            TokenVerifier verifier,
            CredentialsSettings settings,
            Clock clock,
            TenantObservations observations) {
        this(
                CognitoCalls.of(cognito),
                identityPoolId,
                userPoolId,
                audience,
                layout,
                verifier,
                settings,
                clock,
                observations);
    }

    /**
     * Creates a cache whose exchanges run on the async Cognito Identity client, as chains of futures: no thread waits
     * for Cognito.
     *
     * @param cognito the async Cognito Identity client (shared, not closed here)
     * @param identityPoolId the identity pool
     * @param userPoolId the user pool, {@code <region>_<id>}
     * @param audience the app client id the tokens must name, or null
     * @param layout the layout naming the tenant claims
     * @param verifier an extra token check
     * @param settings cache settings
     * @param clock the time source (tests pass a controllable one)
     */
    public TokenCache(
            CognitoIdentityAsyncClient cognito,
            String identityPoolId,
            String userPoolId,
            String audience,
            TenantLayout layout,
            TokenVerifier verifier,
            CredentialsSettings settings,
            Clock clock) {
        this(cognito, identityPoolId, userPoolId, audience, layout, verifier, settings, clock, TenantObservations.NONE);
    }

    /**
     * Creates a cache that reports its exchanges to {@code observations}; otherwise as the constructor above.
     *
     * @param cognito the Cognito Identity client (shared, not closed here)
     * @param identityPoolId the identity pool
     * @param userPoolId the user pool, {@code <region>_<id>}
     * @param audience the app client id the tokens must name, or null
     * @param layout the layout naming the tenant claims
     * @param verifier an extra token check
     * @param settings the cache settings
     * @param clock the time source for expiry
     * @param observations observes each exchange
     */
    public TokenCache(
            CognitoIdentityAsyncClient cognito,
            String identityPoolId,
            String userPoolId,
            String audience,
            TenantLayout layout,
            TokenVerifier verifier,
            CredentialsSettings settings,
            Clock clock,
            TenantObservations observations) {
        this(
                CognitoCalls.of(cognito),
                identityPoolId,
                userPoolId,
                audience,
                layout,
                verifier,
                settings,
                clock,
                observations);
    }

    private TokenCache(
            CognitoCalls cognito,
            String identityPoolId,
            String userPoolId,
            String audience,
            TenantLayout layout,
            TokenVerifier verifier,
            CredentialsSettings settings,
            Clock clock,
            TenantObservations observations) {
        this.observations = observations;
        this.identityPoolId = identityPoolId;
        String loginKey = CognitoNames.loginProvider(userPoolId);
        this.issuer = "https://" + loginKey;
        this.audience = audience;
        this.layout = layout;
        this.verifier = verifier;
        this.settings = settings;
        this.listener = settings.listener();
        this.clock = clock;
        this.backoff = new Backoff(settings.minBackoff(), settings.maxBackoff());
        Ticker ticker = () -> TimeUnit.MILLISECONDS.toNanos(clock.millis());
        this.entries = Caffeine.newBuilder()
                .maximumSize(settings.maximumTokens())
                .expireAfter(new UntilTokenExpiry(clock))
                .ticker(ticker)
                .scheduler(Scheduler.systemScheduler())
                .executor(Runnable::run)
                .build();
        if (settings.executor() != null) {
            this.executor = settings.executor();
            this.ownedExecutor = null;
        } else {
            this.ownedExecutor = defaultExecutor(settings.maxConcurrentExchanges());
            this.executor = ownedExecutor;
        }
        IdentityIds identityIds = new IdentityIds(
                cognito,
                identityPoolId,
                loginKey,
                settings.identityIdStore(),
                limiter("GetId", settings.getIdRate()),
                getIdCalls);
        this.exchanger = new CredentialsExchange(
                cognito,
                loginKey,
                identityIds,
                limiter("GetCredentialsForIdentity", settings.getCredentialsRate()),
                settings,
                clock);
    }

    private static RateLimiter limiter(String operation, double perSecond) {
        return perSecond > 0 ? new RateLimiter(operation, perSecond) : RateLimiter.unlimited(operation);
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
     * The entry for a token: parsed, verified and cached on first sight; checked for expiry on every call.
     *
     * @param token the raw ID token
     * @return the entry
     * @throws InvalidTenantTokenException when the token is malformed, expired or names no usable tenant
     * @throws IllegalStateException when the cache is closed
     */
    public TokenEntry entry(String token) {
        checkOpen();
        if (token == null) {
            throw new InvalidTenantTokenException(Reason.MALFORMED, "ID token is null");
        }
        TokenEntry entry = entries.get(token, this::newEntry);
        Instant now = clock.instant();
        if (!now.isBefore(entry.token.expiresAt())) {
            throw new InvalidTenantTokenException(Reason.EXPIRED, "ID token expired at " + entry.token.expiresAt());
        }
        return entry;
    }

    private TokenEntry newEntry(String token) {
        IdToken parsed = IdToken.parse(token, issuer, audience, layout, clock.instant());
        verifier.verify(token);
        return new TokenEntry(token, parsed);
    }

    private void checkOpen() {
        if (closed) {
            throw closedException();
        }
    }

    private static IllegalStateException closedException() {
        return new IllegalStateException("The TenantClient is closed; it exchanges no more tokens");
    }

    @Override
    public long estimatedSize() {
        return entries.estimatedSize();
    }

    @Override
    public CredentialsStats stats() {
        return new CredentialsStats(
                hits.sum(),
                misses.sum(),
                exchanges.sum(),
                refreshes.sum(),
                failures.sum(),
                getIdCalls.sum(),
                refused.sum(),
                abandoned.sum());
    }

    @Override
    public void invalidate(String idToken) {
        if (idToken != null) {
            TokenEntry entry = entries.getIfPresent(idToken);
            if (entry != null) {
                entry.invalidated = true;
            }
            entries.invalidate(idToken);
        }
    }

    @Override
    public void invalidateAll() {
        entries.asMap().values().forEach(e -> e.invalidated = true);
        entries.invalidateAll();
    }

    @Override
    public void close() {
        closed = true;
        if (ownedExecutor != null) {
            ownedExecutor.shutdownNow();
        }
        entries.invalidateAll();
    }

    @Override
    public String toString() {
        return "CognitoCredentialsCache{identityPool=" + identityPoolId + ", size=" + estimatedSize() + ", " + settings
                + "}";
    }

    /** Entries live until the token's {@code exp}: Expiry implemented directly, as Caffeine 3.1.8 offers it. */
    private static final class UntilTokenExpiry implements Expiry<String, TokenEntry> {
        private final Clock clock;

        UntilTokenExpiry(Clock clock) {
            this.clock = clock;
        }

        @Override
        public long expireAfterCreate(String key, TokenEntry value, long currentTime) {
            long millis = value.token.expiresAt().toEpochMilli() - clock.millis();
            return TimeUnit.MILLISECONDS.toNanos(Math.max(0, millis));
        }

        @Override
        public long expireAfterUpdate(String key, TokenEntry value, long currentTime, long currentDuration) {
            return currentDuration;
        }

        @Override
        public long expireAfterRead(String key, TokenEntry value, long currentTime, long currentDuration) {
            return currentDuration;
        }
    }

    /** How an exchange ended, for the statistics, the listener, the backoff and the log. */
    private enum Outcome {
        /** Cognito refused the token: final. */
        REJECTED,
        /** Cognito (or the answer, or an Error on the way) failed: counted, backed off. */
        FAILED,
        /** The deadline passed before Cognito was asked: local, not counted as a failure. */
        LOCAL,
        /** The cache closed: nothing to report. */
        CLOSED
    }

    /**
     * One token: its parsed claims, its current credentials and the single in-flight exchange. Credential state is
     * guarded by {@code this}; {@code current} is volatile so that the hit path takes no lock.
     */
    public final class TokenEntry {
        private final String rawToken;
        private final IdToken token;
        private volatile Issued current;
        private volatile boolean invalidated;
        private CompletableFuture<Issued> inFlight;
        private long nextAttemptNanos;
        private int consecutiveFailures;
        private RuntimeException lastFailure;
        private InvalidTenantTokenException rejected;
        private volatile Object attachment;

        TokenEntry(String rawToken, IdToken token) {
            this.rawToken = rawToken;
            this.token = token;
        }

        /** @return the tenant the token names */
        public Tenant tenant() {
            return token.tenant();
        }

        /**
         * An object made once per entry, such as the session for this token.
         *
         * @param factory makes the object on first call; may run more than once under a race, one result wins
         * @param <S> the object's type
         * @return the object
         */
        @SuppressWarnings("unchecked")
        public <S> S attachment(Function<TokenEntry, S> factory) {
            Object a = attachment;
            if (a == null) {
                a = factory.apply(this);
                attachment = a;
            }
            return (S) a;
        }

        /** @return the token's {@code exp} */
        public Instant tokenExpiresAt() {
            return token.expiresAt();
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
         * The Cognito identity id of the token's user (exchanging the token first if needed). Not counted in the
         * hit and miss statistics, which count credential requests.
         *
         * @return the identity id
         */
        public String identityId() {
            return issued(false).identityId();
        }

        private Issued issued(boolean counted) {
            checkOpen();
            checkNotInvalidated();
            long now = clock.millis();
            Issued cur = current;
            if (cur != null && cur.servableAt(now)) {
                if (counted) {
                    hits.increment();
                }
                if (now >= cur.refreshAtMillis()) {
                    maybeRefresh(cur);
                }
                return cur;
            }
            if (now >= token.expiresAt().toEpochMilli()) {
                throw new InvalidTenantTokenException(Reason.EXPIRED, "ID token expired at " + token.expiresAt());
            }
            return awaitExchange(counted);
        }

        // `current != cur` is deliberately by identity: the refresh belongs to the snapshot the caller saw.
        @SuppressWarnings("ReferenceEquality")
        private void maybeRefresh(Issued cur) {
            // A new exchange cannot outlive the token: refreshing only helps while the token outlives what we hold.
            if (!token.expiresAt().isAfter(cur.servableUntil()) || closed) {
                return;
            }
            synchronized (this) {
                if (inFlight != null
                        || current != cur
                        || rejected != null
                        || (consecutiveFailures > 0 && System.nanoTime() - nextAttemptNanos < 0)) {
                    return;
                }
                if (pendingRefreshes.incrementAndGet() > MAX_PENDING_REFRESHES) {
                    pendingRefreshes.decrementAndGet(); // skipped: a later call tries again
                    return;
                }
                CompletableFuture<Issued> future = new CompletableFuture<>();
                inFlight = future;
                var unused = future.whenComplete((i, t) -> pendingRefreshes.decrementAndGet());
                // never throws: a failure to start is this refresh's failure, not the caller's
                start(future, true, Deadline.after(settings.exchangeTimeout()), 0);
            }
        }

        /**
         * Credentials for this token without blocking: a completed future on a cache hit, otherwise the one exchange
         * in flight (joined or started; it runs on the exchange executor), failed with the same exceptions as
         * {@link #credentials()} — within {@code exchangeTimeout} (the exchange's own deadline) with
         * {@code CredentialsUnavailableException}. No thread waits for Cognito on this path; the statistics count it
         * as {@link #credentials()} does (a caller that gives up is not counted as abandoned: none waits).
         *
         * @return the future credentials
         */
        public CompletableFuture<AwsSessionCredentials> credentialsAsync() {
            CompletableFuture<Issued> future;
            try {
                checkOpen();
                checkNotInvalidated();
                long now = clock.millis();
                Issued cur = current;
                if (cur != null && cur.servableAt(now)) {
                    hits.increment();
                    if (now >= cur.refreshAtMillis()) {
                        maybeRefresh(cur);
                    }
                    return CompletableFuture.completedFuture(cur.credentials());
                }
                if (now >= token.expiresAt().toEpochMilli()) {
                    throw new InvalidTenantTokenException(Reason.EXPIRED, "ID token expired at " + token.expiresAt());
                }
                future = flight(Deadline.after(settings.exchangeTimeout()), true);
            } catch (RuntimeException e) {
                return CompletableFuture.failedFuture(e);
            }
            // No timer of its own: the exchange runs inside its deadline (slot, rate limits and apiCallTimeout all
            // take their time from it), so the future fails with CredentialsUnavailableException by then at the
            // latest. A per-caller timer would take a lock shared with other threads, on the caller's thread.
            return future.handle((issued, error) -> {
                if (error != null) {
                    throw rethrow(unwrap(error));
                }
                return issued.credentials();
            });
        }

        private void checkNotInvalidated() {
            if (invalidated) {
                throw new IllegalStateException("This session's token was invalidated (sign-out);"
                        + " call TenantClient.session(token) again to use the token");
            }
        }

        private CredentialsUnavailableException timedOut() {
            return new CredentialsUnavailableException(
                    "Cognito Identity did not issue credentials for tenant '"
                            + token.tenant().org() + "' within " + settings.exchangeTimeout()
                            + " (Timeout); retry later",
                    null);
        }

        private Issued awaitExchange(boolean counted) {
            Deadline deadline = Deadline.after(settings.exchangeTimeout());
            CompletableFuture<Issued> future = flight(deadline, counted);
            try {
                long left = deadline.remainingNanos();
                if (left <= 0 && !future.isDone()) {
                    throw new TimeoutException();
                }
                return future.get(Math.max(0, left), TimeUnit.NANOSECONDS);
            } catch (ExecutionException e) {
                throw rethrow(e.getCause());
            } catch (TimeoutException e) {
                abandoned.increment();
                throw timedOut();
            } catch (InterruptedException e) {
                abandoned.increment();
                Thread.currentThread().interrupt();
                throw new CredentialsUnavailableException(
                        "Interrupted while waiting for credentials for tenant '"
                                + token.tenant().org() + "'; the exchange goes on for other callers",
                        null);
            }
        }

        /**
         * The single flight: current credentials when servable (a completed future), otherwise the exchange in
         * flight, joined or started. Never waits except for this entry's lock.
         *
         * @throws RuntimeException the last failure, when inside a backoff that outlasts the deadline, or the
         *     rejection of a token Cognito refused
         */
        private CompletableFuture<Issued> flight(Deadline deadline, boolean counted) {
            CompletableFuture<Issued> future;
            synchronized (this) {
                if (rejected != null) {
                    refused.increment();
                    throw copyOf(rejected);
                }
                Issued cur = current;
                if (cur != null && cur.servableAt(clock.millis())) {
                    if (counted) {
                        hits.increment();
                    }
                    return CompletableFuture.completedFuture(cur);
                }
                if (inFlight == null) {
                    long wait = consecutiveFailures > 0 ? nextAttemptNanos - System.nanoTime() : 0;
                    if (wait > 0 && wait >= deadline.remainingNanos()) {
                        // inside the backoff and it outlasts the caller's deadline: answer with the last failure
                        refused.increment();
                        throw copyOfFailure(lastFailure);
                    }
                    CompletableFuture<Issued> mine = new CompletableFuture<>();
                    inFlight = mine;
                    // may fail the future at once (executor refused): we still wait on our own future
                    start(mine, false, deadline, Math.max(0, wait));
                    future = mine;
                } else {
                    future = inFlight;
                }
            }
            if (counted) {
                misses.increment();
            }
            return future;
        }

        /** Hands the exchange to the executor (after {@code delayNanos}); a failure to do so fails the future. */
        private void start(CompletableFuture<Issued> future, boolean refresh, Deadline deadline, long delayNanos) {
            Runnable task = () -> runExchange(future, refresh, deadline);
            Runnable submit = () -> {
                try {
                    executor.execute(task);
                } catch (Throwable t) { // rejected, or an Error: never leave the token marked in flight
                    finish(future, refresh, closed ? null : t);
                }
            };
            if (delayNanos > 0) {
                try {
                    CompletableFuture.delayedExecutor(delayNanos, TimeUnit.NANOSECONDS, Runnable::run)
                            .execute(submit);
                } catch (Throwable t) {
                    finish(future, refresh, t);
                }
            } else {
                submit.run();
            }
        }

        private void runExchange(CompletableFuture<Issued> future, boolean refresh, Deadline deadline) {
            long started = System.nanoTime();
            TenantObservations.Observed observed = observations.exchange(token.tenant(), refresh);
            var unusedObserving = future.whenComplete((issued, failure) -> observed.stop(failure));
            Issued issued;
            try {
                if (closed) {
                    finish(future, refresh, null);
                    return;
                }
                if (deadline.passed()) {
                    throw new DeadlineExceeded("queued for an exchange thread past the deadline");
                }
                if (exchanger.async()) {
                    // the exchange goes on as a chain of futures on the async client; this thread is free at once
                    var unused = exchanger
                            .exchangeAsync(rawToken, token, deadline)
                            .whenComplete((done, error) -> {
                                if (error != null) {
                                    finish(future, refresh, CognitoCalls.unwrap(error));
                                } else {
                                    succeeded(future, refresh, done, started);
                                }
                            });
                    return;
                }
                issued = exchanger.exchange(rawToken, token, deadline);
            } catch (Throwable t) { // Errors too: every waiter must hear, every slot is already released
                finish(future, refresh, t);
                return;
            }
            succeeded(future, refresh, issued, started);
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
            exchanges.increment();
            if (refresh) {
                refreshes.increment();
            }
            listener.exchangeSucceeded(Duration.ofNanos(System.nanoTime() - started), refresh);
            log.debug(
                    "Issued credentials for tenant '{}' (identity {}), expiring at {}{}",
                    token.tenant().org(),
                    issued.identityId(),
                    issued.credentials().expirationTime().orElse(null),
                    refresh ? " (background refresh)" : "");
            future.complete(issued);
        }

        /** Ends a failed exchange: {@code t} null means the cache closed. */
        private void finish(CompletableFuture<Issued> future, boolean refresh, Throwable t) {
            Outcome outcome = outcomeOf(t);
            RuntimeException failure = failureOf(outcome, t);
            boolean servingCached;
            Instant nextAttempt = null;
            synchronized (this) {
                inFlight = null;
                if (outcome == Outcome.REJECTED) {
                    rejected = (InvalidTenantTokenException) failure;
                    current = null;
                }
                if (outcome == Outcome.FAILED) {
                    consecutiveFailures++;
                    long delay = backoff.delayNanos(consecutiveFailures);
                    nextAttemptNanos = System.nanoTime() + delay;
                    nextAttempt = clock.instant().plusNanos(delay);
                    lastFailure = failure;
                }
                Issued cur = current;
                servingCached = cur != null && cur.servableAt(clock.millis());
            }
            if (outcome == Outcome.REJECTED || outcome == Outcome.FAILED) {
                failures.increment();
                String cause = CognitoErrors.causeOf(t);
                listener.exchangeFailed(cause, refresh, servingCached);
                if (t instanceof VirtualMachineError) {
                    log.error(
                            "An Error ended a credentials exchange for tenant '{}': {}",
                            token.tenant().org(),
                            cause);
                } else if (servingCached) {
                    Issued cur = current;
                    log.warn(
                            "Cognito Identity failed to refresh credentials for tenant '{}' ({}); serving cached"
                                    + " credentials valid until {}; next attempt after {}",
                            token.tenant().org(),
                            cause,
                            cur == null ? null : cur.servableUntil(),
                            nextAttempt);
                } else {
                    log.debug(
                            "Cognito Identity exchange failed for tenant '{}' ({})",
                            token.tenant().org(),
                            cause);
                }
            } else if (outcome == Outcome.LOCAL) {
                log.debug(
                        "Credentials exchange for tenant '{}' not attempted: {}",
                        token.tenant().org(),
                        t.getMessage());
            }
            future.completeExceptionally(failure);
        }

        private Outcome outcomeOf(Throwable t) {
            if (t == null || closed) {
                return Outcome.CLOSED;
            }
            if (t instanceof NotAuthorizedException) {
                return Outcome.REJECTED;
            }
            if (t instanceof DeadlineExceeded
                    || t instanceof InterruptedException
                    || (t instanceof AbortedException && Thread.currentThread().isInterrupted())) {
                return Outcome.LOCAL;
            }
            return Outcome.FAILED;
        }

        private RuntimeException failureOf(Outcome outcome, Throwable t) {
            String tenant = token.tenant().org();
            return switch (outcome) {
                case CLOSED -> closedException();
                case REJECTED ->
                    new InvalidTenantTokenException(
                            Reason.REJECTED,
                            "Cognito Identity rejected the token for tenant '" + tenant + "' (NotAuthorizedException: "
                                    + CognitoErrors.safeMessage(t, rawToken) + ")",
                            CognitoErrors.sanitized(t, rawToken));
                case LOCAL ->
                    new CredentialsUnavailableException(
                            "Cognito Identity did not issue credentials for tenant '" + tenant + "' within "
                                    + settings.exchangeTimeout() + ": " + CognitoErrors.clean(t.getMessage(), rawToken)
                                    + "; retry later",
                            null);
                case FAILED ->
                    new CredentialsUnavailableException(
                            "Cognito Identity did not issue credentials for tenant '" + tenant + "' ("
                                    + CognitoErrors.causeOf(t) + ": " + CognitoErrors.safeMessage(t, rawToken)
                                    + ") and no valid credentials are cached; retry later",
                            CognitoErrors.sanitized(t, rawToken));
            };
        }

        @Override
        public String toString() {
            return "TokenEntry{tenant=" + token.tenant().org() + ", tokenExpiresAt=" + token.expiresAt() + "}";
        }
    }

    private static RuntimeException rethrow(Throwable t) {
        if (t instanceof InvalidTenantTokenException e) {
            return copyOf(e);
        }
        if (t instanceof CredentialsUnavailableException e) {
            return new CredentialsUnavailableException(e.getMessage(), e.getCause());
        }
        if (t instanceof IllegalStateException) {
            return closedException();
        }
        return new CredentialsUnavailableException(
                "Credentials exchange failed (" + CognitoErrors.causeOf(t) + ")", null);
    }

    private static Throwable unwrap(Throwable t) {
        Throwable c = t;
        while (c instanceof CompletionException && c.getCause() != null) {
            c = c.getCause();
        }
        return c;
    }

    private static RuntimeException copyOfFailure(RuntimeException failure) {
        if (failure instanceof InvalidTenantTokenException e) {
            return copyOf(e);
        }
        return new CredentialsUnavailableException(
                failure == null ? "Cognito Identity failed; retry later" : failure.getMessage(),
                failure == null ? null : failure.getCause());
    }

    /** A fresh exception per caller, so each has its own stack trace; the message is the same. */
    private static InvalidTenantTokenException copyOf(InvalidTenantTokenException e) {
        return new InvalidTenantTokenException(e.reason(), e.getMessage(), e.getCause());
    }
}
