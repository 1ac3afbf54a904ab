/*
 * Copyright 2026 The tenant-client Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tenantclient.internal.credentials;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import software.amazon.awssdk.services.cognitoidentity.CognitoIdentityAsyncClient;
import software.amazon.awssdk.services.cognitoidentity.CognitoIdentityClient;
import software.amazon.awssdk.services.cognitoidentity.model.GetCredentialsForIdentityRequest;
import software.amazon.awssdk.services.cognitoidentity.model.GetCredentialsForIdentityResponse;
import software.amazon.awssdk.services.cognitoidentity.model.GetIdRequest;
import software.amazon.awssdk.services.cognitoidentity.model.GetIdResponse;

/**
 * The one place that performs the two Cognito Identity calls of an exchange, on the sync client (the call runs on
 * the calling thread; the future is complete on return) or on the async client (the future completes on the SDK's
 * threads; no thread waits for Cognito).
 */
public interface CognitoCalls {

    /** @return whether the calls complete later, so the exchange must chain them rather than wait for them */
    boolean async();

    /**
     * Sends {@code GetId}.
     *
     * @param request the request
     * @return the answer
     */
    CompletableFuture<GetIdResponse> getId(GetIdRequest request);

    /**
     * Sends {@code GetCredentialsForIdentity}.
     *
     * @param request the request
     * @return the answer
     */
    CompletableFuture<GetCredentialsForIdentityResponse> getCredentialsForIdentity(
            GetCredentialsForIdentityRequest request);

    /**
     * The calls on the sync client.
     *
     * @param client the client (shared, not closed here)
     * @return the calls
     */
    static CognitoCalls of(CognitoIdentityClient client) {
        return new CognitoCalls() {
            @Override
            public boolean async() {
                return false;
            }

            @Override
            public CompletableFuture<GetIdResponse> getId(GetIdRequest request) {
                try {
                    return CompletableFuture.completedFuture(client.getId(request));
                } catch (RuntimeException e) {
                    return CompletableFuture.failedFuture(e);
                }
            }

            @Override
            public CompletableFuture<GetCredentialsForIdentityResponse> getCredentialsForIdentity(
                    GetCredentialsForIdentityRequest request) {
                try {
                    return CompletableFuture.completedFuture(client.getCredentialsForIdentity(request));
                } catch (RuntimeException e) {
                    return CompletableFuture.failedFuture(e);
                }
            }
        };
    }

    /**
     * The calls on the async client.
     *
     * @param client the client (shared, not closed here)
     * @return the calls
     */
    static CognitoCalls of(CognitoIdentityAsyncClient client) {
        return new CognitoCalls() {
            @Override
            public boolean async() {
                return true;
            }

            @Override
            public CompletableFuture<GetIdResponse> getId(GetIdRequest request) {
                return client.getId(request);
            }

            @Override
            public CompletableFuture<GetCredentialsForIdentityResponse> getCredentialsForIdentity(
                    GetCredentialsForIdentityRequest request) {
                return client.getCredentialsForIdentity(request);
            }
        };
    }

    /**
     * The result of a completed call on the sync client, with its own exception as thrown.
     *
     * @param future a future {@link #of(CognitoIdentityClient)} returned
     * @return the response
     */
    static <T> T now(CompletableFuture<T> future) {
        try {
            return future.join();
        } catch (CompletionException e) {
            Throwable cause = unwrap(e);
            if (cause instanceof RuntimeException r) {
                throw r;
            }
            if (cause instanceof Error err) {
                throw err;
            }
            throw e;
        }
    }

    /** @return the cause under any {@link CompletionException} wrappers */
    static Throwable unwrap(Throwable t) {
        Throwable c = t;
        while (c instanceof CompletionException && c.getCause() != null) {
            c = c.getCause();
        }
        return c;
    }
}
