/*
 * Copyright 2026 The tenant-client Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tenantclient.internal.credentials;

/**
 * The deadline passed before Cognito was asked (waiting for a slot, a rate-limit turn, or in the executor's
 * queue). A local condition: not a Cognito failure, so neither counted as one nor followed by a backoff.
 */
final class DeadlineExceeded extends RuntimeException {
    private static final long serialVersionUID = 1L;

    DeadlineExceeded(String message) {
        super(message, null, false, false);
    }
}
