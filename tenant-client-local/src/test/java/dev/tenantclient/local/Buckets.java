/*
 * Copyright 2026 The tenant-client Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tenantclient.local;

import dev.tenantclient.TenantClient;
import java.util.concurrent.atomic.AtomicInteger;
import software.amazon.awssdk.services.s3.multipart.MultipartConfiguration;

/** Test buckets, created through the stack's admin client, and the multipart client the bucket tests share. */
final class Buckets {

    /** S3's smallest part size: the multipart threshold and part size of {@link #multipartClient}. */
    static final long PART = 5L * 1024 * 1024;

    private static final AtomicInteger created = new AtomicInteger();

    private Buckets() {}

    /**
     * A client of the stack whose async S3 client uploads in parts of {@link #PART} bytes from {@link #PART} bytes
     * on; the caller closes it.
     */
    static TenantClient multipartClient(LocalTenantStack stack) {
        return stack.clientBuilder()
                .s3MultipartConfiguration(MultipartConfiguration.builder()
                        .thresholdInBytes(PART)
                        .minimumPartSizeInBytes(PART)
                        .build())
                .build();
    }

    /** Creates a bucket under a fresh name starting with {@code prefix}. */
    static String create(LocalTenantStack stack, String prefix) {
        String name = prefix + "-" + created.incrementAndGet();
        stack.adminS3Client().createBucket(r -> r.bucket(name));
        return name;
    }
}
