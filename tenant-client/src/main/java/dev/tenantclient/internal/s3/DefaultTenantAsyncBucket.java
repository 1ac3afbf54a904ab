/*
 * Copyright 2026 The tenant-client Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tenantclient.internal.s3;

import dev.tenantclient.Tenant;
import dev.tenantclient.TenantAsyncBucket;
import dev.tenantclient.TenantBoundaryException;
import dev.tenantclient.TenantBucket;
import dev.tenantclient.TenantClientException;
import dev.tenantclient.TenantListing;
import dev.tenantclient.TenantListingPublisher;
import dev.tenantclient.TenantTransferManager;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.reactivestreams.Subscription;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.core.ResponseBytes;
import software.amazon.awssdk.core.async.AsyncRequestBody;
import software.amazon.awssdk.core.async.AsyncResponseTransformer;
import software.amazon.awssdk.core.async.SdkPublisher;
import software.amazon.awssdk.services.s3.S3AsyncClient;
import software.amazon.awssdk.services.s3.model.CopyObjectRequest;
import software.amazon.awssdk.services.s3.model.CopyObjectResponse;
import software.amazon.awssdk.services.s3.model.DeleteObjectRequest;
import software.amazon.awssdk.services.s3.model.DeleteObjectResponse;
import software.amazon.awssdk.services.s3.model.DeleteObjectsRequest;
import software.amazon.awssdk.services.s3.model.GetObjectRequest;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.HeadObjectRequest;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Request;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;
import software.amazon.awssdk.services.s3.model.PutObjectResponse;
import software.amazon.awssdk.services.s3.model.S3Error;
import software.amazon.awssdk.services.s3.presigner.model.PresignedGetObjectRequest;
import software.amazon.awssdk.services.s3.presigner.model.PresignedPutObjectRequest;

/** The implementation of {@link TenantAsyncBucket}. */
public final class DefaultTenantAsyncBucket implements TenantAsyncBucket {

    private final BucketOperations ops;
    private final AsyncS3Resources resources;
    private final S3AsyncClient direct;
    private final S3AsyncClient multipart;
    private final Tenant tenant;

    public DefaultTenantAsyncBucket(
            BucketOperations ops, AsyncS3Resources resources, AwsCredentialsProvider credentials, Tenant tenant) {
        this.ops = ops;
        this.resources = resources;
        this.tenant = tenant;
        this.direct = TenantS3AsyncClient.direct(resources.client(), credentials, ops.guard());
        this.multipart = resources.multipartClient(credentials, ops.guard());
    }

    /** @return the bucket's name */
    @Override
    public String bucketName() {
        return ops.bucket();
    }

    /** @return the tenant this bucket is confined to */
    @Override
    public Tenant tenant() {
        return tenant;
    }

    /**
     * Writes an object, in parts above the multipart threshold.
     *
     * @param key the key relative to the tenant's folder
     * @param body the content
     * @return S3's response
     */
    @Override
    public CompletableFuture<PutObjectResponse> putObject(String key, AsyncRequestBody body) {
        return putObject(key, body, b -> {});
    }

    /**
     * Writes an object with request options, from the allow-list of
     * {@link TenantBucket#putObject(String, software.amazon.awssdk.core.sync.RequestBody, Consumer)}.
     *
     * @param key the key relative to the tenant's folder
     * @param body the content
     * @param options further request settings
     * @return S3's response; {@link TenantBoundaryException} when the options set anything outside the allow-list
     */
    @Override
    public CompletableFuture<PutObjectResponse> putObject(
            String key, AsyncRequestBody body, Consumer<PutObjectRequest.Builder> options) {
        return checked(() -> {
            PutObjectRequest request = ops.putObject(key, options);
            Objects.requireNonNull(body, "body");
            ops.guard().check(request);
            return multipart.putObject(request, body);
        });
    }

    /**
     * Reads an object through a response transformer (bytes, a file, a publisher, ...).
     *
     * @param key the key relative to the tenant's folder
     * @param transformer what to do with the content, such as {@code AsyncResponseTransformer.toBytes()}
     * @param <T> the result type
     * @return the transformer's result; {@code NoSuchKeyException} when absent
     */
    @Override
    public <T> CompletableFuture<T> getObject(String key, AsyncResponseTransformer<GetObjectResponse, T> transformer) {
        return checked(() -> {
            Objects.requireNonNull(transformer, "transformer");
            GetObjectRequest request = ops.getObject(key);
            ops.guard().check(request);
            return multipart.getObject(request, transformer);
        });
    }

    /**
     * Reads a whole object into memory.
     *
     * @param key the key relative to the tenant's folder
     * @return the content, with S3's response
     */
    @Override
    public CompletableFuture<ResponseBytes<GetObjectResponse>> getObjectAsBytes(String key) {
        return getObject(key, AsyncResponseTransformer.toBytes());
    }

    /**
     * Reads an object's metadata.
     *
     * @param key the key relative to the tenant's folder
     * @return S3's response; {@code NoSuchKeyException} when absent
     */
    @Override
    public CompletableFuture<HeadObjectResponse> headObject(String key) {
        return checked(() -> direct.headObject(ops.headObject(key)));
    }

