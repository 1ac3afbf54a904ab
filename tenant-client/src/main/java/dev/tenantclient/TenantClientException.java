/*
 * Copyright 2026 The tenant-client Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tenantclient;

import org.jspecify.annotations.Nullable;

/**
 * Root of every exception tenant-client throws itself. Unchecked, like the AWS SDK's own exceptions.
 *
 * <p>Messages never contain an ID token, an AWS secret key or a session token: they name the tenant, the key or
 * the claim that was wrong, and what to do about it. Errors returned by DynamoDB or S3 themselves are not wrapped:
 * they reach the caller as the SDK's own exceptions.
 */
public class TenantClientException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /**
     * Creates an exception with a message.
     *
     * @param message what happened, to what, and what to do
     */
    public TenantClientException(String message) {
        super(message);
    }

    /**
     * Creates an exception with a message and a cause.
     *
     * @param message what happened, to what, and what to do
     * @param cause the underlying failure
     */
    public TenantClientException(String message, @Nullable Throwable cause) {
        super(message, cause);
    }
}
