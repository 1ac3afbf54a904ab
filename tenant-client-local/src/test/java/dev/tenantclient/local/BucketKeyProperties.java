/*
 * Copyright 2026 The tenant-client Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tenantclient.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.tenantclient.TenantBoundaryException;
import dev.tenantclient.TenantBucket;
import dev.tenantclient.TenantClient;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;
import software.amazon.awssdk.core.sync.RequestBody;

/**
 * Fuzzed object keys (unicode, separators, dot segments, control characters): every accepted key is stored under
 * the tenant's folder and reads back; every rejected one fails before any request reaches the gateway.
 */
class BucketKeyProperties {

    private static LocalTenantStack stack;
    private static TenantClient client;
    private static TenantBucket acme;
    private static final String BUCKET = "fuzzed-keys";
    private static final java.util.concurrent.atomic.AtomicInteger counter =
            new java.util.concurrent.atomic.AtomicInteger();

    @BeforeContainer
    static void start() {
        stack = TestStacks.shared();
        stack.adminS3Client().createBucket(r -> r.bucket(BUCKET));
        client = stack.clientBuilder().build();
        acme = client.session(stack.issueToken("acme", "fuzzer")).bucket(BUCKET);
    }

    @AfterContainer
    static void stop() {
        client.close();
    }

    @Property(tries = 150)
    void acceptedKeysLandInTheTenantsFolderAndRejectedOnesNeverLeave(@ForAll("keys") String key) {
        long before = stack.gatewayAllowed() + stack.gatewayDenied();

        Throwable refused = catchThrowable(() -> acme.putObject(key, RequestBody.fromString("v")));

        if (refused == null) {
            assertThat(stack.adminS3Client()
                            .headObject(r -> r.bucket(BUCKET).key("acme/" + key))
                            .contentLength())
                    .isEqualTo(1);
            assertThat(acme.getObjectAsBytes(key).asUtf8String()).isEqualTo("v");
        } else {
            assertThat(refused).isInstanceOf(TenantBoundaryException.class);
            assertThat(stack.gatewayAllowed() + stack.gatewayDenied()).isEqualTo(before);
        }
    }

    @Provide
    Arbitrary<String> keys() {
        Arbitrary<String> segment = Arbitraries.oneOf(
                Arbitraries.strings()
                        .alpha()
                        .numeric()
                        .withChars("-_.~ !'()")
                        .ofMinLength(1)
                        .ofMaxLength(12),
                Arbitraries.strings()
                        .withCharRange('\u00a0', '\u07ff')
                        .ofMinLength(1)
                        .ofMaxLength(6),
                Arbitraries.strings().withChars("日本語한국어😀é").ofMinLength(1).ofMaxLength(4),
                Arbitraries.of(".", "..", "", "\\", "\u0000", "\n", "\u007f", "%2e%2e"));
        // Each key gets its own first segment: s3proxy's in-memory store is a file system, so "a" and "a/b" cannot
        // both exist there (S3 allows it), a segment of only space characters names its parent directory, and a key
        // ending in "/" becomes a directory that loses its content. The library accepts all three, as S3 does.
        return segment.map(s -> !s.isEmpty() && s.chars().allMatch(Character::isSpaceChar) ? s + "x" : s)
                .list()
                .ofMinSize(1)
                .ofMaxSize(5)
                .map(parts -> "k" + counter.incrementAndGet() + "/" + String.join("/", parts))
                .map(key -> key.endsWith("/") ? key + "end" : key);
    }
}
