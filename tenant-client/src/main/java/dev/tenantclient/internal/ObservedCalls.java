/*
 * Copyright 2026 The tenant-client Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tenantclient.internal;

import dev.tenantclient.Tenant;
import dev.tenantclient.TenantObservations;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;
import software.amazon.awssdk.core.SdkRequest;

/**
 * Observes the requests one session's wrappers send on a shared client of one service, through
 * {@link TenantObservations#call}: started before the shared client is called, stopped when the call returns or
 * throws (sync) or when the returned future completes (async). The operation is the SDK's name, from the request's
 * class ({@code GetItemRequest} → {@code GetItem}). With {@link TenantObservations#NONE} a call costs one reference
 * comparison and allocates nothing. Immutable and thread-safe.
 */
public final class ObservedCalls {

    /** Observes nothing. */
    public static final ObservedCalls NONE = new ObservedCalls(TenantObservations.NONE, null, "none");

    private static final ClassValue<String> OPERATIONS = new ClassValue<>() {
        @Override
        protected String computeValue(Class<?> type) {
            String name = type.getSimpleName();
            return name.endsWith("Request") ? name.substring(0, name.length() - "Request".length()) : name;
        }
    };

    private final TenantObservations observations;
    private final @Nullable Tenant tenant;
    private final String service;

    private ObservedCalls(TenantObservations observations, @Nullable Tenant tenant, String service) {
        this.observations = observations;
        this.tenant = tenant;
        this.service = service;
    }

    /**
     * The calls of one session on one service.
     *
     * @param observations the client's observations
     * @param tenant the session's tenant
     * @param service {@code dynamodb} or {@code s3}
     * @return the session's observed calls, or {@link #NONE} when the observations are {@link TenantObservations#NONE}
     */
    public static ObservedCalls of(TenantObservations observations, Tenant tenant, String service) {
        return observations == TenantObservations.NONE ? NONE : new ObservedCalls(observations, tenant, service);
    }

    /**
     * The SDK's name of a request's operation.
     *
     * @param request a request
     * @return its operation, such as {@code GetItem}
     */
    public static String operation(SdkRequest request) {
        return OPERATIONS.get(request.getClass());
    }

    /**
     * Sends a request, observed.
     *
     * @param <Q> the request type
     * @param <R> the response type
     * @param request the request
     * @param operation the shared client's operation
     * @return its response
     */
    public <Q extends SdkRequest, R> R send(Q request, Function<Q, R> operation) {
        Tenant t = tenant;
        if (t == null) {
            return operation.apply(request);
        }
        TenantObservations.Observed observed = observations.call(t, service, operation(request));
        R response;
        try {
            response = operation.apply(request);
        } catch (RuntimeException | Error e) {
            observed.stop(e);
            throw e;
        }
        observed.stop(null);
        return response;
    }

    /**
     * Sends a request, observed until the returned future completes.
     *
     * @param <Q> the request type
     * @param <R> the response type
     * @param request the request
     * @param operation the shared client's operation
     * @return the shared client's future (the same future, so cancelling it reaches the SDK)
     */
    public <Q extends SdkRequest, R> CompletableFuture<R> sendAsync(
            Q request, Function<Q, CompletableFuture<R>> operation) {
        Tenant t = tenant;
        if (t == null) {
            return operation.apply(request);
        }
        TenantObservations.Observed observed = observations.call(t, service, operation(request));
        CompletableFuture<R> sent;
        try {
            sent = operation.apply(request);
        } catch (RuntimeException | Error e) {
            observed.stop(e);
            throw e;
        }
        // the observer's stage only; its failure is the SDK future's, reported to the caller through that future
        CompletableFuture<R> unused = sent.whenComplete((response, failure) -> observed.stop(unwrap(failure)));
        return sent;
    }

    private static @Nullable Throwable unwrap(@Nullable Throwable t) {
        Throwable c = t;
        while (c instanceof CompletionException && c.getCause() != null) {
            c = c.getCause();
        }
        return c;
    }

    @Override
    public String toString() {
        return "ObservedCalls{service=" + service + ", observed=" + (tenant != null) + "}";
    }
}