    /**
     * Deletes an object (S3 reports success for an absent key too).
     *
     * @param key the key relative to the tenant's folder
     * @return completes when deleted
     */
    @Override
    public CompletableFuture<Void> deleteObject(String key) {
        return checked(() -> direct.deleteObject(ops.deleteObject(key)).thenApply(r -> null));
    }

    /**
     * Deletes objects, 1,000 per request, one request at a time. Every key is checked before the first request.
     *
     * @param keysToDelete keys relative to the tenant's folder
     * @return completes when deleted; {@link TenantClientException} naming how many keys S3 failed to delete
     */
    @Override
    public CompletableFuture<Void> deleteObjects(Collection<String> keysToDelete) {
        return checked(() -> {
            List<DeleteObjectsRequest> requests = ops.deleteObjects(keysToDelete);
            List<S3Error> errors = Collections.synchronizedList(new ArrayList<>());
            CompletableFuture<Void> chain = CompletableFuture.completedFuture(null);
            int total = 0;
            for (DeleteObjectsRequest request : requests) {
                total += request.delete().objects().size();
                chain = chain.thenCompose(
                        v -> direct.deleteObjects(request).thenAccept(r -> errors.addAll(r.errors())));
            }
            int count = total;
            return chain.thenRun(() -> BucketOperations.checkDeleted(errors, count));
        });
    }

    @Override
    public TenantListingPublisher listObjects(@Nullable String prefix) {
        return listing(prefix, null);
    }

    @Override
    public TenantListingPublisher listObjects(@Nullable String prefix, String delimiter) {
        return listing(prefix, Objects.requireNonNull(delimiter, "delimiter"));
    }

    /**
     * Copies an object inside the tenant's folder (in parts above the multipart threshold).
     *
     * @param from the source key relative to the tenant's folder
     * @param to the destination key relative to the tenant's folder
     * @return S3's response
     */
    @Override
    public CompletableFuture<CopyObjectResponse> copyObject(String from, String to) {
        return checked(() -> {
            CopyObjectRequest request = ops.copyObject(from, to);
            ops.guard().check(request);
            return multipart.copyObject(request);
        });
    }

    /**
     * As {@link TenantBucket#presignGetObject(String, Duration)}; presigning makes no request, so it returns at once.
     *
     * @param key the key relative to the tenant's folder
     * @param validity how long the URL works
     * @return the presigned request ({@code url()} is the URL)
     */
    @Override
    public PresignedGetObjectRequest presignGetObject(String key, Duration validity) {
        return ops.presignGetObject(key, validity);
    }

    /**
     * As {@link TenantBucket#presignPutObject(String, Duration)}.
     *
     * @param key the key relative to the tenant's folder
     * @param validity how long the URL works
     * @return the presigned request ({@code url()} and the headers the upload must send)
     */
    @Override
    public PresignedPutObjectRequest presignPutObject(String key, Duration validity) {
        return ops.presignPutObject(key, validity);
    }

    /**
     * Tenant-confined transfers of files, streams and directories on the SDK's {@code S3TransferManager}. Cheap: it
     * shares this bucket's clients and the client's transfer executor; nothing to close.
     *
     * @return the transfer manager for this bucket and tenant
     */
    @Override
    public TenantTransferManager transferManager() {
        return new DefaultTenantTransferManager(ops, multipart, resources.transferExecutor(), tenant);
    }

    /** Runs a step that may refuse its input, turning the refusal into a failed future as the SDK's clients do. */
    private static <T> CompletableFuture<T> checked(Supplier<CompletableFuture<T>> step) {
        try {
            return step.get();
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    @Override
    public <T> CompletableFuture<T> getObject(
            String key,
            Consumer<GetObjectRequest.Builder> options,
            AsyncResponseTransformer<GetObjectResponse, T> transformer) {
        return checked(() -> {
            Objects.requireNonNull(transformer, "transformer");
            GetObjectRequest request = ops.getObject(key, options);
            ops.guard().check(request);
            return multipart.getObject(request, transformer);
        });
    }

    @Override
    public CompletableFuture<ResponseBytes<GetObjectResponse>> getObjectAsBytes(
            String key, Consumer<GetObjectRequest.Builder> options) {
        return getObject(key, options, AsyncResponseTransformer.toBytes());
    }

    @Override
    public CompletableFuture<HeadObjectResponse> headObject(String key, Consumer<HeadObjectRequest.Builder> options) {
        return checked(() -> direct.headObject(ops.headObject(key, options)));
    }

    @Override
    public CompletableFuture<DeleteObjectResponse> deleteObject(
            String key, Consumer<DeleteObjectRequest.Builder> options) {
        return checked(() -> direct.deleteObject(ops.deleteObject(key, options)));
    }

    private TenantListingPublisher listing(@Nullable String prefix, @Nullable String delimiter) {
        ListObjectsV2Request request;
        try {
            request = ops.list(prefix, delimiter);
        } catch (RuntimeException e) {
            return subscriber -> {
                subscriber.onSubscribe(new Subscription() {
                    @Override
                    public void request(long n) {}

                    @Override
                    public void cancel() {}
                });
                subscriber.onError(e);
            };
        }
        SdkPublisher<TenantListing> pages =
                direct.listObjectsV2Paginator(request).map(ops::listing);
        return pages::subscribe;
    }

    @Override
    public String toString() {
        return "TenantAsyncBucket{bucket=" + ops.bucket() + ", folder="
                + ops.keys().folder() + "}";
    }
}
