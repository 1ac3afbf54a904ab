/*
 * Copyright 2026 The tenant-client Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tenantclient.credentials;

/**
 * Counters of a {@link CognitoCredentialsCache}, since it was created. Immutable snapshot. Every credential request
 * ({@code resolveCredentials()}) counts once, as a hit, a miss or a refusal; identity-id lookups count nowhere.
 *
 * @param hits credential requests answered from the cache
 * @param misses credential requests that waited for an exchange (whatever its result)
 * @param exchanges successful exchanges (misses and background refreshes)
 * @param refreshes successful background refreshes, a subset of {@code exchanges}
 * @param failures failed exchanges: Cognito errors and timeouts, refused tokens, invalid answers, and errors
 *     thrown while exchanging or starting a refresh; not waits for a slot or a rate-limit turn, interruptions of a
 *     caller, or {@code close()}
 * @param getIdCalls {@code GetId} calls made (identity ids are kept per user in the identity-id store)
 * @param refused credential requests answered with an error without waiting: a token Cognito rejected, or a
 *     failing token inside its backoff
 * @param abandoned credential requests whose caller stopped waiting (deadline passed or thread interrupted)
 *     while the exchange went on
 */
public record CredentialsStats(
        long hits,
        long misses,
        long exchanges,
        long refreshes,
        long failures,
        long getIdCalls,
        long refused,
        long abandoned) {}
