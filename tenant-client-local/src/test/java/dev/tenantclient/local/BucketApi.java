/*
 * Copyright 2026 The tenant-client Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tenantclient.local;

import dev.tenantclient.TenantAsyncBucket;
import dev.tenantclient.TenantBucket;
import dev.tenantclient.TenantListing;
import dev.tenantclient.TenantObject;
import dev.tenantclient.TenantSession;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;
import software.amazon.awssdk.core.ResponseBytes;
import software.amazon.awssdk.core.async.AsyncRequestBody;
import software.amazon.awssdk.core.async.AsyncResponseTransformer;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.model.CopyObjectResponse;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.presigner.model.PresignedGetObjectRequest;
import software.amazon.awssdk.services.s3.presigner.model.PresignedPutObjectRequest;

/**
 * The operations {@link TenantBucket} and {@link TenantAsyncBucket} share, so one isolation test runs against both:
 * the async variant waits for each future and rethrows its cause, as the sync bucket would have thrown it.
 */
interface BucketApi {

    /** Which bucket a parameterized test opens. */
    enum Kind {
        SYNC,
        ASYNC;

        BucketApi open(TenantSession session, String bucket) {
            return this == SYNC ? sync(session.bucket(bucket)) : async(session.asyncBucket(bucket));
        }
    }

    void putObject(String key, RequestBody body);

    void putObject(String key, RequestBody body, Consumer<PutObjectRequest.Builder> options);

    InputStream getObject(String key);

    ResponseBytes<GetObjectResponse> getObjectAsBytes(String key);

    HeadObjectResponse headObject(String key);

    void deleteObject(String key);

    void deleteObjects(Collection<String> keys);

    List<TenantObject> listObjects(@Nullable String prefix);

    TenantListing listObjects(@Nullable String prefix, String delimiter);

    CopyObjectResponse copyObject(String from, String to);

    PresignedGetObjectRequest presignGetObject(String key, Duration validity);

    PresignedPutObjectRequest presignPutObject(String key, Duration validity);

    /** A multipart upload of a file: the sync bucket's own, the async bucket's through its transfer manager. */
    void upload(String key, Path file, long partSize);

    static BucketApi sync(TenantBucket b) {
        return new BucketApi() {
            @Override
            public void putObject(String key, RequestBody body) {
                b.putObject(key, body);
            }

            @Override
            public void putObject(String key, RequestBody body, Consumer<PutObjectRequest.Builder> options) {
                b.putObject(key, body, options);
            }

            @Override
            public InputStream getObject(String key) {
                return b.getObject(key);
            }

            @Override
            public ResponseBytes<GetObjectResponse> getObjectAsBytes(String key) {
                return b.getObjectAsBytes(key);
            }

            @Override
            public HeadObjectResponse headObject(String key) {
                return b.headObject(key);
            }

            @Override
            public void deleteObject(String key) {
                b.deleteObject(key);
            }

            @Override
            public void deleteObjects(Collection<String> keys) {
                b.deleteObjects(keys);
            }

            @Override
            public List<TenantObject> listObjects(@Nullable String prefix) {
                return b.listObjects(prefix).objects().stream().toList();
            }

            @Override
            public TenantListing listObjects(@Nullable String prefix, String delimiter) {
                List<TenantListing> pages = new ArrayList<>();
                b.listObjects(prefix, delimiter).forEach(pages::add);
                return merged(pages);
            }

            @Override
            public CopyObjectResponse copyObject(String from, String to) {
                return b.copyObject(from, to);
            }

            @Override
            public PresignedGetObjectRequest presignGetObject(String key, Duration validity) {
                return b.presignGetObject(key, validity);
            }

            @Override
            public PresignedPutObjectRequest presignPutObject(String key, Duration validity) {
                return b.presignPutObject(key, validity);
            }

            @Override
            public void upload(String key, Path file, long partSize) {
                b.upload(key, file, partSize, partSize);
            }
        };
    }

    static BucketApi async(TenantAsyncBucket b) {
        return new BucketApi() {
            @Override
            public void putObject(String key, RequestBody body) {
                join(b.putObject(key, async(body)));
            }

            @Override
            public void putObject(String key, RequestBody body, Consumer<PutObjectRequest.Builder> options) {
                join(b.putObject(key, async(body), options));
            }

            @Override
            public InputStream getObject(String key) {
                return join(b.getObject(key, AsyncResponseTransformer.toBlockingInputStream()));
            }

            @Override
            public ResponseBytes<GetObjectResponse> getObjectAsBytes(String key) {
                return join(b.getObjectAsBytes(key));
            }

            @Override
            public HeadObjectResponse headObject(String key) {
                return join(b.headObject(key));
            }

            @Override
            public void deleteObject(String key) {
                join(b.deleteObject(key));
            }

            @Override
            public void deleteObjects(Collection<String> keys) {
                join(b.deleteObjects(keys));
            }

            @Override
            public List<TenantObject> listObjects(@Nullable String prefix) {
                List<TenantObject> out = new CopyOnWriteArrayList<>();
                join(b.listObjects(prefix).objects().subscribe(out::add));
                return List.copyOf(out);
            }

            @Override
            public TenantListing listObjects(@Nullable String prefix, String delimiter) {
                List<TenantListing> pages = new CopyOnWriteArrayList<>();
                join(b.listObjects(prefix, delimiter).subscribe(pages::add));
                return merged(pages);
            }

            @Override
            public CopyObjectResponse copyObject(String from, String to) {
                return join(b.copyObject(from, to));
            }

            @Override
            public PresignedGetObjectRequest presignGetObject(String key, Duration validity) {
                return b.presignGetObject(key, validity);
            }

            @Override
            public PresignedPutObjectRequest presignPutObject(String key, Duration validity) {
                return b.presignPutObject(key, validity);
            }

            @Override
            public void upload(String key, Path file, long partSize) {
                // the part size is the client's (TenantClient.Builder#s3MultipartConfiguration)
                join(b.transferManager().uploadFile(key, file).completionFuture());
            }
        };
    }

    private static AsyncRequestBody async(RequestBody body) {
        try (InputStream in = body.contentStreamProvider().newStream()) {
            return AsyncRequestBody.fromBytes(in.readAllBytes());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Waits and rethrows what the sync bucket would have thrown: the future's cause, or the S3 error a Transfer
     * Manager failure wraps.
     */
    static <T> T join(CompletableFuture<T> future) {
        try {
            return future.join();
        } catch (CompletionException e) {
            for (Throwable t = e.getCause(); t != null; t = t.getCause()) {
                if (t instanceof S3Exception s3) {
                    throw s3;
                }
            }
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            throw e;
        }
    }

    /** All pages of a delimited listing as one (the tests compare whole listings). */
    private static TenantListing merged(List<TenantListing> pages) {
        List<TenantObject> objects = new ArrayList<>();
        List<String> folders = new ArrayList<>();
        for (TenantListing page : pages) {
            objects.addAll(page.objects());
            folders.addAll(page.commonPrefixes());
        }
        return new TenantListing(objects, folders);
    }
}
