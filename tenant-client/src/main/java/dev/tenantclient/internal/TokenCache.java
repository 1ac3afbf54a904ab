/*
 * Copyright 2026 The tenant-client Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tenantclient.internal;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import com.github.benmanes.caffeine.cache.Ticker;
import dev.tenantclient.CredentialsUnavailableException;
import dev.tenantclient.InvalidTenantTokenException;
import dev.tenantclient.InvalidTenantTokenException.Reason;
import dev.tenantclient.Tenant;
import dev.tenantclient.TenantLayout;
import dev.tenantclient.TokenVerifier;
import dev.tenantclient.credentials.CognitoCredentialsCache;
import dev.tenantclient.credentials.CredentialsListener;
import dev.tenantclient.credentials.CredentialsSettings;
import dev.tenantclient.credentials.CredentialsStats;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.ApiCallAttemptTimeoutException;
import software.amazon.awssdk.core.exception.ApiCallTimeoutException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.cognitoidentity.CognitoIdentityClient;
import software.amazon.awssdk.services.cognitoidentity.model.Credentials;
import software.amazon.awssdk.services.cognitoidentity.model.GetCredentialsForIdentityResponse;
import software.amazon.awssdk.services.cognitoidentity.model.NotAuthorizedException;
import software.amazon.awssdk.services.cognitoidentity.model.ResourceNotFoundException;

/**
 * The {@link CognitoCredentialsCache} implementation: parsed tokens and their credentials, per token.
 *
 * <p>Each entry is a {@link TokenEntry} holding the parsed token and the credential state. Entries expire at the
 * token's {@code exp} (Caffeine variable expiry) and are bounded by {@code maximumTokens}. Identity ids are
 * cached separately per user: a user's identity id never changes, so a new token for a known user costs a single
 * {@code GetCredentialsForIdentity} call.
 */
