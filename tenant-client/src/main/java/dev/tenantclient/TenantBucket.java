/*
 * Copyright 2026 The tenant-client Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tenantclient;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Collection;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;
import software.amazon.awssdk.core.ResponseBytes;
import software.amazon.awssdk.core.ResponseInputStream;
import software.amazon.awssdk.core.sync.RequestBody;
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
 * An S3 bucket seen through one tenant: every key is relative to the tenant's folder ({@code acme/} in
 * {@link TenantLayout#org()}), so {@code putObject("reports/q1.pdf", body)} writes {@code acme/reports/q1.pdf} and
 * listings return {@code reports/q1.pdf}. Obtain with {@link TenantSession#bucket(String)}.
 *
 * <p>Keys are checked before any request: empty, absolute ({@code /x}), {@code .} or {@code ..} segments, empty
 * segments ({@code a//b}), backslashes, control characters, unpaired surrogates, or longer than S3's 1,024 bytes
 * once prefixed all throw {@link TenantBoundaryException}. Every request then passes a guard that checks its bucket
 * and keys against the same rule as the IAM policy, and is signed with the session's credentials on the shared
 * {@code S3Client}; presigned URLs are signed with the tenant's credentials too. S3 errors are the SDK's own
 * exceptions. Cheap to create and thread-safe.
 */
public interface TenantBucket {

    /** Files larger than this are uploaded in parts by {@link #upload(String, Path)}. */
    long DEFAULT_MULTIPART_THRESHOLD = 16L * 1024 * 1024;

    /** The part size {@link #upload(String, Path)} uses. */
    long DEFAULT_PART_SIZE = 8L * 1024 * 1024;

    /** @return the bucket's name */
    default String bucketName() {
        throw new UnsupportedOperationException();
    }

    /** @return the tenant this bucket is confined to */
    default Tenant tenant() {
        throw new UnsupportedOperationException();
    }

    /**
     * Writes an object.
     *
     * @param key the key relative to the tenant's folder
     * @param body the content
     * @return S3's response
     */
    default PutObjectResponse putObject(String key, RequestBody body) {
        throw new UnsupportedOperationException();
    }

    /**
     * Writes an object with request options: content headers ({@code contentType}, {@code cacheControl}, ...),
     * metadata, checksums, conditional writes ({@code ifNoneMatch}), storage class, encryption, tagging, object lock,
     * and in the override configuration timeouts and metric publishers. Anything that could change which object or
     * which operation the request touches is refused with {@link TenantBoundaryException} before sending: the bucket
     * and key, ACLs and grants, {@code websiteRedirectLocation}, and any header or query parameter added through the
     * override configuration (an {@code x-amz-copy-source} header would turn the put into a copy).
     *
     * @param key the key relative to the tenant's folder
     * @param body the content
     * @param options further request settings, from the allow-list above
     * @return S3's response
     * @throws TenantBoundaryException when the options set anything outside the allow-list
     */
    default PutObjectResponse putObject(String key, RequestBody body, Consumer<PutObjectRequest.Builder> options) {
        throw new UnsupportedOperationException();
    }

    /**
     * Opens an object for reading; close the stream.
     *
     * @param key the key relative to the tenant's folder
     * @return the content stream, with S3's response
     * @throws software.amazon.awssdk.services.s3.model.NoSuchKeyException when absent
     */
    default ResponseInputStream<GetObjectResponse> getObject(String key) {
        throw new UnsupportedOperationException();
    }

    /**
     * Reads a whole object into memory.
     *
     * @param key the key relative to the tenant's folder
     * @return the content, with S3's response
     */
    default ResponseBytes<GetObjectResponse> getObjectAsBytes(String key) {
        throw new UnsupportedOperationException();
    }

    /**
     * Reads an object's metadata.
     *
     * @param key the key relative to the tenant's folder
     * @return S3's response
     * @throws software.amazon.awssdk.services.s3.model.NoSuchKeyException when absent
     */
    default HeadObjectResponse headObject(String key) {
        throw new UnsupportedOperationException();
    }

    /**
     * Deletes an object (S3 reports success for an absent key too).
     *
     * @param key the key relative to the tenant's folder
     */
    default void deleteObject(String key) {
        throw new UnsupportedOperationException();
    }

    /**
     * Deletes objects, 1,000 per request. Every key is checked before the first request.
     *
     * @param keysToDelete keys relative to the tenant's folder
     * @throws TenantClientException naming how many keys S3 failed to delete
     */
    default void deleteObjects(Collection<String> keysToDelete) {
        throw new UnsupportedOperationException();
    }

    /**
     * Lists the objects under a prefix lazily, as the SDK's {@code listObjectsV2Paginator}: each page is one
     * {@code ListObjectsV2} request, sent only when iteration reaches it, so a loop that stops early sends no more
     * requests; {@link TenantListingPages#objects()} is the flat view of the objects. Every key listed can be passed
     * to {@link #getObject(String)} and the other operations; the marker object of the tenant's folder itself (key
     * {@code ""} relative to it) is skipped. The prefix is checked now, before any request.
     *
     * <pre>{@code
     * for (TenantObject o : files.listObjects("reports/").objects()) { ... }
     * }</pre>
     *
     * @param prefix a prefix relative to the tenant's folder; empty or null for the whole folder
     * @return the pages, keys relative to the tenant's folder, in S3's (UTF-8 binary) order
     * @throws TenantBoundaryException when the prefix is refused
     */
    default TenantListingPages listObjects(@Nullable String prefix) {
        throw new UnsupportedOperationException();
    }

