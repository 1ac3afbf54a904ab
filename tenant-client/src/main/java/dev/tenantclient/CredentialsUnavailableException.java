/*
 * Copyright 2026 The tenant-client Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tenantclient;

import org.jspecify.annotations.Nullable;

/**
 * Cognito Identity could not issue credentials for a token (throttling, a 5xx, a timeout, an unreachable
 * endpoint) and no still-valid credentials were cached for it; or the user pool's signing keys (its JWKS) could not
 * be read, so {@link TenantClient#session(String)} could not verify a new token (see {@link JwksTokenVerifier}).
 *
 * <p>Retryable: the same token may succeed later. While valid credentials are cached, a failing Cognito does not
 * cause this exception; the cached credentials keep being served until they expire.
 */
public class CredentialsUnavailableException extends TenantClientException {

    private static final long serialVersionUID = 1L;

    /**
     * Creates an exception.
     *
     * @param message what failed, for which tenant, and what to do
     * @param cause the Cognito or network failure
     */
    public CredentialsUnavailableException(String message, @Nullable Throwable cause) {
        super(message, cause);
    }
}
