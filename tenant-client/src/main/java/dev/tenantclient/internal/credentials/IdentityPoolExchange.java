/*
 * Copyright 2026 The tenant-client Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tenantclient.internal.credentials;

import dev.tenantclient.internal.IdToken;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.cognitoidentity.model.Credentials;
import software.amazon.awssdk.services.cognitoidentity.model.GetCredentialsForIdentityRequest;
import software.amazon.awssdk.services.cognitoidentity.model.GetCredentialsForIdentityResponse;
import software.amazon.awssdk.services.cognitoidentity.model.NotAuthorizedException;
import software.amazon.awssdk.services.cognitoidentity.model.ResourceNotFoundException;

/**
 * The Cognito identity pool as a {@link CredentialsSource} (the enhanced flow): one token → credentials exchange,
 * inside one {@link Deadline}: an exchange slot (the cap on exchanges in flight), the identity id
 * ({@link IdentityIds}), a {@code GetCredentialsForIdentity} turn under its rate limit, the call, and the answer's
 * validation. On the sync client the exchange runs on the calling thread; on the async client it is a chain of
 * futures. Stateless per token; the per-token state lives in {@link TokenEntry}.
 */
final class IdentityPoolExchange implements CredentialsSource {

    /** How often an async exchange looks for a free exchange slot while all are taken. */
    private static final long SLOT_POLL_NANOS = TimeUnit.MILLISECONDS.toNanos(5);

    private final CognitoCalls calls;
    private final String loginProvider;
    private final IdentityIds identityIds;
    private final Semaphore slots;
    private final RateLimiter credentialsRate;
    private final int maxConcurrentExchanges;
    private final RefreshPolicy policy;

    IdentityPoolExchange(
            CognitoCalls calls,
            String loginProvider,
            IdentityIds identityIds,
            RateLimiter credentialsRate,
            int maxConcurrentExchanges,
            RefreshPolicy policy) {
        this.calls = calls;
        this.loginProvider = loginProvider;
        this.identityIds = identityIds;
        this.maxConcurrentExchanges = maxConcurrentExchanges;
        this.slots = new Semaphore(maxConcurrentExchanges, true);
        this.credentialsRate = credentialsRate;
        this.policy = policy;
    }

    @Override
    public String serviceName() {
        return "Cognito Identity";
    }

    @Override
    public boolean refusesToken(Throwable failure) {
        return failure instanceof NotAuthorizedException;
    }

    @Override
    public CompletableFuture<Issued> exchange(String token, IdToken claims, Deadline deadline) {
        if (calls.async()) {
            return exchangeAsync(token, claims, deadline);
        }
        try {
            return CompletableFuture.completedFuture(exchangeNow(token, claims, deadline));
        } catch (Throwable t) { // Errors and InterruptedException too: the caller classifies every failure
            return CompletableFuture.failedFuture(t);
        }
    }

    /** The exchange on the sync client, on the calling thread. */
    Issued exchangeNow(String token, IdToken parsed, Deadline deadline) throws InterruptedException {
        long left = deadline.remainingNanos();
        if (left <= 0 || !slots.tryAcquire(left, TimeUnit.NANOSECONDS)) {
            throw new DeadlineExceeded("no exchange slot free (maxConcurrentExchanges=" + maxConcurrentExchanges + ")");
        }
        try {
            String subject = parsed.tenant().subject();
            IdentityIds.Found id = identityIds.lookup(subject, token, deadline);
            GetCredentialsForIdentityResponse response;
            String identityId = id.identityId();
            try {
                response = getCredentials(identityId, token, deadline);
            } catch (ResourceNotFoundException e) {
                identityIds.forget(subject, identityId); // the identity was deleted: ask GetId next time
                throw e;
            } catch (NotAuthorizedException e) {
                if (id.ownCall()) {
                    throw e;
                }
                // The id came from another token or the store: this token's own GetId decides. A token Cognito
                // refuses fails there and leaves the stored id alone (a forged token cannot evict a user's id).
                identityId = identityIds.ownLookup(subject, token, deadline);
                response = getCredentials(identityId, token, deadline);
            }
            return issuedFrom(response, identityId, parsed);
        } finally {
            slots.release();
        }
    }

    private GetCredentialsForIdentityResponse getCredentials(String identityId, String token, Deadline deadline)
            throws InterruptedException {
        credentialsRate.acquire(deadline);
        if (deadline.passed()) {
            throw new DeadlineExceeded("no time left for GetCredentialsForIdentity");
        }
        return CognitoCalls.now(calls.getCredentialsForIdentity(request(identityId, token, deadline)));
    }

