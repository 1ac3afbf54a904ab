/*
 * Copyright 2026 The tenant-client Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tenantclient.internal.credentials;

import dev.tenantclient.credentials.IdentityIdStore;
import dev.tenantclient.credentials.IdentityIdStore.User;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.LongAdder;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.cognitoidentity.model.GetIdRequest;

/**
 * Identity ids per user: the {@link IdentityIdStore}, and a single flight for {@code GetId} so that many tokens of
 * one user arriving together cost one call.
 *
 * <p>The flight is keyed by the token's {@code sub}, which is not verified here: a forged token can carry any
 * user's {@code sub}. So only a flight's <em>success</em> is shared (Cognito verified that token, and an id found
 * with it is the user's). A failure belongs to the token that caused it: a caller whose joined flight failed asks
 * {@code GetId} with its own token, outside the flight, within its own deadline. One token's failure never decides
 * another token's fate.
 */
final class IdentityIds {

    private static final Logger log = LoggerFactory.getLogger(IdentityIds.class);
    /** Cognito's own pattern for identity ids ({@code <region>:<guid>}), at most 55 characters. */
    private static final Pattern IDENTITY_ID = Pattern.compile("[\\w-]+:[0-9a-f-]+");

    private final CognitoCalls calls;
    private final String identityPoolId;
    private final String loginProvider;
    private final IdentityIdStore store;
    private final RateLimiter rate;
    private final LongAdder getIdCalls;
    private final Map<String, CompletableFuture<String>> flights = new ConcurrentHashMap<>();

    IdentityIds(
            CognitoCalls calls,
            String identityPoolId,
            String loginProvider,
            IdentityIdStore store,
            RateLimiter rate,
            LongAdder getIdCalls) {
        this.calls = calls;
        this.identityPoolId = identityPoolId;
        this.loginProvider = loginProvider;
        this.store = store;
        this.rate = rate;
        this.getIdCalls = getIdCalls;
    }

    /** An identity id and whether this token's own {@code GetId} call found it. */
    record Found(String identityId, boolean ownCall) {}

    /**
     * The user's identity id: from the store, from a flight in progress, or from {@code GetId} with this token.
     */
    Found lookup(String subject, String token, Deadline deadline) throws InterruptedException {
        User user = user(subject);
        Optional<String> stored = find(user);
        if (stored.isPresent()) {
            return new Found(stored.get(), false);
        }
        CompletableFuture<String> mine = new CompletableFuture<>();
        CompletableFuture<String> running = flights.putIfAbsent(subject, mine);
        if (running != null) {
            try {
                long left = deadline.remainingNanos();
                if (left <= 0) {
                    throw new DeadlineExceeded("waited for another token's GetId past the deadline");
                }
                return new Found(running.get(left, TimeUnit.NANOSECONDS), false);
            } catch (ExecutionException e) {
                // another token's failure: not ours to inherit; ask for ourselves
                return new Found(getId(user, token, deadline), true);
            } catch (TimeoutException e) {
                throw new DeadlineExceeded("waited for another token's GetId past the deadline");
            }
        }
        try {
            String id = find(user).orElse(null); // stored between our lookup and our claim
            if (id == null) {
                id = getId(user, token, deadline);
            }
            mine.complete(id);
            return new Found(id, true);
        } catch (Throwable t) { // Errors too: never leave a joined caller waiting
            mine.completeExceptionally(t);
            throw t;
        } finally {
            flights.remove(subject, mine);
        }
    }

    /** {@code GetId} with this token, outside any flight (after a cached id proved wrong for it). */
    String ownLookup(String subject, String token, Deadline deadline) throws InterruptedException {
        return getId(user(subject), token, deadline);
    }

