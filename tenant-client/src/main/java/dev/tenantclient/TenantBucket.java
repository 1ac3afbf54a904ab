/*
 * Copyright 2026 The tenant-client Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tenantclient;

import dev.tenantclient.internal.Printable;
import dev.tenantclient.internal.s3.ObjectKeys;
import dev.tenantclient.internal.s3.TenantS3Client;
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
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.core.ResponseBytes;
import software.amazon.awssdk.core.ResponseInputStream;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.model.CompletedPart;
import software.amazon.awssdk.services.s3.model.CopyObjectResponse;
import software.amazon.awssdk.services.s3.model.DeleteObjectsResponse;
import software.amazon.awssdk.services.s3.model.GetObjectRequest;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Response;
import software.amazon.awssdk.services.s3.model.ObjectIdentifier;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;
import software.amazon.awssdk.services.s3.model.PutObjectResponse;
import software.amazon.awssdk.services.s3.model.S3Error;
import software.amazon.awssdk.services.s3.model.S3Object;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;
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
public final class TenantBucket {

    /** Files larger than this are uploaded in parts by {@link #upload(String, Path)}. */
    public static final long DEFAULT_MULTIPART_THRESHOLD = 16L * 1024 * 1024;
    /** The part size {@link #upload(String, Path)} uses. */
    public static final long DEFAULT_PART_SIZE = 8L * 1024 * 1024;

    private static final long MIN_PART_SIZE = 5L * 1024 * 1024;

    private final String bucket;
    private final ObjectKeys keys;
    private final TenantS3Client s3;
    private final S3Presigner presigner;
    private final AwsCredentialsProvider credentials;
    private final Tenant tenant;

    TenantBucket(
            String bucket,
            ObjectKeys keys,
            TenantS3Client s3,
            S3Presigner presigner,
            AwsCredentialsProvider credentials,
            Tenant tenant) {
        this.bucket = bucket;
        this.keys = keys;
        this.s3 = s3;
        this.presigner = presigner;
        this.credentials = credentials;
        this.tenant = tenant;
    }

    /** @return the bucket's name */
    public String bucketName() {
        return bucket;
    }

    /** @return the tenant this bucket is confined to */
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
    public PutObjectResponse putObject(String key, RequestBody body, Consumer<PutObjectRequest.Builder> options) {
        String stored = keys.toStored(key);
        Objects.requireNonNull(body, "body");
        PutObjectRequest.Builder b = PutObjectRequest.builder();
        options.accept(b);
        PutObjectRequest chosen = b.build();
        if (chosen.bucket() != null || chosen.key() != null) {
            throw new TenantBoundaryException(
                    "putObject options may not set the bucket or the key; pass the key as the first argument");
        }
        // the guard checks every other field and the override configuration against its allow-list
        return s3.putObject(b.bucket(bucket).key(stored).build(), body);
    }

    /**
     * Opens an object for reading; close the stream.
     *
     * @param key the key relative to the tenant's folder
     * @return the content stream, with S3's response
     * @throws software.amazon.awssdk.services.s3.model.NoSuchKeyException when absent
     */
    public ResponseInputStream<GetObjectResponse> getObject(String key) {
        String stored = keys.toStored(key);
        return s3.getObject(r -> r.bucket(bucket).key(stored));
    }

    /**
     * Reads a whole object into memory.
     *
     * @param key the key relative to the tenant's folder
     * @return the content, with S3's response
     */
    public ResponseBytes<GetObjectResponse> getObjectAsBytes(String key) {
        String stored = keys.toStored(key);
        return s3.getObjectAsBytes(r -> r.bucket(bucket).key(stored));
    }

    /**
     * Reads an object's metadata.
     *
     * @param key the key relative to the tenant's folder
     * @return S3's response
     * @throws software.amazon.awssdk.services.s3.model.NoSuchKeyException when absent
     */
    public HeadObjectResponse headObject(String key) {
        String stored = keys.toStored(key);
        return s3.headObject(r -> r.bucket(bucket).key(stored));
    }

    /**
     * Deletes an object (S3 reports success for an absent key too).
     *
     * @param key the key relative to the tenant's folder
     */
    public void deleteObject(String key) {
        String stored = keys.toStored(key);
        s3.deleteObject(r -> r.bucket(bucket).key(stored));
    }

    /**
     * Deletes objects, 1,000 per request. Every key is checked before the first request.
     *
     * @param keysToDelete keys relative to the tenant's folder
     * @throws TenantClientException naming how many keys S3 failed to delete
     */
    public void deleteObjects(Collection<String> keysToDelete) {
        Objects.requireNonNull(keysToDelete, "keys");
        List<ObjectIdentifier> ids = new ArrayList<>();
        for (String key : keysToDelete) {
            ids.add(ObjectIdentifier.builder().key(keys.toStored(key)).build());
        }
        List<S3Error> errors = new ArrayList<>();
        for (int from = 0; from < ids.size(); from += 1000) {
            List<ObjectIdentifier> chunk = ids.subList(from, Math.min(ids.size(), from + 1000));
            DeleteObjectsResponse response = s3.deleteObjects(
                    r -> r.bucket(bucket).delete(d -> d.objects(chunk).quiet(true)));
            errors.addAll(response.errors());
        }
        if (!errors.isEmpty()) {
            throw new TenantClientException("S3 did not delete " + errors.size() + " of " + ids.size()
                    + " objects (first:" + " " + Printable.of(errors.get(0).code()) + ")");
        }
    }

    /**
     * Lists every object under a prefix, following all pages. Every key listed can be passed to
     * {@link #getObject(String)} and the other operations; the marker object of the tenant's folder itself (key
     * {@code ""} relative to it) is skipped.
     *
     * @param prefix a prefix relative to the tenant's folder; empty or null for the whole folder
     * @return the objects, keys relative to the tenant's folder, in S3's (UTF-8 binary) order
     */
    public List<TenantObject> listObjects(@Nullable String prefix) {
        String stored = keys.toStoredPrefix(prefix);
        List<TenantObject> out = new ArrayList<>();
        for (ListObjectsV2Response page :
                s3.listObjectsV2Paginator(r -> r.bucket(bucket).prefix(stored))) {
            page.contents().stream().filter(this::notFolderMarker).forEach(o -> out.add(object(o)));
        }
        return out;
    }

    /**
     * Lists one level under a prefix: the objects directly in it and the sub-folders ending in the delimiter,
     * following all pages.
     *
     * @param prefix a prefix relative to the tenant's folder; empty or null for the top of the folder
     * @param delimiter the folder separator, usually {@code "/"}
     * @return the objects and sub-folders, relative to the tenant's folder
     */
    public TenantListing listObjects(@Nullable String prefix, String delimiter) {
        Objects.requireNonNull(delimiter, "delimiter");
        if (delimiter.isEmpty()) {
            throw new IllegalArgumentException("delimiter is empty");
        }
        String stored = keys.toStoredPrefix(prefix);
        List<TenantObject> objects = new ArrayList<>();
        List<String> folders = new ArrayList<>();
        for (ListObjectsV2Response page :
                s3.listObjectsV2Paginator(r -> r.bucket(bucket).prefix(stored).delimiter(delimiter))) {
            page.contents().stream().filter(this::notFolderMarker).forEach(o -> objects.add(object(o)));
            page.commonPrefixes().forEach(p -> folders.add(keys.toApplication(p.prefix())));
        }
        return new TenantListing(objects, folders);
    }

    /**
     * Copies an object inside the tenant's folder.
     *
     * @param from the source key relative to the tenant's folder
     * @param to the destination key relative to the tenant's folder
     * @return S3's response
     */
    public CopyObjectResponse copyObject(String from, String to) {
        String source = keys.toStored(from);
        String destination = keys.toStored(to);
        return s3.copyObject(r -> r.sourceBucket(bucket)
                .sourceKey(source)
                .destinationBucket(bucket)
                .destinationKey(destination));
    }

    /**
     * A URL that lets its holder read one object until it expires, signed with the tenant's credentials (so it is
     * also bounded by their expiry).
     *
     * @param key the key relative to the tenant's folder
     * @param validity how long the URL works
     * @return the presigned request ({@code url()} is the URL)
     */
    public PresignedGetObjectRequest presignGetObject(String key, Duration validity) {
        String stored = keys.toStored(key);
        GetObjectRequest get = GetObjectRequest.builder()
                .bucket(bucket)
                .key(stored)
                .overrideConfiguration(o -> o.credentialsProvider(credentials))
                .build();
        s3.guard(get);
        return presigner.presignGetObject(
                r -> r.signatureDuration(positive(validity)).getObjectRequest(get));
    }

    /**
     * A URL that lets its holder write one object until it expires, signed with the tenant's credentials.
     *
     * @param key the key relative to the tenant's folder
     * @param validity how long the URL works
     * @return the presigned request ({@code url()} and the headers the upload must send)
     */
    public PresignedPutObjectRequest presignPutObject(String key, Duration validity) {
        String stored = keys.toStored(key);
        PutObjectRequest put = PutObjectRequest.builder()
                .bucket(bucket)
                .key(stored)
                .overrideConfiguration(o -> o.credentialsProvider(credentials))
                .build();
        s3.guard(put);
        return presigner.presignPutObject(
                r -> r.signatureDuration(positive(validity)).putObjectRequest(put));
    }

    /**
     * Uploads a file: in one request up to {@value #DEFAULT_MULTIPART_THRESHOLD} bytes, above that as a multipart
     * upload of {@value #DEFAULT_PART_SIZE}-byte parts. A failed multipart upload is aborted, so no partial object
     * and no parts are left behind.
     *
     * @param key the key relative to the tenant's folder
     * @param file the file
     */
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

    /**
     * The tenant folder's own marker (an empty object named {@code acme/}, as consoles create for folders) would list
     * as key {@code ""}, which no other operation accepts; it is not part of the tenant's content, so listings skip
     * it. Markers of sub-folders ({@code docs/}) are listed and readable like any key.
     */
    private boolean notFolderMarker(S3Object o) {
        return !keys.folder().equals(o.key());
    }

    private TenantObject object(S3Object o) {
        return new TenantObject(
                keys.toApplication(o.key()), o.size() == null ? 0 : o.size(), o.lastModified(), o.eTag());
    }

    private static Duration positive(Duration validity) {
        if (validity == null
                || validity.isNegative()
                || validity.isZero()
                || validity.compareTo(Duration.ofDays(7)) > 0) {
            throw new IllegalArgumentException("validity must be positive and at most 7 days, was " + validity);
        }
        return validity;
    }

    @Override
    public String toString() {
        return "TenantBucket{bucket=" + bucket + ", folder=" + keys.folder() + "}";
    }
}
