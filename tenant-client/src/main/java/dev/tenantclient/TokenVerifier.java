/*
 * Copyright 2026 The tenant-client Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tenantclient;

/**
 * Checks an ID token's signature (or anything else) before the library trusts its claims, caches it or sends it to
 * Cognito.
 *
 * <p>By default a {@link TenantClient} verifies every new token with a {@link JwksTokenVerifier}: an RS256 signature
 * by one of the user pool's keys, read from its JWKS. A forged, altered or unsigned token is refused by
 * {@link TenantClient#session(String)}: it never enters the cache and never reaches Cognito. Replace the default
 * when the token was already verified by code you trust, such as a Spring Security resource server's
 * {@code JwtDecoder} ({@code token -> decoder.decode(token)}, with its exceptions mapped to
 * {@link InvalidTenantTokenException}), or, knowingly, with {@link #skipSignatureVerification()}.
 *
 * <p>Called once per new token, after its claims passed the client's checks (results are cached with the token),
 * from any thread, so implementations must be thread-safe.
 */
@FunctionalInterface
public interface TokenVerifier {

    /**
     * Checks a token.
     *
     * @param idToken the raw JWT; do not log it
     * @throws InvalidTenantTokenException to refuse it (use {@link InvalidTenantTokenException.Reason#REJECTED})
     * @throws CredentialsUnavailableException when it cannot be checked now (such as unreadable keys): the token is
     *     refused this time, and may pass later
     */
    void verify(String idToken);

    /**
     * Accepts every token without checking its signature: anyone can then present a hand-made token naming any
     * tenant, and it is cached and sent to Cognito Identity (which verifies it before it issues credentials, but
     * every such call counts against the account's Cognito quotas). Only for tokens verified before they reach the
     * client, or for tests of claim handling.
     *
     * @return a verifier that accepts every token
     */
    static TokenVerifier skipSignatureVerification() {
        return SkipSignatureVerification.INSTANCE;
    }
}

/** The named opt-out, with a {@code toString()} that says what it does. */
enum SkipSignatureVerification implements TokenVerifier {
    INSTANCE;

    @Override
    public void verify(String idToken) {}

    @Override
    public String toString() {
        return "TokenVerifier.skipSignatureVerification()";
    }
}
