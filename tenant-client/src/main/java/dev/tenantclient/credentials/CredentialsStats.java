/*
 * Copyright 2026 The tenant-client Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tenantclient.credentials;

/**
 * Counters of a {@link CognitoCredentialsCache}, since it was created. Immutable snapshot.
 *
 * @param hits credential requests answered from the cache
 * @param misses credential requests that had to wait for an exchange
 * @param exchanges successful exchanges (misses and background refreshes)
 * @param refreshes successful background refreshes, a subset of {@code exchanges}
 * @param failures failed exchanges, of any cause
 * @param getIdCalls {@code GetId} calls made (identity ids are cached per user)
 */
public record CredentialsStats(
        long hits, long misses, long exchanges, long refreshes, long failures, long getIdCalls) {}
