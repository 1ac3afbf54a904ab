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
import dev.tenantclient.TenantListingPages;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;
import software.amazon.awssdk.core.ResponseBytes;
import software.amazon.awssdk.core.ResponseInputStream;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.model.CompletedPart;
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

/** The implementation of {@link TenantBucket}. */
public final class DefaultTenantBucket implements TenantBucket {

    /** The part size {@link #upload(String, Path)} uses. */
    private static final long MIN_PART_SIZE = 5L * 1024 * 1024;

    private final String bucket;
    private final ObjectKeys keys;
    private final BucketOperations ops;
    private final TenantS3Client s3;
    private final Tenant tenant;

    public DefaultTenantBucket(BucketOperations ops, TenantS3Client s3, Tenant tenant) {
        this.ops = ops;
        this.bucket = ops.bucket();
        this.keys = ops.keys();
        this.s3 = s3;
        this.tenant = tenant;
    }

    /** @return the bucket's name */
    @Override
    public String bucketName() {
        return bucket;
    }

    /** @return the tenant this bucket is confined to */
    @Override
    public Tenant tenant() {
        return tenant;
    }

    /**
     * Writes an object.
     *
     * @param key the key relative to the tenant's folder
     * @param body the content
     * @return S3's response
     */
    @Override
    public PutObjectResponse putObject(String key, RequestBody body) {
        return putObject(key, body, b -> {});
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
    @Override
    public PutObjectResponse putObject(String key, RequestBody body, Consumer<PutObjectRequest.Builder> options) {
        PutObjectRequest request = ops.putObject(key, options);
        Objects.requireNonNull(body, "body");
        // the guard checks every other field and the override configuration against its allow-list
        return s3.putObject(request, body);
    }

    /**
     * Opens an object for reading; close the stream.
     *
     * @param key the key relative to the tenant's folder
     * @return the content stream, with S3's response
     * @throws software.amazon.awssdk.services.s3.model.NoSuchKeyException when absent
     */
    @Override
    public ResponseInputStream<GetObjectResponse> getObject(String key) {
        return s3.getObject(ops.getObject(key));
    }

    /**
     * Reads a whole object into memory.
     *
     * @param key the key relative to the tenant's folder
     * @return the content, with S3's response
     */
    @Override
    public ResponseBytes<GetObjectResponse> getObjectAsBytes(String key) {
        return s3.getObjectAsBytes(ops.getObject(key));
    }

    /**
     * Reads an object's metadata.
     *
     * @param key the key relative to the tenant's folder
     * @return S3's response
     * @throws software.amazon.awssdk.services.s3.model.NoSuchKeyException when absent
     */
    @Override
    public HeadObjectResponse headObject(String key) {
        return s3.headObject(ops.headObject(key));
    }

    /**
     * Deletes an object (S3 reports success for an absent key too).
     *
     * @param key the key relative to the tenant's folder
     */
    @Override
    public void deleteObject(String key) {
        s3.deleteObject(ops.deleteObject(key));
    }

    /**
     * Deletes objects, 1,000 per request. Every key is checked before the first request.
     *
     * @param keysToDelete keys relative to the tenant's folder
     * @throws TenantClientException naming how many keys S3 failed to delete
     */
    @Override
    public void deleteObjects(Collection<String> keysToDelete) {
        List<DeleteObjectsRequest> requests = ops.deleteObjects(keysToDelete);
        List<S3Error> errors = new ArrayList<>();
        int total = 0;
        for (DeleteObjectsRequest request : requests) {
            total += request.delete().objects().size();
            errors.addAll(s3.deleteObjects(request).errors());
        }
        BucketOperations.checkDeleted(errors, total);
    }

    @Override
    public TenantListingPages listObjects(@Nullable String prefix) {
        ListObjectsV2Request request = ops.list(prefix, null);
        return () -> pages(request);
    }

    @Override
    public TenantListingPages listObjects(@Nullable String prefix, String delimiter) {
        ListObjectsV2Request request = ops.list(prefix, Objects.requireNonNull(delimiter, "delimiter"));
        return () -> pages(request);
    }

    /**
     * Copies an object inside the tenant's folder.
     *
     * @param from the source key relative to the tenant's folder
     * @param to the destination key relative to the tenant's folder
     * @return S3's response
     */
    @Override
    public CopyObjectResponse copyObject(String from, String to) {
        return s3.copyObject(ops.copyObject(from, to));
    }

    /**
     * A URL that lets its holder read one object until it expires, signed with the tenant's credentials (so it is
     * also bounded by their expiry).
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
     * A URL that lets its holder write one object until it expires, signed with the tenant's credentials.
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
     * Uploads a file: in one request up to {@value #DEFAULT_MULTIPART_THRESHOLD} bytes, above that as a multipart
     * upload of {@value #DEFAULT_PART_SIZE}-byte parts, one after the other, on the shared sync {@code S3Client}. A
     * failed multipart upload is aborted, so no partial object and no parts are left behind. For parallel parts,
     * progress listeners, streams and directories use {@link TenantAsyncBucket#transferManager()}.
     *
     * @param key the key relative to the tenant's folder
     * @param file the file
     */
    @Override
    public void upload(String key, Path file) {
        upload(key, file, DEFAULT_MULTIPART_THRESHOLD, DEFAULT_PART_SIZE);
    }

    /**
     * Uploads a file with a chosen multipart threshold and part size.
     *
     * @param key the key relative to the tenant's folder
     * @param file the file
     * @param multipartThreshold files larger than this go in parts
     * @param partSize the part size, at least 5 MiB (S3's minimum for all but the last part)
     */
    @Override
    public void upload(String key, Path file, long multipartThreshold, long partSize) {
        String stored = keys.toStored(key);
        Objects.requireNonNull(file, "file");
        if (partSize < MIN_PART_SIZE) {
            throw new IllegalArgumentException("partSize must be at least 5 MiB, was " + partSize);
        }
        long size;
        try {
            size = Files.size(file);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + file, e);
        }
        if (size <= multipartThreshold) {
            s3.putObject(r -> r.bucket(bucket).key(stored), RequestBody.fromFile(file));
            return;
        }
        String uploadId =
                s3.createMultipartUpload(r -> r.bucket(bucket).key(stored)).uploadId();
        try (InputStream in = Files.newInputStream(file)) {
            List<CompletedPart> parts = new ArrayList<>();
            byte[] buffer = new byte[(int) Math.min(partSize, size)];
            for (int part = 1; ; part++) {
                int read = in.readNBytes(buffer, 0, buffer.length);
                if (read == 0) {
                    break;
                }
                int number = part;
                RequestBody body =
                        RequestBody.fromBytes(read == buffer.length ? buffer : java.util.Arrays.copyOf(buffer, read));
                String eTag = s3.uploadPart(
                                r -> r.bucket(bucket)
                                        .key(stored)
                                        .uploadId(uploadId)
                                        .partNumber(number)
                                        .contentLength((long) read),
                                body)
                        .eTag();
                parts.add(CompletedPart.builder().partNumber(number).eTag(eTag).build());
            }
            s3.completeMultipartUpload(
                    r -> r.bucket(bucket).key(stored).uploadId(uploadId).multipartUpload(m -> m.parts(parts)));
        } catch (IOException | RuntimeException e) {
            try {
                s3.abortMultipartUpload(r -> r.bucket(bucket).key(stored).uploadId(uploadId));
            } catch (RuntimeException abort) {
                e.addSuppressed(abort);
            }
            if (e instanceof IOException io) {
                throw new UncheckedIOException("Upload of " + file + " failed and was aborted", io);
            }
            throw (RuntimeException) e;
        }
    }

    @Override
    public ResponseInputStream<GetObjectResponse> getObject(String key, Consumer<GetObjectRequest.Builder> options) {
        return s3.getObject(ops.getObject(key, options));
    }

    @Override
    public ResponseBytes<GetObjectResponse> getObjectAsBytes(String key, Consumer<GetObjectRequest.Builder> options) {
        return s3.getObjectAsBytes(ops.getObject(key, options));
    }

    @Override
    public HeadObjectResponse headObject(String key, Consumer<HeadObjectRequest.Builder> options) {
        return s3.headObject(ops.headObject(key, options));
    }

    @Override
    public DeleteObjectResponse deleteObject(String key, Consumer<DeleteObjectRequest.Builder> options) {
        return s3.deleteObject(ops.deleteObject(key, options));
    }

    private java.util.Iterator<TenantListing> pages(ListObjectsV2Request request) {
        return s3.listObjectsV2Paginator(request).stream().map(ops::listing).iterator();
    }

    @Override
    public String toString() {
        return "TenantBucket{bucket=" + bucket + ", folder=" + keys.folder() + "}";
    }
}
