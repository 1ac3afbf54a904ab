/*
 * Copyright 2026 The tenant-client Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tenantclient;

import org.jspecify.annotations.Nullable;

/**
 * The ID token cannot give a tenant: it is malformed, expired, from another issuer or audience, lacks the tenant
 * claim or carries an unsafe value in it, or Cognito rejected it ({@code NotAuthorizedException}).
 *
 * <p>Not retryable: the same token will fail the same way. A web layer maps this to 401 (bad or expired token) or
 * 403 (a valid token without a usable tenant); {@link #reason()} tells which.
 */
public class InvalidTenantTokenException extends TenantClientException {

    private static final long serialVersionUID = 1L;

    /** Why a token was refused. */
    public enum Reason {
        /** Not a JWT, not base64url, not JSON, or a claim of the wrong type. */
        MALFORMED,
        /** {@code exp} has passed (or is missing). */
        EXPIRED,
        /** {@code iss}, {@code aud} or {@code token_use} is not what this client accepts. */
        WRONG_ISSUER_OR_AUDIENCE,
        /** The tenant claim is missing, empty, too long, or has characters that would widen an IAM pattern. */
        INVALID_TENANT,
        /** The token verifier or Cognito Identity rejected the token (for example a bad signature). */
        REJECTED
    }

    /** Why the token was refused. */
    private final Reason reason;

    /**
     * Creates an exception.
     *
     * @param reason why the token was refused
     * @param message what was wrong, never the token itself
     */
    public InvalidTenantTokenException(Reason reason, String message) {
        super(message);
        this.reason = reason;
    }

    /**
     * Creates an exception with a cause.
     *
     * @param reason why the token was refused
     * @param message what was wrong, never the token itself
     * @param cause the underlying failure
     */
    public InvalidTenantTokenException(Reason reason, String message, @Nullable Throwable cause) {
        super(message, cause);
        this.reason = reason;
    }

    /**
     * Why the token was refused.
     *
     * @return the reason, never null
     */
    public Reason reason() {
        return reason;
    }

    /**
     * Whether the token itself is fine but names no usable tenant (a web layer answers 403 rather than 401).
     *
     * @return true for {@link Reason#INVALID_TENANT}
     */
    public boolean isTenantProblem() {
        return reason == Reason.INVALID_TENANT;
    }
}
