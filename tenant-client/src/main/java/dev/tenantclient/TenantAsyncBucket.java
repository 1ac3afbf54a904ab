/*
 * Copyright 2026 The tenant-client Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tenantclient;

import java.time.Duration;
import java.util.Collection;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;
import software.amazon.awssdk.core.ResponseBytes;
import software.amazon.awssdk.core.async.AsyncRequestBody;
import software.amazon.awssdk.core.async.AsyncResponseTransformer;
import software.amazon.awssdk.services.s3.model.CopyObjectResponse;
import software.amazon.awssdk.services.s3.model.DeleteObjectRequest;
import software.amazon.awssdk.services.s3.model.DeleteObjectResponse;
import software.amazon.awssdk.services.s3.model.GetObjectRequest;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.HeadObjectRequest;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;
import software.amazon.awssdk.services.s3.model.PutObjectResponse;
import software.amazon.awssdk.services.s3.presigner.model.PresignedGetObjectRequest;
import software.amazon.awssdk.services.s3.presigner.model.PresignedPutObjectRequest;

/**
 * The asynchronous {@link TenantBucket}: the same bucket seen through one tenant, with the same key rules, option
 * allow-list, listing confinement and presigning, on the shared {@code S3AsyncClient}. Obtain with
 * {@link TenantSession#asyncBucket(String)}; {@link #transferManager()} gives tenant-confined transfers.
 *
 * <p>Every operation returns at once. A key or option the rules refuse completes the returned future exceptionally
 * with {@link TenantBoundaryException} and sends nothing; S3 errors complete it with the SDK's own exceptions. Puts
 * and copies larger than the multipart threshold ({@link TenantClient.Builder#s3MultipartConfiguration}) go in parts
 * through the SDK's multipart layer, every part checked and signed with the tenant's credentials; a failed multipart
 * upload is aborted. Cheap to create and thread-safe.
 */
public interface TenantAsyncBucket {

    /** @return the bucket's name */
    default String bucketName() {
        throw new UnsupportedOperationException();
    }

    /** @return the tenant this bucket is confined to */
    default Tenant tenant() {
        throw new UnsupportedOperationException();
    }

