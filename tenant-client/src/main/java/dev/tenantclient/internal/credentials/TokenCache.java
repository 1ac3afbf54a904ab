/*
 * Copyright 2026 The tenant-client Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tenantclient.internal.credentials;

import dev.tenantclient.InvalidTenantTokenException;
import dev.tenantclient.InvalidTenantTokenException.Reason;
import dev.tenantclient.TenantLayout;
import dev.tenantclient.TenantObservations;
import dev.tenantclient.TokenVerifier;
import dev.tenantclient.credentials.CognitoCredentialsCache;
import dev.tenantclient.credentials.CredentialsSettings;
import dev.tenantclient.credentials.CredentialsStats;
import dev.tenantclient.internal.CognitoNames;
import dev.tenantclient.internal.IdToken;
import java.time.Clock;
import java.time.Instant;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * The {@link CognitoCredentialsCache} implementation, put together from one-job parts: a {@link TokenStore} of
 * {@link TokenEntry} state machines (one per token), an {@link ExchangeScheduler} running exchanges against the
 * identity pool ({@link IdentityPoolExchange}, a {@link CredentialsSource}), an {@link ExchangeReporter} and
 * {@link CredentialsCounters}.
 *
 * <p>Every exchange, foreground or refresh, runs on the exchange executor (bounded; pluggable), never on the
 * caller's thread: a caller only waits on the exchange's future, within its one deadline. So interrupting or
 * timing out a caller affects that caller alone; the exchange completes for the others.
 */
public final class TokenCache implements CognitoCredentialsCache, AutoCloseable {

    private final String description;
    private final String issuer;
    private final @Nullable String audience;
    private final TenantLayout layout;
    private final TokenVerifier verifier;
    private final CredentialsSettings settings;
    private final Clock clock;
    private final TokenStore store;
    private final ExchangeScheduler scheduler;
    private final CredentialsCounters counters = new CredentialsCounters();
    private final TokenEntry.Context context;

    /**
     * Creates a cache over the Cognito identity pool's enhanced flow. With the async client's calls the exchanges run
     * as chains of futures: no thread waits for Cognito.
     *
     * @param cognito the Cognito Identity calls, on the sync or the async client (shared, not closed here)
     * @param identityPoolId the identity pool
     * @param userPoolId the user pool, {@code <region>_<id>}
     * @param audience the app client id the tokens must name, or null
     * @param layout the layout naming the tenant claims
     * @param verifier an extra token check
     * @param settings cache settings
     * @param clock the time source (tests pass a controllable one)
     * @param observations observes each exchange
     */
    public TokenCache(
            CognitoCalls cognito,
            String identityPoolId,
            String userPoolId,
            @Nullable String audience,
            TenantLayout layout,
            TokenVerifier verifier,
            CredentialsSettings settings,
            Clock clock,
            TenantObservations observations) {
        this(
                counters -> identityPool(cognito, identityPoolId, userPoolId, settings, clock, counters),
                "identityPool=" + identityPoolId,
                "https://" + CognitoNames.loginProvider(userPoolId),
                audience,
                layout,
                verifier,
                settings,
                clock,
                observations);
    }

    /**
     * Creates a cache over any credentials source.
     *
     * @param sources makes the source, given the counters it may count its own calls in
     * @param description what {@code toString()} names the source by, such as {@code identityPool=<id>}
     * @param issuer the {@code iss} the tokens must name
     * @param audience the {@code aud} the tokens must name, or null
     * @param layout the layout naming the tenant claims
     * @param verifier the signature check of new tokens
     * @param settings cache settings
     * @param clock the time source
     * @param observations observes each exchange
     */
    TokenCache(
            Function<CredentialsCounters, CredentialsSource> sources,
            String description,
            String issuer,
            @Nullable String audience,
            TenantLayout layout,
            TokenVerifier verifier,
            CredentialsSettings settings,
            Clock clock,
            TenantObservations observations) {
        this.description = description;
        this.issuer = issuer;
        this.audience = audience;
        this.layout = layout;
        this.verifier = verifier;
        this.settings = settings;
        this.clock = clock;
        this.store = new TokenStore(settings.maximumTokens(), clock);
        this.scheduler = new ExchangeScheduler(settings.executor(), settings.maxConcurrentExchanges());
        CredentialsSource source = sources.apply(counters);
        this.context = new TokenEntry.Context(
                clock,
                settings.exchangeTimeout(),
                new Backoff(settings.minBackoff(), settings.maxBackoff()),
                scheduler,
                source,
                new ExchangeReporter(counters, settings.listener(), source.serviceName()),
                counters,
                observations);
    }

    /** The Cognito identity pool's enhanced flow: {@code GetId} (cached per user), {@code GetCredentialsForIdentity}. */
    private static CredentialsSource identityPool(
            CognitoCalls cognito,
            String identityPoolId,
            String userPoolId,
            CredentialsSettings settings,
            Clock clock,
            CredentialsCounters counters) {
        String loginProvider = CognitoNames.loginProvider(userPoolId);
        IdentityIds identityIds = new IdentityIds(
                cognito,
                identityPoolId,
                loginProvider,
                settings.identityIdStore(),
                limiter("GetId", settings.getIdRate()),
                counters.getIdCalls());
        return new IdentityPoolExchange(
                cognito,
                loginProvider,
                identityIds,
                limiter("GetCredentialsForIdentity", settings.getCredentialsRate()),
                settings.maxConcurrentExchanges(),
                new RefreshPolicy("Cognito", settings.minimumValidity(), settings.refreshAhead(), clock));
    }

    private static RateLimiter limiter(String operation, double perSecond) {
        return perSecond > 0 ? new RateLimiter(operation, perSecond) : RateLimiter.unlimited(operation);
    }

    /**
     * The entry for a token: parsed, verified and cached on first sight; checked for expiry on every call.
     *
     * @param token the raw ID token
     * @return the entry
     * @throws InvalidTenantTokenException when the token is malformed, expired or names no usable tenant
     * @throws IllegalStateException when the cache is closed
     */
    public TokenEntry entry(@Nullable String token) {
        if (scheduler.closed()) {
            throw ExchangeFailures.closed();
        }
        if (token == null) {
            throw new InvalidTenantTokenException(Reason.MALFORMED, "ID token is null");
        }
        TokenEntry entry = store.get(token, this::newEntry);
        Instant now = clock.instant();
        if (!now.isBefore(entry.tokenExpiresAt())) {
            throw new InvalidTenantTokenException(Reason.EXPIRED, "ID token expired at " + entry.tokenExpiresAt());
        }
        return entry;
    }

    private TokenEntry newEntry(String token) {
        IdToken parsed = IdToken.parse(token, issuer, audience, layout, clock.instant());
        verifier.verify(token);
        return new TokenEntry(context, token, parsed);
    }

    @Override
    public long estimatedSize() {
        return store.estimatedSize();
    }

    @Override
    public CredentialsStats stats() {
        return counters.snapshot();
    }

    @Override
    public void invalidate(@Nullable String idToken) {
        if (idToken != null) {
            store.invalidate(idToken);
        }
    }

    @Override
    public void invalidateAll() {
        store.invalidateAll();
    }

    @Override
    public void close() {
        scheduler.close();
        store.clear();
    }

    @Override
    public String toString() {
        return "CognitoCredentialsCache{" + description + ", size=" + estimatedSize() + ", " + settings + "}";
    }
}
