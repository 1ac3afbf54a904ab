/*
 * Copyright 2026 The tenant-client Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tenantclient.internal.s3;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tenantclient.Tenant;
import dev.tenantclient.TenantBoundaryException;
import dev.tenantclient.TenantClient;
import dev.tenantclient.TenantLayout;
import java.lang.reflect.Proxy;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AnonymousCredentialsProvider;
import software.amazon.awssdk.core.interceptor.ExecutionAttribute;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.DelegatingS3AsyncClient;
import software.amazon.awssdk.services.s3.S3AsyncClient;
import software.amazon.awssdk.services.s3.internal.crt.S3CrtAsyncClient;
import software.amazon.awssdk.services.s3.model.AbortMultipartUploadRequest;
import software.amazon.awssdk.services.s3.model.CompleteMultipartUploadRequest;
import software.amazon.awssdk.services.s3.model.CreateMultipartUploadRequest;
import software.amazon.awssdk.services.s3.model.GetObjectRequest;
import software.amazon.awssdk.services.s3.model.S3Request;
import software.amazon.awssdk.services.s3.model.UploadPartCopyRequest;
import software.amazon.awssdk.services.s3.model.UploadPartRequest;

/** The guard's two profiles, and which async clients can sign as a tenant. */
class S3GuardTest {

    private final ObjectKeys acme =
            new ObjectKeys(TenantLayout.org(), new Tenant("acme", "alice", Map.of("org", "acme")));
    private final S3Guard guard = new S3Guard(acme, "files");
    private final String key = acme.toStored("a.bin");

    @Test
    void requestsTheMultipartLayerDerivesPassOnlyTheDerivedProfile() {
        ExecutionAttribute<String> sdkState = new ExecutionAttribute<>("S3GuardTestState");
        List<S3Request> derived = List.of(
                GetObjectRequest.builder()
                        .bucket("files")
                        .key(key)
                        .partNumber(2)
                        .overrideConfiguration(o -> o.putExecutionAttribute(sdkState, "progress"))
                        .build(),
                CreateMultipartUploadRequest.builder()
                        .bucket("files")
                        .key(key)
                        .contentType("text/plain")
                        .checksumType("FULL_OBJECT")
                        .build(),
                UploadPartRequest.builder()
                        .bucket("files")
                        .key(key)
                        .uploadId("u")
                        .partNumber(3)
                        .contentLength(5L)
                        .checksumCRC32("AAAAAA==")
                        .build(),
                CompleteMultipartUploadRequest.builder()
                        .bucket("files")
                        .key(key)
                        .uploadId("u")
                        .mpuObjectSize(10L)
                        .build(),
                UploadPartCopyRequest.builder()
                        .sourceBucket("files")
                        .sourceKey(acme.toStored("b"))
                        .destinationBucket("files")
                        .destinationKey(key)
                        .uploadId("u")
                        .partNumber(1)
                        .copySourceRange("bytes=0-9")
                        .build(),
                AbortMultipartUploadRequest.builder()
                        .bucket("files")
                        .key(key)
                        .uploadId("u")
                        .overrideConfiguration(o -> o.putExecutionAttribute(sdkState, "progress"))
                        .build());

        for (S3Request request : derived) {
            assertThatCode(() -> guard.checkDerived(request)).as("%s", request).doesNotThrowAnyException();
            assertThatThrownBy(() -> guard.check(request))
                    .as("%s", request)
                    .isInstanceOf(TenantBoundaryException.class);
        }
    }

    @Test
    void theDerivedProfileStillRefusesOtherKeysBucketsHeadersAndCopiesFromOtherTenants() {
        for (S3Request request : List.of(
                UploadPartRequest.builder()
                        .bucket("files")
                        .key("globex/a.bin")
                        .uploadId("u")
                        .partNumber(1)
                        .build(),
                UploadPartRequest.builder()
                        .bucket("other")
                        .key(key)
                        .uploadId("u")
                        .partNumber(1)
                        .build(),
                UploadPartRequest.builder()
                        .bucket("files")
                        .key(key)
                        .uploadId("u")
                        .partNumber(1)
                        .overrideConfiguration(o -> o.putHeader("x-amz-copy-source", "files/globex/a"))
                        .build(),
                GetObjectRequest.builder()
                        .bucket("files")
                        .key(key)
                        .requestPayer("requester")
                        .build(),
                CreateMultipartUploadRequest.builder()
                        .bucket("files")
                        .key(key)
                        .websiteRedirectLocation("https://example.com/")
                        .build(),
                UploadPartCopyRequest.builder()
                        .sourceBucket("files")
                        .sourceKey("globex/secret")
                        .destinationBucket("files")
                        .destinationKey(key)
                        .uploadId("u")
                        .partNumber(1)
                        .build())) {
            assertThatThrownBy(() -> guard.checkDerived(request))
                    .as("%s", request)
                    .isInstanceOf(TenantBoundaryException.class);
        }
    }

    @Test
    void aCrtClientIsRefusedAtBuildTimeEvenBehindAWrapper() {
        S3AsyncClient crt = (S3AsyncClient) Proxy.newProxyInstance(
                getClass().getClassLoader(), new Class<?>[] {S3CrtAsyncClient.class}, (p, m, a) -> null);
        S3AsyncClient wrapped = new DelegatingS3AsyncClient(crt) {};

        for (S3AsyncClient client : List.of(crt, wrapped)) {
            assertThatThrownBy(() -> TenantClient.builder().s3AsyncClient(client))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("CRT-based")
                    .hasMessageContaining("per-request credentials");
        }
    }

    @Test
    void aMultipartClientIsUnwrappedOnTopAndRefusedBelowAWrapper() {
        try (S3AsyncClient multipart = S3AsyncClient.builder()
                .region(Region.US_EAST_1)
                .credentialsProvider(AnonymousCredentialsProvider.create())
                .multipartEnabled(true)
                .build()) {
            S3AsyncClient used = AsyncS3Resources.requireRequestCredentials(multipart);

            assertThat(used).isNotSameAs(multipart);
            // what the multipart layer wraps: the plain client (behind the SDK's user-agent step, which keeps the
            // request's override configuration)
            assertThat(used.getClass().getName())
                    .isNotEqualTo("software.amazon.awssdk.services.s3.internal.multipart.MultipartS3AsyncClient");
            assertThatThrownBy(
                            () -> AsyncS3Resources.requireRequestCredentials(new DelegatingS3AsyncClient(multipart) {}))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("5386");
        }
    }
}
