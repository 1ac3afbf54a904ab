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
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import software.amazon.awssdk.core.sync.RequestBody;

/**
 * Generated object keys (from a fixed seed; unicode, separators, dot segments, control characters): every accepted key is stored under
 * the tenant's folder and reads back; every rejected one fails before any request reaches the gateway.
 */
class BucketKeyProperties {

    private static LocalTenantStack stack;
    private static TenantClient client;
    private static TenantBucket acme;
    private static final String BUCKET = "fuzzed-keys";

    @BeforeAll
    static void start() {
        stack = TestStacks.shared();
        stack.adminS3Client().createBucket(r -> r.bucket(BUCKET));
        client = stack.clientBuilder().build();
        acme = client.session(stack.issueToken("acme", "fuzzer")).bucket(BUCKET);
    }

    @AfterAll
    static void stop() {
        client.close();
    }

    @ParameterizedTest(name = "[{index}]")
    @MethodSource("keys")
    void acceptedKeysLandInTheTenantsFolderAndRejectedOnesNeverLeave(String key) {
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

    static Stream<String> keys() {
        Random random = new Random(17);
        // Each key gets its own first segment: s3proxy's in-memory store is a file system, so "a" and "a/b" cannot
        // both exist there (S3 allows it), a segment of only space characters names its parent directory, and a key
        // ending in "/" becomes a directory that loses its content. The library accepts all three, as S3 does.
        return IntStream.rangeClosed(1, 150).mapToObj(n -> {
            List<String> parts = new ArrayList<>();
            int segments = 1 + random.nextInt(5);
            for (int i = 0; i < segments; i++) {
                String s = segment(random);
                parts.add(!s.isEmpty() && s.chars().allMatch(Character::isSpaceChar) ? s + "x" : s);
            }
            String key = "k" + n + "/" + String.join("/", parts);
            return key.endsWith("/") ? key + "end" : key;
        });
    }

    private static String segment(Random r) {
        return switch (r.nextInt(4)) {
            case 0 -> chars(r, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_.~ !'()", 1, 12);
            case 1 -> {
                StringBuilder s = new StringBuilder();
                int length = 1 + r.nextInt(6);
                for (int i = 0; i < length; i++) {
                    s.append((char) ('\u00a0' + r.nextInt(0x07ff - 0x00a0 + 1)));
                }
                yield s.toString();
            }
            case 2 -> {
                int[] codePoints = "日本語한국어😀é".codePoints().toArray();
                StringBuilder s = new StringBuilder();
                int length = 1 + r.nextInt(4);
                for (int i = 0; i < length; i++) {
                    s.appendCodePoint(codePoints[r.nextInt(codePoints.length)]);
                }
                yield s.toString();
            }
            default ->
                List.of(".", "..", "", "\\", "\u0000", "\n", "\u007f", "%2e%2e").get(r.nextInt(8));
        };
    }

    private static String chars(Random r, String alphabet, int min, int max) {
        StringBuilder s = new StringBuilder();
        int length = min + r.nextInt(max - min + 1);
        for (int i = 0; i < length; i++) {
            s.append(alphabet.charAt(r.nextInt(alphabet.length())));
        }
        return s.toString();
    }
}
