/*
 * Copyright 2026 The tenant-client Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tenantclient;

/**
 * An optional check of an ID token's signature (or anything else) before the library trusts its claims.
 *
 * <p>By default the library does not verify signatures: Cognito Identity verifies the token before it issues any
 * credentials, and no data request leaves without them. Services that want forged tokens rejected before the
 * first Cognito call plug in a verifier (such as a JWKS-backed one); Spring Security users already have a
 * verified {@code Jwt}. Called once per new token (results are cached with the token), from any thread.
 */
@FunctionalInterface
public interface TokenVerifier {

    /** Accepts every token: signature checking is left to Cognito Identity. */
    TokenVerifier NONE = token -> {};

    /**
     * Checks a token.
     *
     * @param idToken the raw JWT; do not log it
     * @throws InvalidTenantTokenException to reject it (use {@link InvalidTenantTokenException.Reason#REJECTED})
     */
    void verify(String idToken);
}