    /**
     * Lists one level under a prefix lazily: each page holds the objects directly in it and the sub-folders ending in
     * the delimiter ({@link TenantListing#commonPrefixes()}); pages are requested as iteration reaches them.
     *
     * @param prefix a prefix relative to the tenant's folder; empty or null for the top of the folder
     * @param delimiter the folder separator, usually {@code "/"}
     * @return the pages, keys and sub-folders relative to the tenant's folder
     * @throws TenantBoundaryException when the prefix is refused
     */
    default TenantListingPages listObjects(@Nullable String prefix, String delimiter) {
        throw new UnsupportedOperationException();
    }

    /**
     * Copies an object inside the tenant's folder.
     *
     * @param from the source key relative to the tenant's folder
     * @param to the destination key relative to the tenant's folder
     * @return S3's response
     */
    default CopyObjectResponse copyObject(String from, String to) {
        throw new UnsupportedOperationException();
    }

    /**
     * A URL that lets its holder read one object until it expires, signed with the tenant's credentials (so it is
     * also bounded by their expiry).
     *
     * @param key the key relative to the tenant's folder
     * @param validity how long the URL works
     * @return the presigned request ({@code url()} is the URL)
     */
    default PresignedGetObjectRequest presignGetObject(String key, Duration validity) {
        throw new UnsupportedOperationException();
    }

    /**
     * A URL that lets its holder write one object until it expires, signed with the tenant's credentials.
     *
     * @param key the key relative to the tenant's folder
     * @param validity how long the URL works
     * @return the presigned request ({@code url()} and the headers the upload must send)
     */
    default PresignedPutObjectRequest presignPutObject(String key, Duration validity) {
        throw new UnsupportedOperationException();
    }

    /**
     * Uploads a file: in one request up to {@value #DEFAULT_MULTIPART_THRESHOLD} bytes, above that as a multipart
     * upload of {@value #DEFAULT_PART_SIZE}-byte parts, one after the other, on the shared sync {@code S3Client}. A
     * failed multipart upload is aborted, so no partial object and no parts are left behind. For parallel parts,
     * progress listeners, streams and directories use {@link TenantAsyncBucket#transferManager()}.
     *
     * @param key the key relative to the tenant's folder
     * @param file the file
     */
    default void upload(String key, Path file) {
        throw new UnsupportedOperationException();
    }

    /**
     * Uploads a file with a chosen multipart threshold and part size.
     *
     * @param key the key relative to the tenant's folder
     * @param file the file
     * @param multipartThreshold files larger than this go in parts
     * @param partSize the part size, at least 5 MiB (S3's minimum for all but the last part)
     */
    default void upload(String key, Path file, long multipartThreshold, long partSize) {
        throw new UnsupportedOperationException();
    }

    /**
     * Opens an object for reading with request options: {@code versionId}, {@code range}, {@code partNumber}, the
     * conditions {@code ifMatch}, {@code ifNoneMatch}, {@code ifModifiedSince}, {@code ifUnmodifiedSince}, checksum mode,
     * SSE-C keys, {@code expectedBucketOwner} and the {@code response*} header overrides. The key is still the first argument
     * (prefixed and checked); options naming a bucket or key, or anything outside this list, are refused with
     * {@link TenantBoundaryException} before sending. Close the stream.
     *
     * @param key the key relative to the tenant's folder
     * @param options request settings from the list above, such as {@code o -> o.range("bytes=0-99")}
     * @return the content stream, with S3's response
     */
    default ResponseInputStream<GetObjectResponse> getObject(String key, Consumer<GetObjectRequest.Builder> options) {
        throw new UnsupportedOperationException();
    }

    /**
     * Reads a whole object (or the range asked for) into memory, with the options of
     * {@link #getObject(String, Consumer)}.
     *
     * @param key the key relative to the tenant's folder
     * @param options request settings
     * @return the content, with S3's response
     */
    default ResponseBytes<GetObjectResponse> getObjectAsBytes(String key, Consumer<GetObjectRequest.Builder> options) {
        throw new UnsupportedOperationException();
    }

    /**
     * Reads an object's metadata with request options ({@code versionId}, {@code partNumber}, conditions, checksum
     * mode, SSE-C keys, {@code expectedBucketOwner}); other options are refused as for
     * {@link #getObject(String, Consumer)}.
     *
     * @param key the key relative to the tenant's folder
     * @param options request settings
     * @return S3's response
     */
    default HeadObjectResponse headObject(String key, Consumer<HeadObjectRequest.Builder> options) {
        throw new UnsupportedOperationException();
    }

    /**
     * Deletes an object with request options ({@code versionId}, {@code ifMatch}, {@code expectedBucketOwner}); other
     * options are refused as for {@link #getObject(String, Consumer)}.
     *
     * @param key the key relative to the tenant's folder
     * @param options request settings
     * @return S3's response
     */
    default DeleteObjectResponse deleteObject(String key, Consumer<DeleteObjectRequest.Builder> options) {
        throw new UnsupportedOperationException();
    }
}
