/*
 * Copyright 2026 The tenant-client Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tenantclient.internal.dynamodb;

import dev.tenantclient.internal.ObservedCalls;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbRequest;

/**
 * The one place where a session's guarded request reaches the shared client: every operation of
 * {@link TenantDynamoDbClient} (the response) and of {@link TenantDynamoDbAsyncClient} (a future of it), every page of
 * a query call included, goes through {@link #send}. A request gets here only after the guard has passed it, with the
 * session's credentials set. Each request is observed as one {@code TenantObservations.call} (service
 * {@code dynamodb}, the SDK's operation name), query pages each on their own. Immutable and thread-safe.
 */
final class Dispatch {

    private final ObservedCalls calls;

    /**
     * Creates the dispatch of one session.
     *
     * @param calls observes each request
     */
    Dispatch(ObservedCalls calls) {
        this.calls = calls;
    }

    /**
     * Sends a guarded request on the shared sync client.
     *
     * @param <Q> the request type
     * @param <R> the response type
     * @param request the guarded request
     * @param shared the shared client's operation
     * @return what the shared client returned
     */
    <Q extends DynamoDbRequest, R> R send(Q request, Function<Q, R> shared) {
        return calls.send(request, shared);
    }

    /**
     * Sends a guarded request on the shared async client, observed until its future completes.
     *
     * @param <Q> the request type
     * @param <R> the response type
     * @param request the guarded request
     * @param shared the shared async client's operation
     * @return the shared client's future
     */
    <Q extends DynamoDbRequest, R> CompletableFuture<R> sendAsync(Q request, Function<Q, CompletableFuture<R>> shared) {
        return calls.sendAsync(request, shared);
    }
}