    /**
     * Writes an object, in parts above the multipart threshold.
     *
     * @param key the key relative to the tenant's folder
     * @param body the content
     * @return S3's response
     */
    default CompletableFuture<PutObjectResponse> putObject(String key, AsyncRequestBody body) {
        throw new UnsupportedOperationException();
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
    default CompletableFuture<PutObjectResponse> putObject(
            String key, AsyncRequestBody body, Consumer<PutObjectRequest.Builder> options) {
        throw new UnsupportedOperationException();
    }

    /**
     * Reads an object through a response transformer (bytes, a file, a publisher, ...).
     *
     * @param key the key relative to the tenant's folder
     * @param transformer what to do with the content, such as {@code AsyncResponseTransformer.toBytes()}
     * @param <T> the result type
     * @return the transformer's result; {@code NoSuchKeyException} when absent
     */
    default <T> CompletableFuture<T> getObject(String key, AsyncResponseTransformer<GetObjectResponse, T> transformer) {
        throw new UnsupportedOperationException();
    }

    /**
     * Reads a whole object into memory.
     *
     * @param key the key relative to the tenant's folder
     * @return the content, with S3's response
     */
    default CompletableFuture<ResponseBytes<GetObjectResponse>> getObjectAsBytes(String key) {
        throw new UnsupportedOperationException();
    }

    /**
     * Reads an object's metadata.
     *
     * @param key the key relative to the tenant's folder
     * @return S3's response; {@code NoSuchKeyException} when absent
     */
    default CompletableFuture<HeadObjectResponse> headObject(String key) {
        throw new UnsupportedOperationException();
    }

    /**
     * Deletes an object (S3 reports success for an absent key too).
     *
     * @param key the key relative to the tenant's folder
     * @return completes when deleted
     */
    default CompletableFuture<Void> deleteObject(String key) {
        throw new UnsupportedOperationException();
    }

    /**
     * Deletes objects, 1,000 per request, one request at a time. Every key is checked before the first request.
     *
     * @param keysToDelete keys relative to the tenant's folder
     * @return completes when deleted; {@link TenantClientException} naming how many keys S3 failed to delete
     */
    default CompletableFuture<Void> deleteObjects(Collection<String> keysToDelete) {
        throw new UnsupportedOperationException();
    }

    /**
     * Lists the objects under a prefix lazily, as the SDK's async {@code listObjectsV2Paginator}: each page is one
     * {@code ListObjectsV2} request, sent as the subscriber demands it; {@link TenantListingPublisher#objects()} is
     * the flat view of the objects. A refused prefix fails the subscription with {@link TenantBoundaryException} and
     * sends nothing.
     *
     * <pre>{@code
     * files.listObjects("reports/").objects().subscribe(o -> ...);   // CompletableFuture<Void>
     * }</pre>
     *
     * @param prefix a prefix relative to the tenant's folder; empty or null for the whole folder
     * @return the pages, keys relative to the tenant's folder, in S3's (UTF-8 binary) order
     */
    default TenantListingPublisher listObjects(@Nullable String prefix) {
        throw new UnsupportedOperationException();
    }

    /**
     * Lists one level under a prefix lazily, as {@link TenantBucket#listObjects(String, String)}: each page holds the
     * objects directly in it and the sub-folders ending in the delimiter.
     *
     * @param prefix a prefix relative to the tenant's folder; empty or null for the top of the folder
     * @param delimiter the folder separator, usually {@code "/"}
     * @return the pages, keys and sub-folders relative to the tenant's folder
     */
    default TenantListingPublisher listObjects(@Nullable String prefix, String delimiter) {
        throw new UnsupportedOperationException();
    }

    /**
     * Copies an object inside the tenant's folder (in parts above the multipart threshold).
     *
     * @param from the source key relative to the tenant's folder
     * @param to the destination key relative to the tenant's folder
     * @return S3's response
     */
    default CompletableFuture<CopyObjectResponse> copyObject(String from, String to) {
        throw new UnsupportedOperationException();
    }

    /**
     * As {@link TenantBucket#presignGetObject(String, Duration)}; presigning makes no request, so it returns at once.
     *
     * @param key the key relative to the tenant's folder
     * @param validity how long the URL works
     * @return the presigned request ({@code url()} is the URL)
     */
    default PresignedGetObjectRequest presignGetObject(String key, Duration validity) {
        throw new UnsupportedOperationException();
    }

    /**
     * As {@link TenantBucket#presignPutObject(String, Duration)}.
     *
     * @param key the key relative to the tenant's folder
     * @param validity how long the URL works
     * @return the presigned request ({@code url()} and the headers the upload must send)
     */
    default PresignedPutObjectRequest presignPutObject(String key, Duration validity) {
        throw new UnsupportedOperationException();
    }

    /**
     * Tenant-confined transfers of files, streams and directories on the SDK's {@code S3TransferManager}. Cheap: it
     * shares this bucket's clients and the client's transfer executor; nothing to close.
     *
     * @return the transfer manager for this bucket and tenant
     */
    default TenantTransferManager transferManager() {
        throw new UnsupportedOperationException();
    }

    /**
     * Reads an object through a response transformer, with the request options of
     * {@link TenantBucket#getObject(String, Consumer)} (version, range, conditions, response overrides). Options naming a
     * bucket or key, or outside that list, complete the future with {@link TenantBoundaryException} and send nothing.
     *
     * @param key the key relative to the tenant's folder
     * @param options request settings
     * @param transformer what to do with the content
     * @param <T> the result type
     * @return the transformer's result
     */
    default <T> CompletableFuture<T> getObject(
            String key,
            Consumer<GetObjectRequest.Builder> options,
            AsyncResponseTransformer<GetObjectResponse, T> transformer) {
        throw new UnsupportedOperationException();
    }

    /**
     * Reads a whole object (or the range asked for) into memory, with request options.
     *
     * @param key the key relative to the tenant's folder
     * @param options request settings, as {@link TenantBucket#getObject(String, Consumer)}
     * @return the content, with S3's response
     */
    default CompletableFuture<ResponseBytes<GetObjectResponse>> getObjectAsBytes(
            String key, Consumer<GetObjectRequest.Builder> options) {
        throw new UnsupportedOperationException();
    }

    /**
     * Reads an object's metadata with request options, as {@link TenantBucket#headObject(String, Consumer)}.
     *
     * @param key the key relative to the tenant's folder
     * @param options request settings
     * @return S3's response
     */
    default CompletableFuture<HeadObjectResponse> headObject(String key, Consumer<HeadObjectRequest.Builder> options) {
        throw new UnsupportedOperationException();
    }

    /**
     * Deletes an object with request options, as {@link TenantBucket#deleteObject(String, Consumer)}.
     *
     * @param key the key relative to the tenant's folder
     * @param options request settings
     * @return S3's response
     */
    default CompletableFuture<DeleteObjectResponse> deleteObject(
            String key, Consumer<DeleteObjectRequest.Builder> options) {
        throw new UnsupportedOperationException();
    }
}
