/*
 * Copyright 2026 The tenant-client Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tenantclient.internal.dynamodb;

import dev.tenantclient.TenantBoundaryException;
import java.util.function.UnaryOperator;

/**
 * One guarded call: the request to send, and how its response and its failure reach the application.
 *
 * @param <Q> the request type
 * @param <R> the response type
 */
public final class Guarded<Q, R> {
    private final Q request;
    private final UnaryOperator<R> response;
    private final UnaryOperator<RuntimeException> failure;

    Guarded(Q request, UnaryOperator<R> response, UnaryOperator<RuntimeException> failure) {
        this.request = request;
        this.response = response;
        this.failure = failure;
    }

    Guarded(Q request, UnaryOperator<R> response) {
        this(request, response, UnaryOperator.identity());
    }

    /** @return the request as it may be sent */
    public Q request() {
        return request;
    }

    /**
     * The service's response in the application's form.
     *
     * @param raw the response as DynamoDB sent it
     * @return the response the application sees
     * @throws TenantBoundaryException when it holds an item from outside the tenant
     */
    public R response(R raw) {
        return response.apply(raw);
    }

    /**
     * The service's error in the application's form (an item it carries is stripped, or dropped when foreign).
     *
     * @param error the error the SDK raised
     * @return the error the application sees
     */
    public RuntimeException failure(RuntimeException error) {
        return failure.apply(error);
    }
}
