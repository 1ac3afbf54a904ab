/*
 * Copyright 2026 The tenant-client Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tenantclient.internal.credentials;

import dev.tenantclient.internal.IdToken;
import java.util.concurrent.CompletableFuture;

/**
 * Where a token's credentials come from: a verified token in, {@link Issued} credentials out, as a future. The cache
 * around it ({@link TokenEntry}) adds everything else: caching, the single flight, refresh ahead, backoff,
 * stale-on-error, the limit on exchanges in flight, statistics and events. {@link IdentityPoolExchange} (a Cognito
 * identity pool) is one implementation; an STS source ({@code AssumeRole} with session tags,
 * {@code AssumeRoleWithWebIdentity}) would be another.
 *
 * <p>An implementation is called on the exchange executor. One that blocks (a sync SDK client) completes the future
 * before it returns; one that does not (an async client) returns at once and completes it later: it must then wait
 * for nothing on the calling thread, only chain futures. Either way it honours the {@link Deadline} (every wait and
 * SDK call takes its time from it) and fails with {@link DeadlineExceeded} when the deadline passes before the
 * service was asked.
 */
interface CredentialsSource {

    /**
     * The service's name in messages, such as {@code Cognito Identity}.
     *
     * @return the name
     */
    String serviceName();

    /**
     * Exchanges a verified token for credentials.
     *
     * @param token the raw token (sent to the service when the service needs it; never logged)
     * @param claims the token's verified claims
     * @param deadline the exchange's deadline
     * @return the credentials, or a future failed with the service's exception (unwrapped) or {@link DeadlineExceeded}
     */
    CompletableFuture<Issued> exchange(String token, IdToken claims, Deadline deadline);

    /**
     * Whether a failure is the service refusing the token itself (final for this token: never retried, reported as
     * {@code InvalidTenantTokenException}), rather than a failure worth retrying.
     *
     * @param failure the unwrapped failure of {@link #exchange}
     * @return whether the token was refused
     */
    boolean refusesToken(Throwable failure);
}
