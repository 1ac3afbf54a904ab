/*
 * Copyright 2026 The tenant-client Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tenantclient.spring;

import dev.tenantclient.TenantClientException;

/**
 * A {@code TenantSession} was needed but the request carries no authenticated Cognito JWT (an endpoint open to
 * anonymous callers, or an authentication that is not a JWT). {@link TenantClientExceptionHandler} answers 401 with
 * {@code WWW-Authenticate: Bearer}.
 */
public class MissingTenantTokenException extends TenantClientException {

    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message what is missing and what to send
     */
    public MissingTenantTokenException(String message) {
        super(message);
    }
}
