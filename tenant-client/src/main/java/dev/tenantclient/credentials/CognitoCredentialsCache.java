/*
 * Copyright 2026 The tenant-client Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tenantclient.credentials;

/**
 * The per-token cache that turns ID tokens into tenant-scoped AWS credentials through a Cognito identity pool.
 * One per {@code TenantClient}; reach it with {@code TenantClient.credentialsCache()}. Thread-safe.
 *
 * <p>Behind every session's credentials provider, it:
 * <ul>
 *   <li>runs Cognito's enhanced flow: {@code GetId} (cached per user, whose identity id never changes) then
 *       {@code GetCredentialsForIdentity} with the token as login;</li>
 *   <li>makes one exchange per token however many threads ask at once (single flight);</li>
 *   <li>refreshes in the background {@link CredentialsSettings#refreshAhead()} before expiry, while callers keep
 *       the current credentials;</li>
 *   <li>keeps serving still-valid credentials while Cognito fails (throttling, 5xx, timeouts), retrying with
 *       jittered backoff and logging a WARN;</li>
 *   <li>never serves credentials past their expiry (less {@link CredentialsSettings#minimumValidity()}) nor past
 *       the token's {@code exp};</li>
 *   <li>treats Cognito's {@code NotAuthorizedException} as final for the token (no retry);</li>
 *   <li>keeps at most {@link CredentialsSettings#maximumTokens()} tokens, dropping each at its {@code exp}, and
 *       caps exchanges in flight across all tokens.</li>
 * </ul>
 * Nothing it logs or prints contains a token, a secret key or a session token.
 */
public interface CognitoCredentialsCache {

    /**
     * How many tokens are cached now (approximate, as Caffeine counts).
     *
     * @return the estimated number of cached tokens
     */
    long estimatedSize();

    /**
     * Counters since the cache was created.
     *
     * @return a snapshot of the counters
     */
    CredentialsStats stats();

    /**
     * Forgets one token and its credentials, for example at sign-out. Does nothing for an unknown token.
     *
     * @param idToken the token
     */
    void invalidate(String idToken);

    /** Forgets every token and credential (identity ids, which never change, are kept). */
    void invalidateAll();
}