    /**
     * {@link #lookup} on the async client: the same store, flights and rate limit, chained on futures; waits for
     * another token's {@code GetId} and for a rate-limit turn are delayed futures, not blocked threads.
     */
    CompletableFuture<Found> lookupAsync(String subject, String token, Deadline deadline) {
        User user = user(subject);
        Optional<String> stored = find(user);
        if (stored.isPresent()) {
            return CompletableFuture.completedFuture(new Found(stored.get(), false));
        }
        CompletableFuture<String> mine = new CompletableFuture<>();
        CompletableFuture<String> running = flights.putIfAbsent(subject, mine);
        if (running != null) {
            long left = deadline.remainingNanos();
            if (left <= 0) {
                return CompletableFuture.failedFuture(
                        new DeadlineExceeded("waited for another token's GetId past the deadline"));
            }
            return running.copy()
                    .orTimeout(left, TimeUnit.NANOSECONDS)
                    .thenApply(id -> new Found(id, false))
                    .exceptionallyCompose(e -> {
                        if (CognitoCalls.unwrap(e) instanceof TimeoutException) {
                            return CompletableFuture.failedFuture(
                                    new DeadlineExceeded("waited for another token's GetId past the deadline"));
                        }
                        // another token's failure: not ours to inherit; ask for ourselves
                        return getIdAsync(user, token, deadline).thenApply(own -> new Found(own, true));
                    });
        }
        CompletableFuture<String> own;
        try {
            String id = find(user).orElse(null); // stored between our lookup and our claim
            own = id != null ? CompletableFuture.completedFuture(id) : getIdAsync(user, token, deadline);
        } catch (Throwable t) { // Errors too: never leave a joined caller waiting
            own = CompletableFuture.failedFuture(t);
        }
        return own.whenComplete((id, e) -> {
                    flights.remove(subject, mine);
                    if (e != null) {
                        mine.completeExceptionally(CognitoCalls.unwrap(e));
                    } else {
                        mine.complete(id);
                    }
                })
                .thenApply(id -> new Found(id, true));
    }

    /** {@link #ownLookup} on the async client. */
    CompletableFuture<String> ownLookupAsync(String subject, String token, Deadline deadline) {
        return getIdAsync(user(subject), token, deadline);
    }

    private CompletableFuture<String> getIdAsync(User user, String token, Deadline deadline) {
        long wait;
        try {
            wait = rate.reserve(deadline);
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
        return IdentityPoolExchange.delay(wait)
                .thenCompose(ignored -> {
                    if (deadline.passed()) {
                        return CompletableFuture.failedFuture(new DeadlineExceeded("no time left for GetId"));
                    }
                    getIdCalls.increment();
                    return calls.getId(request(token, deadline));
                })
                .thenApply(response -> saved(user, response.identityId()));
    }

    void forget(String subject, String identityId) {
        try {
            store.forget(user(subject), identityId);
        } catch (RuntimeException e) {
            log.warn("The identity id store failed to forget an identity id ({})", CognitoErrors.causeOf(e));
        }
    }

    private String getId(User user, String token, Deadline deadline) throws InterruptedException {
        rate.acquire(deadline);
        if (deadline.passed()) {
            throw new DeadlineExceeded("no time left for GetId");
        }
        getIdCalls.increment();
        return saved(
                user, CognitoCalls.now(calls.getId(request(token, deadline))).identityId());
    }

    private GetIdRequest request(String token, Deadline deadline) {
        return GetIdRequest.builder()
                .identityPoolId(identityPoolId)
                .logins(Map.of(loginProvider, token))
                .overrideConfiguration(o -> o.apiCallTimeout(deadline.remaining()))
                .build();
    }

    /** Checks and stores the identity id {@code GetId} answered. */
    private String saved(User user, @Nullable String id) {
        if (id == null || id.length() > 55 || !IDENTITY_ID.matcher(id).matches()) {
            throw SdkClientException.create("GetId answered without a valid identity id");
        }
        try {
            store.save(user, id);
        } catch (RuntimeException e) {
            log.warn(
                    "The identity id store failed to save an identity id ({}); continuing without it",
                    CognitoErrors.causeOf(e));
        }
        return id;
    }

    private Optional<String> find(User user) {
        try {
            return store.find(user);
        } catch (RuntimeException e) {
            log.warn(
                    "The identity id store failed to look up an identity id ({}); asking GetId instead",
                    CognitoErrors.causeOf(e));
            return Optional.empty();
        }
    }

    private User user(String subject) {
        return new User(identityPoolId, loginProvider, subject);
    }
}