public final class TokenCache implements CognitoCredentialsCache, AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(CognitoCredentialsCache.class);

    private final CognitoIdentityClient cognito;
    private final String identityPoolId;
    private final String loginKey;
    private final String issuer;
    private final String audience;
    private final TenantLayout layout;
    private final TokenVerifier verifier;
    private final CredentialsSettings settings;
    private final CredentialsListener listener;
    private final Clock clock;
    private final Cache<String, TokenEntry> entries;
    private final Cache<String, String> identityIds;
    /** GetId calls in flight, per user: the single flight for identity ids (kept out of Caffeine, which logs failed
     *  async loads through System.Logger, outside the application's logging). */
    private final java.util.concurrent.ConcurrentHashMap<String, CompletableFuture<String>> pendingIds =
            new java.util.concurrent.ConcurrentHashMap<>();

    private final Semaphore exchangeSlots;
    private final ExecutorService refresher;

    private final LongAdder hits = new LongAdder();
    private final LongAdder misses = new LongAdder();
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
        this.cognito = cognito;
        this.identityPoolId = identityPoolId;
        this.loginKey = CognitoNames.loginProvider(userPoolId);
        this.issuer = "https://" + loginKey;
        this.audience = audience;
        this.layout = layout;
        this.verifier = verifier;
        this.settings = settings;
        this.listener = settings.listener();
        this.clock = clock;
        Ticker ticker = () -> TimeUnit.MILLISECONDS.toNanos(clock.millis());
        this.entries = Caffeine.newBuilder()
                .maximumSize(settings.maximumTokens())
                .expireAfter(Expiry.<String, TokenEntry>creating(
                        (token, entry) -> Duration.between(clock.instant(), entry.token.expiresAt())))
                .ticker(ticker)
                .executor(Runnable::run)
                .build();
        this.identityIds = Caffeine.newBuilder()
                .maximumSize(Math.max(1_000, settings.maximumTokens()))
                .expireAfterAccess(Duration.ofDays(1))
                .ticker(ticker)
                .executor(Runnable::run)
                .build();
        this.exchangeSlots = new Semaphore(settings.maxConcurrentExchanges(), true);
        this.refresher = Executors.newCachedThreadPool(daemonThreads());
    }

    /**
     * The entry for a token: parsed, verified and cached on first sight; checked for expiry on every call.
     *
     * @param token the raw ID token
     * @return the entry
     * @throws InvalidTenantTokenException when the token is malformed, expired or names no usable tenant
     */
    public TokenEntry entry(String token) {
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

    @Override
    public long estimatedSize() {
        return entries.estimatedSize();
    }

    @Override
    public CredentialsStats stats() {
        return new CredentialsStats(
                hits.sum(), misses.sum(), exchanges.sum(), refreshes.sum(), failures.sum(), getIdCalls.sum());
    }

    @Override
    public void invalidate(String idToken) {
        if (idToken != null) {
            entries.invalidate(idToken);
        }
    }

    @Override
    public void invalidateAll() {
        entries.invalidateAll();
    }

    @Override
    public void close() {
        refresher.shutdownNow();
        entries.invalidateAll();
    }

    @Override
    public String toString() {
        return "CognitoCredentialsCache{identityPool=" + identityPoolId + ", size=" + estimatedSize() + ", " + settings
                + "}";
    }

    private static ThreadFactory daemonThreads() {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, "tenant-client-refresh-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }

    /**
     * Credentials as issued, with the instants (epoch millis, to keep cache entries small) that decide when they are
     * served and refreshed.
     */
    private record Issued(
            AwsSessionCredentials credentials, String identityId, long servableUntilMillis, long refreshAtMillis) {

        Instant servableUntil() {
            return Instant.ofEpochMilli(servableUntilMillis);
        }

        boolean servableAt(long nowMillis) {
            return nowMillis < servableUntilMillis;
        }
    }

    /**
     * One token: its parsed claims, its current credentials and the single in-flight exchange. Credential state is
     * guarded by {@code this}; {@code current} is volatile so that the hit path takes no lock.
     */
    public final class TokenEntry {
        private final String rawToken;
        private final IdToken token;
        private volatile Issued current;
        private CompletableFuture<Issued> inFlight;
        private Instant nextRefreshAttempt = Instant.MIN;
        private int consecutiveFailures;
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
        public <S> S attachment(java.util.function.Function<TokenEntry, S> factory) {
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
         * the result of the one exchange in flight.
         *
         * @return session credentials with at least {@code minimumValidity} left
         */
        public AwsSessionCredentials credentials() {
            return issued().credentials();
        }

        /**
         * The Cognito identity id of the token's user (exchanging the token first if needed).
         *
         * @return the identity id
         */
        public String identityId() {
            return issued().identityId();
        }

        private Issued issued() {
            long now = clock.millis();
            Issued cur = current;
            if (cur != null && cur.servableAt(now)) {
                hits.increment();
                if (now >= cur.refreshAtMillis()) {
                    maybeRefresh(cur, Instant.ofEpochMilli(now));
                }
                return cur;
            }
            if (now >= token.expiresAt().toEpochMilli()) {
                throw new InvalidTenantTokenException(Reason.EXPIRED, "ID token expired at " + token.expiresAt());
            }
            misses.increment();
            return awaitExchange();
        }

        // `current != cur` is deliberately by identity: the refresh belongs to the snapshot the caller saw.
        @SuppressWarnings("ReferenceEquality")
        private void maybeRefresh(Issued cur, Instant now) {
            // A new exchange cannot outlive the token: refreshing only helps while the token outlives what we hold.
            if (!token.expiresAt().isAfter(cur.servableUntil())) {
                return;
            }
            synchronized (this) {
                if (inFlight != null || now.isBefore(nextRefreshAttempt) || current != cur || rejected != null) {
                    return;
                }
                CompletableFuture<Issued> future = new CompletableFuture<>();
                inFlight = future;
                try {
                    refresher.execute(() -> runExchange(future, true));
                } catch (RuntimeException e) { // executor shut down: the client is closing
                    inFlight = null;
                    future.cancel(false);
                }
            }
        }

        private Issued awaitExchange() {
            CompletableFuture<Issued> future;
            boolean mine = false;
            synchronized (this) {
                if (rejected != null) {
                    throw copyOf(rejected);
                }
                Issued cur = current;
                if (cur != null && cur.servableAt(clock.millis())) {
                    return cur;
                }
                if (inFlight == null) {
                    inFlight = new CompletableFuture<>();
                    mine = true;
                }
                future = inFlight;
            }
            if (mine) {
                runExchange(future, false);
            }
            try {
                return future.get(settings.exchangeTimeout().toMillis(), TimeUnit.MILLISECONDS);
            } catch (ExecutionException e) {
                throw rethrow(e.getCause());
            } catch (TimeoutException e) {
                throw new CredentialsUnavailableException(
                        "Cognito Identity did not issue credentials for tenant '"
                                + token.tenant().org() + "' within " + settings.exchangeTimeout() + "; retry later",
                        e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new CredentialsUnavailableException(
                        "Interrupted while waiting for credentials for tenant '"
                                + token.tenant().org() + "'",
                        e);
            }
        }

        private void runExchange(CompletableFuture<Issued> future, boolean refresh) {
            long started = System.nanoTime();
            try {
                Issued issued = exchange();
                synchronized (this) {
                    current = issued;
                    inFlight = null;
                    consecutiveFailures = 0;
                    nextRefreshAttempt = Instant.MIN;
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
            } catch (Throwable t) {
                RuntimeException failure = classify(t);
                boolean servingCached;
                synchronized (this) {
                    inFlight = null;
                    if (failure instanceof InvalidTenantTokenException invalid) {
                        rejected = invalid;
                        current = null;
                    }
                    Issued cur = current;
                    servingCached = cur != null && cur.servableAt(clock.millis());
                    if (refresh) {
                        consecutiveFailures++;
                        nextRefreshAttempt = clock.instant().plus(backoff(consecutiveFailures));
                    }
                }
                failures.increment();
                listener.exchangeFailed(causeOf(t), refresh, servingCached);
                if (servingCached) {
                    Issued cur = current;
                    log.warn(
                            "Cognito Identity failed to refresh credentials for tenant '{}' ({}); serving cached"
                                    + " credentials valid until {}; next attempt after {}",
                            token.tenant().org(),
                            causeOf(t),
                            cur == null ? null : cur.servableUntil(),
                            nextRefreshAttempt);
                } else {
                    log.debug(
                            "Cognito Identity exchange failed for tenant '{}' ({})",
                            token.tenant().org(),
                            causeOf(t));
                }
                future.completeExceptionally(failure);
            }
        }

        private Issued exchange() throws InterruptedException, TimeoutException {
            if (!exchangeSlots.tryAcquire(settings.exchangeTimeout().toMillis(), TimeUnit.MILLISECONDS)) {
                throw new TimeoutException("no exchange slot free within " + settings.exchangeTimeout()
                        + " (maxConcurrentExchanges=" + settings.maxConcurrentExchanges() + ")");
            }
            try {
                Map<String, String> logins = Map.of(loginKey, rawToken);
                String identityKey = token.tenant().subject();
                String identityId = identityIdFor(identityKey, logins);
                GetCredentialsForIdentityResponse response;
                try {
                    response = cognito.getCredentialsForIdentity(r -> r.identityId(identityId)
                            .logins(logins)
                            .overrideConfiguration(o -> o.apiCallTimeout(settings.exchangeTimeout())));
                } catch (ResourceNotFoundException e) {
                    identityIds.invalidate(identityKey); // the identity was deleted: ask GetId again next time
                    throw e;
                }
                return issuedFrom(response, identityId);
            } finally {
                exchangeSlots.release();
            }
        }

        private String identityIdFor(String key, Map<String, String> logins) {
            String known = identityIds.getIfPresent(key);
            if (known != null) {
                return known;
            }
            CompletableFuture<String> mine = new CompletableFuture<>();
            CompletableFuture<String> existing = pendingIds.putIfAbsent(key, mine);
            if (existing != null) {
                try {
                    return existing.join();
                } catch (CompletionException e) {
                    throw e.getCause() instanceof RuntimeException re ? re : e;
                }
            }
            try {
                known = identityIds.getIfPresent(key); // completed between our lookup and our claim
                if (known == null) {
                    getIdCalls.increment();
                    known = cognito.getId(r -> r.identityPoolId(identityPoolId)
                                    .logins(logins)
                                    .overrideConfiguration(o -> o.apiCallTimeout(settings.exchangeTimeout())))
                            .identityId();
                    identityIds.put(key, known);
                }
                mine.complete(known);
                return known;
            } catch (RuntimeException e) {
                mine.completeExceptionally(e);
                throw e;
            } finally {
                pendingIds.remove(key, mine);
            }
        }

        private Issued issuedFrom(GetCredentialsForIdentityResponse response, String identityId) {
            Credentials c = response.credentials();
            if (c == null
                    || c.accessKeyId() == null
                    || c.secretKey() == null
                    || c.sessionToken() == null
                    || c.expiration() == null) {
                throw SdkClientException.create("GetCredentialsForIdentity answered without complete credentials");
            }
            Instant expiration = c.expiration();
            AwsSessionCredentials credentials = AwsSessionCredentials.builder()
                    .accessKeyId(c.accessKeyId())
                    .secretAccessKey(c.secretKey())
                    .sessionToken(c.sessionToken())
                    .expirationTime(expiration)
                    .providerName("TenantClient")
                    .build();
            Instant servableUntil = min(expiration.minus(settings.minimumValidity()), token.expiresAt());
            if (!clock.instant().isBefore(servableUntil)) {
                throw SdkClientException.create("Cognito issued credentials that expire at " + expiration
                        + ", sooner than the minimum validity of " + settings.minimumValidity());
            }
            Instant refreshAt = expiration.minus(settings.refreshAhead());
            // The identity id we asked for (shared with the identity cache) rather than a new copy from the response.
            String id = identityId.equals(response.identityId()) || response.identityId() == null
                    ? identityId
                    : response.identityId();
            return new Issued(credentials, id, servableUntil.toEpochMilli(), refreshAt.toEpochMilli());
        }

        private RuntimeException classify(Throwable t) {
            String tenant = token.tenant().org();
            if (t instanceof NotAuthorizedException e) {
                return new InvalidTenantTokenException(
                        Reason.REJECTED,
                        "Cognito Identity rejected the token for tenant '" + tenant + "' (NotAuthorizedException: "
                                + safeMessage(e) + ")",
                        e);
            }
            if (t instanceof InvalidTenantTokenException e) {
                return e;
            }
            return new CredentialsUnavailableException(
                    "Cognito Identity did not issue credentials for tenant '"
                            + tenant + "' (" + causeOf(t) + ": " + safeMessage(t)
                            + ") and no valid credentials are cached;"
                            + " retry later",
                    t);
        }

        private Duration backoff(int failures) {
            long min = settings.minBackoff().toMillis();
            long max = settings.maxBackoff().toMillis();
            long ceiling = Math.min(max, min << Math.min(failures - 1, 20));
            return Duration.ofMillis(ThreadLocalRandom.current().nextLong(min, Math.max(min, ceiling) + 1));
        }

        @Override
        public String toString() {
            return "TokenEntry{tenant=" + token.tenant().org() + ", tokenExpiresAt=" + token.expiresAt() + "}";
        }
    }

    private static Instant min(Instant a, Instant b) {
        return a.isBefore(b) ? a : b;
    }

    private static RuntimeException rethrow(Throwable t) {
        if (t instanceof InvalidTenantTokenException e) {
            return copyOf(e);
        }
        if (t instanceof CredentialsUnavailableException e) {
            return new CredentialsUnavailableException(e.getMessage(), e.getCause());
        }
        return t instanceof RuntimeException re ? re : new CompletionException(t);
    }

    /** A fresh exception per caller, so each has its own stack trace; the message is the same. */
    private static InvalidTenantTokenException copyOf(InvalidTenantTokenException e) {
        return new InvalidTenantTokenException(e.reason(), e.getMessage(), e.getCause());
    }

    /** A short, low-cardinality cause for logs and metrics. */
    static String causeOf(Throwable t) {
        if (t instanceof AwsServiceException e
                && e.awsErrorDetails() != null
                && e.awsErrorDetails().errorCode() != null) {
            return e.awsErrorDetails().errorCode();
        }
        if (t instanceof ApiCallTimeoutException
                || t instanceof ApiCallAttemptTimeoutException
                || t instanceof TimeoutException) {
            return "Timeout";
        }
        if (t instanceof AwsServiceException e) {
            return "HTTP " + e.statusCode();
        }
        if (t instanceof SdkClientException) {
            return "ClientError";
        }
        return t.getClass().getSimpleName();
    }

    /** Service messages do not carry tokens, but we cut and clean them anyway before they reach a message. */
    private static String safeMessage(Throwable t) {
        String message = t instanceof AwsServiceException e && e.awsErrorDetails() != null
                ? e.awsErrorDetails().errorMessage()
                : t.getMessage();
        if (message == null) {
            return "no message";
        }
        message = message.replaceAll("eyJ[A-Za-z0-9_-]*\\.[A-Za-z0-9_.-]*", "<token>");
        return IdToken.printable(message);
    }
}
