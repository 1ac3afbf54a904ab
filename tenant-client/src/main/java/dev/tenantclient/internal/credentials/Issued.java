/*
 * Copyright 2026 The tenant-client Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tenantclient.internal.credentials;

import java.time.Instant;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;

/**
 * Credentials as issued, with the instants (epoch millis, to keep cache entries small) that decide when they are
 * served and refreshed.
 */
record Issued(AwsSessionCredentials credentials, String identityId, long servableUntilMillis, long refreshAtMillis) {

    Instant servableUntil() {
        return Instant.ofEpochMilli(servableUntilMillis);
    }

    boolean servableAt(long nowMillis) {
        return nowMillis < servableUntilMillis;
    }
}
