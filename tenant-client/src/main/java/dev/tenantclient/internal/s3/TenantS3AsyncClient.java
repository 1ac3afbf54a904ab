/*
 * Copyright 2026 The tenant-client Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tenantclient.internal.s3;

import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.services.s3.DelegatingS3AsyncClient;
import software.amazon.awssdk.services.s3.S3AsyncClient;
import software.amazon.awssdk.services.s3.model.S3Request;

/**
 * The async counterpart of {@link TenantS3Client}, on the same {@link S3Guard}: every request that reaches the shared
 * client is checked and signed with the session's credentials. A request the guard refuses completes the returned
 * future exceptionally and is never sent.
 *
 * <p>In {@linkplain #derived derived} mode it sits <em>below</em> the SDK's multipart layer and the Transfer Manager,
 * so it sees (and signs) every CreateMultipartUpload, UploadPart, CompleteMultipartUpload and AbortMultipartUpload they
 * send: AWS SDK 2.40 does not copy a request's override configuration, and so its credentials, onto those requests
 * (aws-sdk-java-v2 issue 5386).
 */
public final class TenantS3AsyncClient extends DelegatingS3AsyncClient {

    private final AwsCredentialsProvider credentials;
    private final S3Guard guard;
    private final boolean derived;

    private TenantS3AsyncClient(
            S3AsyncClient shared, AwsCredentialsProvider credentials, S3Guard guard, boolean derived) {
        super(shared);
        this.credentials = credentials;
        this.guard = guard;
        this.derived = derived;
    }

    /**
     * A client for requests the application shapes ({@link S3Guard#check}).
     *
     * @param shared the shared client (not closed here)
     * @param credentials the session's credentials
     * @param guard the tenant's boundary in the bucket
     * @return the client
     */
    public static TenantS3AsyncClient direct(S3AsyncClient shared, AwsCredentialsProvider credentials, S3Guard guard) {
        return new TenantS3AsyncClient(shared, credentials, guard, false);
    }

    /**
     * A client below the SDK's multipart layer ({@link S3Guard#checkDerived}).
     *
     * @param shared the shared client (not closed here)
     * @param credentials the session's credentials
     * @param guard the tenant's boundary in the bucket
     * @return the client
     */
    public static TenantS3AsyncClient derived(S3AsyncClient shared, AwsCredentialsProvider credentials, S3Guard guard) {
        return new TenantS3AsyncClient(shared, credentials, guard, true);
    }

    @Override
    protected <T extends S3Request, R> CompletableFuture<R> invokeOperation(
            T request, Function<T, CompletableFuture<R>> operation) {
        try {
            if (derived) {
                guard.checkDerived(request);
            } else {
                guard.check(request);
            }
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
        return guard.calls().sendAsync(S3Guard.signedBy(request, credentials), operation);
    }

    @Override
    public void close() {
        // the shared client belongs to the application or the TenantClient
    }

    @Override
    public String toString() {
        return "TenantS3AsyncClient{bucket=" + guard.bucket() + ", " + guard.keys() + "}";
    }
}
