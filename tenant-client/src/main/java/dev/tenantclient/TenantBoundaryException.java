/*
 * Copyright 2026 The tenant-client Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tenantclient;

/**
 * A request would have left the calling tenant's space, or a result came from outside it.
 *
 * <p>Thrown before any request is sent: for a key carrying another tenant's prefix, an unsafe object key, an
 * operation IAM could not confine (such as a scan), or an item read back without the tenant's prefix (which is
 * never returned to the caller).
 */
public class TenantBoundaryException extends TenantClientException {

    private static final long serialVersionUID = 1L;

    /**
     * Creates an exception with a message.
     *
     * @param message what would have crossed the boundary, and what to do instead
     */
    public TenantBoundaryException(String message) {
        super(message);
    }
}
