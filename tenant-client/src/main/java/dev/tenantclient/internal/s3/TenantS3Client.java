/*
 * Copyright 2026 The tenant-client Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tenantclient.internal.s3;

import java.util.function.Function;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.services.s3.DelegatingS3Client;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Request;

/**
 * The S3 client a session's bucket talks to: every request passes the {@link S3Guard} (its bucket is the session's
 * bucket and every key or prefix it carries is under the tenant's folder — the IAM resource rule) and is signed with
 * the session's credentials on the shared client. Requests of any other kind are refused.
 */
public final class TenantS3Client extends DelegatingS3Client {

    private final AwsCredentialsProvider credentials;
    private final S3Guard guard;

    /**
     * Creates the client.
     *
     * @param shared the shared client (not closed here)
     * @param credentials the session's credentials
     * @param keys the tenant's key rule
     * @param bucket the only bucket requests may name
     */
    public TenantS3Client(S3Client shared, AwsCredentialsProvider credentials, ObjectKeys keys, String bucket) {
        this(shared, credentials, new S3Guard(keys, bucket));
    }

    /**
     * Creates the client.
     *
     * @param shared the shared client (not closed here)
     * @param credentials the session's credentials
     * @param guard the tenant's boundary in the bucket
     */
    public TenantS3Client(S3Client shared, AwsCredentialsProvider credentials, S3Guard guard) {
        super(shared);
        this.credentials = credentials;
        this.guard = guard;
    }

    @Override
    protected <T extends S3Request, R> R invokeOperation(T request, Function<T, R> operation) {
        guard.check(request);
        return guard.calls().send(S3Guard.signedBy(request, credentials), operation);
    }

    /**
     * The guard: the request's bucket and every key or prefix it carries must be the session's bucket and folder.
     *
     * @param request any S3 request
     * @throws dev.tenantclient.TenantBoundaryException when the request would leave the tenant or cannot be checked
     */
    public void guard(S3Request request) {
        guard.check(request);
    }

    @Override
    public void close() {
        // the shared client belongs to the application or the TenantClient
    }

    @Override
    public String toString() {
        return "TenantS3Client{bucket=" + guard.bucket() + ", " + guard.keys() + "}";
    }
}