    private GetCredentialsForIdentityRequest request(String identityId, String token, Deadline deadline) {
        return GetCredentialsForIdentityRequest.builder()
                .identityId(identityId)
                .logins(Map.of(loginProvider, token))
                .overrideConfiguration(o -> o.apiCallTimeout(deadline.remaining()))
                .build();
    }

    /**
     * {@link #exchangeNow} on the async client, as a chain of futures: the same slot, identity id, rate limits,
     * deadline and validation; where the sync exchange waits (a slot, a rate-limit turn), this one schedules the next
     * step after a delay, and no thread waits for Cognito.
     */
    CompletableFuture<Issued> exchangeAsync(String token, IdToken parsed, Deadline deadline) {
        return slot(deadline).thenCompose(ignored -> {
            CompletableFuture<Issued> result;
            try {
                String subject = parsed.tenant().subject();
                result = identityIds
                        .lookupAsync(subject, token, deadline)
                        .thenCompose(id -> getCredentialsAsync(id.identityId(), token, deadline)
                                .thenApply(response -> issuedFrom(response, id.identityId(), parsed))
                                .exceptionallyCompose(e -> {
                                    Throwable c = CognitoCalls.unwrap(e);
                                    if (c instanceof ResourceNotFoundException) {
                                        identityIds.forget(subject, id.identityId());
                                    } else if (c instanceof NotAuthorizedException && !id.ownCall()) {
                                        // as in exchange(): this token's own GetId decides
                                        return identityIds
                                                .ownLookupAsync(subject, token, deadline)
                                                .thenCompose(own -> getCredentialsAsync(own, token, deadline)
                                                        .thenApply(response -> issuedFrom(response, own, parsed)));
                                    }
                                    return CompletableFuture.failedFuture(c);
                                }));
            } catch (RuntimeException e) {
                result = CompletableFuture.failedFuture(e);
            }
            return result.whenComplete((issued, e) -> slots.release());
        });
    }

    /** An exchange slot: now if one is free, otherwise looked for again shortly, until the deadline. */
    private CompletableFuture<@Nullable Void> slot(Deadline deadline) {
        if (slots.tryAcquire()) {
            return CompletableFuture.completedFuture(null);
        }
        long left = deadline.remainingNanos();
        if (left <= 0) {
            return CompletableFuture.failedFuture(new DeadlineExceeded(
                    "no exchange slot free (maxConcurrentExchanges=" + maxConcurrentExchanges + ")"));
        }
        return delay(Math.min(SLOT_POLL_NANOS, left)).thenCompose(ignored -> slot(deadline));
    }

    private CompletableFuture<GetCredentialsForIdentityResponse> getCredentialsAsync(
            String identityId, String token, Deadline deadline) {
        long wait;
        try {
            wait = credentialsRate.reserve(deadline);
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
        return delay(wait).thenCompose(ignored -> {
            if (deadline.passed()) {
                return CompletableFuture.failedFuture(
                        new DeadlineExceeded("no time left for GetCredentialsForIdentity"));
            }
            return calls.getCredentialsForIdentity(request(identityId, token, deadline));
        });
    }

    /**
     * A future completed after {@code nanos} by the JDK's delay scheduler (on its thread, which only starts the next
     * step: an async call or another delay), or now. No executor of ours: a shut-down one would leave it pending.
     *
     * @param nanos the delay; zero or less for none
     * @return the future
     */
    static CompletableFuture<@Nullable Void> delay(long nanos) {
        if (nanos <= 0) {
            return CompletableFuture.completedFuture(null);
        }
        return new CompletableFuture<@Nullable Void>().completeOnTimeout(null, nanos, TimeUnit.NANOSECONDS);
    }

    private Issued issuedFrom(GetCredentialsForIdentityResponse response, String identityId, IdToken token) {
        Credentials c = response.credentials();
        if (c == null
                || c.accessKeyId() == null
                || c.secretKey() == null
                || c.sessionToken() == null
                || c.expiration() == null) {
            throw SdkClientException.create("GetCredentialsForIdentity answered without complete credentials");
        }
        AwsSessionCredentials credentials = AwsSessionCredentials.builder()
                .accessKeyId(c.accessKeyId())
                .secretAccessKey(c.secretKey())
                .sessionToken(c.sessionToken())
                .expirationTime(c.expiration())
                .providerName("TenantClient")
                .build();
        String id = identityId.equals(response.identityId()) || response.identityId() == null
                ? identityId
                : response.identityId();
        return policy.issued(credentials, id, token.expiresAt());
    }
}
