/*
 * Copyright 2026 The tenant-client Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tenantclient.internal.dynamodb;

import java.util.function.Function;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbRequest;

/**
 * The one place where a session's guarded request reaches the shared client: every operation of
 * {@link TenantDynamoDbClient} (the response) and of {@link TenantDynamoDbAsyncClient} (a future of it), every page of
 * a query call included, goes through {@link #send}. A request gets here only after the guard has passed it, with the
 * session's credentials set. Stateless and thread-safe.
 */
final class Dispatch {

    /**
     * Sends a guarded request on the shared client.
     *
     * @param <Q> the request type
     * @param <R> what the shared client returns: the response (sync) or a future of it (async)
     * @param request the guarded request
     * @param shared the shared client's operation
     * @return what the shared client returned
     */
    <Q extends DynamoDbRequest, R> R send(Q request, Function<Q, R> shared) {
        return shared.apply(request);
    }
}
