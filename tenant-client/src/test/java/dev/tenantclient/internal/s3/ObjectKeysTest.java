/*
 * Copyright 2026 The tenant-client Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tenantclient.internal.s3;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tenantclient.Tenant;
import dev.tenantclient.TenantBoundaryException;
import dev.tenantclient.TenantLayout;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.CopyObjectRequest;
import software.amazon.awssdk.services.s3.model.DeleteObjectsRequest;
import software.amazon.awssdk.services.s3.model.GetObjectRequest;
import software.amazon.awssdk.services.s3.model.ListBucketsRequest;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Request;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;

class ObjectKeysTest {

    private final ObjectKeys acme =
            new ObjectKeys(TenantLayout.org(), new Tenant("acme", "alice", Map.of("org", "acme")));

    @Test
    void keysGoUnderTheTenantsFolderAndComeBackRelative() {
        assertThat(acme.toStored("reports/q1.pdf")).isEqualTo("acme/reports/q1.pdf");
        assertThat(acme.toApplication("acme/reports/q1.pdf")).isEqualTo("reports/q1.pdf");
        assertThat(acme.toStoredPrefix("")).isEqualTo("acme/");
        assertThat(acme.toStoredPrefix(null)).isEqualTo("acme/");
        assertThat(acme.toStored("a..b/c.d/...")).isEqualTo("acme/a..b/c.d/...");
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "",
                "/x",
                "a/../b",
                "..",
                ".",
                "./a",
                "a/.",
                "a//b",
                "a\\b",
                "a\u0000",
                "a\u001fb",
                "a\u007fb",
                "\ud800x"
            })
    void unsafeKeysAreRefused(String key) {
        assertThatThrownBy(() -> acme.toStored(key)).isInstanceOf(TenantBoundaryException.class);
    }

    @Test
    void theLengthLimitCountsTheFolderInUtf8Bytes() {
        assertThat(acme.toStored("x".repeat(1019))).hasSize(1024);
        assertThatThrownBy(() -> acme.toStored("x".repeat(1020)))
                .isInstanceOf(TenantBoundaryException.class)
                .hasMessageContaining("1024");
        assertThatThrownBy(() -> acme.toStored("é".repeat(510))).isInstanceOf(TenantBoundaryException.class);
    }

    @Test
    void aKeyOutsideTheFolderIsNeverReturned() {
        assertThatThrownBy(() -> acme.toApplication("globex/a")).isInstanceOf(TenantBoundaryException.class);
        assertThatThrownBy(() -> acme.toApplication("acmex/a")).isInstanceOf(TenantBoundaryException.class);
    }

    @Test
    @SuppressWarnings("deprecation") // the guard must also check the deprecated copySource field
    void theGuardRefusesForeignKeysBucketsCopySourcesAndOtherOperations() {
        TenantS3Client s3 = new TenantS3Client(
                S3Client.builder()
                        .region(software.amazon.awssdk.regions.Region.US_EAST_1)
                        .credentialsProvider(
                                software.amazon.awssdk.auth.credentials.AnonymousCredentialsProvider.create())
                        .build(),
                () -> null,
                acme,
                "files");

        assertThatThrownBy(() -> s3.guard(GetObjectRequest.builder()
                        .bucket("files")
                        .key("globex/a")
                        .build()))
                .isInstanceOf(TenantBoundaryException.class);
        assertThatThrownBy(() -> s3.guard(
                        GetObjectRequest.builder().bucket("other").key("acme/a").build()))
                .isInstanceOf(TenantBoundaryException.class)
                .hasMessageContaining("other");
        assertThatThrownBy(() ->
                        s3.guard(ListObjectsV2Request.builder().bucket("files").build()))
                .isInstanceOf(TenantBoundaryException.class);
        assertThatThrownBy(() -> s3.guard(CopyObjectRequest.builder()
                        .copySource("files/globex/a")
                        .destinationBucket("files")
                        .destinationKey("acme/b")
                        .build()))
                .isInstanceOf(TenantBoundaryException.class);
        assertThatThrownBy(() -> s3.guard(ListBucketsRequest.builder().build()))
                .isInstanceOf(TenantBoundaryException.class)
                .hasMessageContaining("ListBuckets");
        s3.guard(CopyObjectRequest.builder()
                .copySource("files/acme/a")
                .destinationBucket("files")
                .destinationKey("acme/b")
                .build());
    }

    @Test
    void theGuardFailsClosedOnFieldsHeadersAndParametersItDoesNotModel() {
        try (S3Client shared = S3Client.builder()
                .region(software.amazon.awssdk.regions.Region.US_EAST_1)
                .credentialsProvider(software.amazon.awssdk.auth.credentials.AnonymousCredentialsProvider.create())
                .build()) {
            TenantS3Client s3 = new TenantS3Client(shared, () -> null, acme, "files");
            String key = acme.toStored("a");

            for (software.amazon.awssdk.services.s3.model.S3Request refused : List.of(
                    GetObjectRequest.builder()
                            .bucket("files")
                            .key(key)
                            .requestPayer("requester")
                            .build(),
                    GetObjectRequest.builder()
                            .bucket("files")
                            .key(key)
                            .overrideConfiguration(o -> o.putRawQueryParameter("versionId", "v1"))
                            .build(),
                    PutObjectRequest.builder()
                            .bucket("files")
                            .key(key)
                            .websiteRedirectLocation("https://example.com/")
                            .build(),
                    PutObjectRequest.builder()
                            .bucket("files")
                            .key(key)
                            .overrideConfiguration(o -> o.putHeader("x-amz-copy-source", "files/globex/a"))
                            .build(),
                    PutObjectRequest.builder()
                            .bucket("files")
                            .key(key)
                            .overrideConfiguration(o -> o.putRawQueryParameter("uploadId", "u"))
                            .build(),
                    CopyObjectRequest.builder()
                            .sourceBucket("files")
                            .sourceKey(key)
                            .sourceVersionId("v0")
                            .destinationBucket("files")
                            .destinationKey(key)
                            .build())) {
                assertThatThrownBy(() -> s3.guard(refused))
                        .as("%s", refused)
                        .isInstanceOf(TenantBoundaryException.class);
            }
            s3.guard(PutObjectRequest.builder()
                    .bucket("files")
                    .key(key)
                    .contentType("text/plain")
                    .metadata(java.util.Map.of("a", "b"))
                    .overrideConfiguration(o -> o.apiCallTimeout(java.time.Duration.ofSeconds(5)))
                    .build());
        }
    }

    @Test
    @SuppressWarnings("deprecation") // the guard must also check the deprecated copySource field
    void theGuardRefusesEmptyDeletesForeignListingStartsAndSourcelessCopies() {
        try (S3Client shared = S3Client.builder()
                .region(software.amazon.awssdk.regions.Region.US_EAST_1)
                .credentialsProvider(software.amazon.awssdk.auth.credentials.AnonymousCredentialsProvider.create())
                .build()) {
            TenantS3Client s3 = new TenantS3Client(shared, () -> null, acme, "files");

            assertThatThrownBy(() -> s3.guard(DeleteObjectsRequest.builder()
                            .bucket("files")
                            .delete(d -> d.objects(List.of()))
                            .build()))
                    .isInstanceOf(TenantBoundaryException.class)
                    .hasMessageContaining("without keys");
            assertThatThrownBy(() -> s3.guard(
                            DeleteObjectsRequest.builder().bucket("files").build()))
                    .isInstanceOf(TenantBoundaryException.class);
            assertThatThrownBy(() -> s3.guard(ListObjectsV2Request.builder()
                            .bucket("files")
                            .prefix("acme/")
                            .startAfter("globex/z")
                            .build()))
                    .isInstanceOf(TenantBoundaryException.class);
            s3.guard(ListObjectsV2Request.builder()
                    .bucket("files")
                    .prefix("acme/")
                    .startAfter("acme/m")
                    .build());
            assertThatThrownBy(() -> s3.guard(CopyObjectRequest.builder()
                            .destinationBucket("files")
                            .destinationKey("acme/b")
                            .build()))
                    .isInstanceOf(TenantBoundaryException.class)
                    .hasMessageContaining("without a source");
            assertThatThrownBy(() -> s3.guard(CopyObjectRequest.builder()
                            .copySource("files")
                            .destinationBucket("files")
                            .destinationKey("acme/b")
                            .build()))
                    .isInstanceOf(TenantBoundaryException.class)
                    .hasMessageContaining("without a key");
            assertThat(s3.toString()).contains("files", "acme/");
            assertThat(acme.toString()).isEqualTo("ObjectKeys{folder=acme/}");
        }
    }
}
