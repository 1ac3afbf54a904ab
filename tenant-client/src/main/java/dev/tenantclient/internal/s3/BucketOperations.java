/*
 * Copyright 2026 The tenant-client Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tenantclient.internal.s3;

import dev.tenantclient.TenantAsyncBucket;
import dev.tenantclient.TenantBoundaryException;
import dev.tenantclient.TenantBucket;
import dev.tenantclient.TenantClientException;
import dev.tenantclient.TenantListing;
import dev.tenantclient.TenantObject;
import dev.tenantclient.internal.Printable;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.services.s3.model.CopyObjectRequest;
import software.amazon.awssdk.services.s3.model.DeleteObjectRequest;
import software.amazon.awssdk.services.s3.model.DeleteObjectsRequest;
import software.amazon.awssdk.services.s3.model.GetObjectRequest;
import software.amazon.awssdk.services.s3.model.HeadObjectRequest;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Request;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Response;
import software.amazon.awssdk.services.s3.model.ObjectIdentifier;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;
import software.amazon.awssdk.services.s3.model.S3Error;
import software.amazon.awssdk.services.s3.model.S3Object;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;
import software.amazon.awssdk.services.s3.presigner.model.PresignedGetObjectRequest;
import software.amazon.awssdk.services.s3.presigner.model.PresignedPutObjectRequest;

/**
 * What {@link TenantBucket} and {@link TenantAsyncBucket} share: the requests each operation sends (keys prefixed and
 * checked, options confined), how listings map back to application keys and skip the folder marker, and presigning.
 * The two buckets differ only in how they send; the rules live here and in {@link S3Guard}, once.
 */
public final class BucketOperations {

    private static final int DELETE_BATCH = 1000;

    private final S3Guard guard;
    private final ObjectKeys keys;
    private final String bucket;
    private final S3Presigner presigner;
    private final AwsCredentialsProvider credentials;

    public BucketOperations(S3Guard guard, S3Presigner presigner, AwsCredentialsProvider credentials) {
        this.guard = guard;
        this.keys = guard.keys();
        this.bucket = guard.bucket();
        this.presigner = presigner;
        this.credentials = credentials;
    }

    S3Guard guard() {
        return guard;
    }

    ObjectKeys keys() {
        return keys;
    }

    String bucket() {
        return bucket;
    }

    /** A put with the application's options; they may not name the bucket or key, the guard checks the rest. */
    PutObjectRequest putObject(String key, Consumer<PutObjectRequest.Builder> options) {
        String stored = keys.toStored(key);
        Objects.requireNonNull(options, "options");
        PutObjectRequest.Builder b = PutObjectRequest.builder();
        options.accept(b);
        PutObjectRequest chosen = b.build();
        if (chosen.bucket() != null || chosen.key() != null) {
            throw new TenantBoundaryException(
                    "putObject options may not set the bucket or the key; pass the key as the first argument");
        }
        return b.bucket(bucket).key(stored).build();
    }

    /**
     * A get with the application's options (version, range, conditions, response overrides); they may not name the
     * bucket or key, the guard checks the rest against its allow-list.
     */
    GetObjectRequest getObject(String key, Consumer<GetObjectRequest.Builder> options) {
        String stored = keys.toStored(key);
        GetObjectRequest.Builder b = GetObjectRequest.builder();
        Objects.requireNonNull(options, "options").accept(b);
        GetObjectRequest chosen = b.build();
        refuseTarget("getObject", chosen.bucket(), chosen.key());
        return b.bucket(bucket).key(stored).build();
    }

    HeadObjectRequest headObject(String key, Consumer<HeadObjectRequest.Builder> options) {
        String stored = keys.toStored(key);
        HeadObjectRequest.Builder b = HeadObjectRequest.builder();
        Objects.requireNonNull(options, "options").accept(b);
        HeadObjectRequest chosen = b.build();
        refuseTarget("headObject", chosen.bucket(), chosen.key());
        return b.bucket(bucket).key(stored).build();
    }

    DeleteObjectRequest deleteObject(String key, Consumer<DeleteObjectRequest.Builder> options) {
        String stored = keys.toStored(key);
        DeleteObjectRequest.Builder b = DeleteObjectRequest.builder();
        Objects.requireNonNull(options, "options").accept(b);
        DeleteObjectRequest chosen = b.build();
        refuseTarget("deleteObject", chosen.bucket(), chosen.key());
        return b.bucket(bucket).key(stored).build();
    }

    private static void refuseTarget(String operation, @Nullable String requestBucket, @Nullable String requestKey) {
        if (requestBucket != null || requestKey != null) {
            throw new TenantBoundaryException(
                    operation + " options may not set the bucket or the key; pass the key as the first argument");
        }
    }

    GetObjectRequest getObject(String key) {
        return GetObjectRequest.builder().bucket(bucket).key(keys.toStored(key)).build();
    }

    HeadObjectRequest headObject(String key) {
        return HeadObjectRequest.builder()
                .bucket(bucket)
                .key(keys.toStored(key))
                .build();
    }

    DeleteObjectRequest deleteObject(String key) {
        return DeleteObjectRequest.builder()
                .bucket(bucket)
                .key(keys.toStored(key))
                .build();
    }

    /** The multi-object deletes for these keys, 1,000 per request; every key is checked before the first is sent. */
    List<DeleteObjectsRequest> deleteObjects(Collection<String> keysToDelete) {
        Objects.requireNonNull(keysToDelete, "keys");
        List<ObjectIdentifier> ids = new ArrayList<>();
        for (String key : keysToDelete) {
            ids.add(ObjectIdentifier.builder().key(keys.toStored(key)).build());
        }
        List<DeleteObjectsRequest> requests = new ArrayList<>();
        for (int from = 0; from < ids.size(); from += DELETE_BATCH) {
            List<ObjectIdentifier> chunk = ids.subList(from, Math.min(ids.size(), from + DELETE_BATCH));
            requests.add(DeleteObjectsRequest.builder()
                    .bucket(bucket)
                    .delete(d -> d.objects(chunk).quiet(true))
                    .build());
        }
        return requests;
    }

    static void checkDeleted(List<S3Error> errors, int total) {
        if (!errors.isEmpty()) {
            throw new TenantClientException("S3 did not delete " + errors.size() + " of " + total + " objects (first: "
                    + Printable.of(errors.get(0).code()) + ")");
        }
    }

    ListObjectsV2Request list(@Nullable String prefix, @Nullable String delimiter) {
        if (delimiter != null && delimiter.isEmpty()) {
            throw new IllegalArgumentException("delimiter is empty");
        }
        return ListObjectsV2Request.builder()
                .bucket(bucket)
                .prefix(keys.toStoredPrefix(prefix))
                .delimiter(delimiter)
                .build();
    }

    /**
     * Adds a page's objects, relative to the tenant's folder. The tenant folder's own marker (an empty object named
     * {@code acme/}, as consoles create for folders) would list as key {@code ""}, which no other operation accepts;
     * it is not part of the tenant's content, so listings skip it. Markers of sub-folders ({@code docs/}) are listed
     * and readable like any key.
     */
    void addObjects(ListObjectsV2Response page, List<TenantObject> into) {
        for (S3Object o : page.contents()) {
            if (!keys.folder().equals(o.key())) {
                into.add(new TenantObject(
                        keys.toApplication(o.key()), o.size() == null ? 0 : o.size(), o.lastModified(), o.eTag()));
            }
        }
    }

    /** One page as the tenant sees it: objects and folders relative to its folder, the folder marker skipped. */
    TenantListing listing(ListObjectsV2Response page) {
        List<TenantObject> objects = new ArrayList<>();
        List<String> folders = new ArrayList<>();
        addObjects(page, objects);
        addFolders(page, folders);
        return new TenantListing(objects, folders);
    }

    void addFolders(ListObjectsV2Response page, List<String> into) {
        page.commonPrefixes().forEach(p -> into.add(keys.toApplication(p.prefix())));
    }

    CopyObjectRequest copyObject(String from, String to) {
        String source = keys.toStored(from);
        String destination = keys.toStored(to);
        return CopyObjectRequest.builder()
                .sourceBucket(bucket)
                .sourceKey(source)
                .destinationBucket(bucket)
                .destinationKey(destination)
                .build();
    }

    PresignedGetObjectRequest presignGetObject(String key, Duration validity) {
        GetObjectRequest get = getObject(key).toBuilder()
                .overrideConfiguration(o -> o.credentialsProvider(credentials))
                .build();
        guard.check(get);
        return presigner.presignGetObject(
                r -> r.signatureDuration(positive(validity)).getObjectRequest(get));
    }

    PresignedPutObjectRequest presignPutObject(String key, Duration validity) {
        PutObjectRequest put = PutObjectRequest.builder()
                .bucket(bucket)
                .key(keys.toStored(key))
                .overrideConfiguration(o -> o.credentialsProvider(credentials))
                .build();
        guard.check(put);
        return presigner.presignPutObject(
                r -> r.signatureDuration(positive(validity)).putObjectRequest(put));
    }

    private static Duration positive(@Nullable Duration validity) {
        if (validity == null
                || validity.isNegative()
                || validity.isZero()
                || validity.compareTo(Duration.ofDays(7)) > 0) {
            throw new IllegalArgumentException("validity must be positive and at most 7 days, was " + validity);
        }
        return validity;
    }
}
