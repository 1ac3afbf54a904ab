/*
 * Copyright 2026 The tenant-client Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tenantclient.local;

import static dev.tenantclient.local.Buckets.PART;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.tenantclient.Tenant;
import dev.tenantclient.TenantAsyncBucket;
import dev.tenantclient.TenantBoundaryException;
import dev.tenantclient.TenantBucket;
import dev.tenantclient.TenantClient;
import dev.tenantclient.TenantLayout;
import dev.tenantclient.TenantListing;
import dev.tenantclient.TenantListingPages;
import dev.tenantclient.TenantObject;
import dev.tenantclient.TenantSession;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Consumer;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.ObjectCannedACL;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.S3Object;
import software.amazon.awssdk.services.s3.presigner.model.PresignedGetObjectRequest;
import software.amazon.awssdk.services.s3.presigner.model.PresignedPutObjectRequest;

/**
 * TenantBucket and TenantAsyncBucket (the same tests for both) against s3proxy behind the IAM gateway, with the SDK's
 * real clients.
 */
@ExtendWith(NoSecretsInLogs.class)
@ParameterizedClass
@EnumSource(BucketApi.Kind.class)
class TenantBucketTest {

    @Parameter
    BucketApi.Kind kind;

    private static final HttpClient http = HttpClient.newHttpClient();
    private static LocalTenantStack stack;
    private static TenantClient client;
    private String bucket;
    private TenantSession acmeSession;
    private BucketApi acme;
    private BucketApi globex;

    @BeforeAll
    static void start() {
        stack = TestStacks.shared();
        client = Buckets.multipartClient(stack);
    }

    @AfterAll
    static void stop() {
        client.close();
    }

    @BeforeEach
    void freshBucket() {
        bucket = Buckets.create(stack, "files");
        acmeSession = client.session(stack.issueToken("acme", "alice"));
        acme = kind.open(acmeSession, bucket);
        globex = kind.open(client.session(stack.issueToken("globex", "bob")), bucket);
    }

    private List<String> rawKeys() {
        return stack.adminS3Client().listObjectsV2Paginator(r -> r.bucket(bucket)).contents().stream()
                .map(S3Object::key)
                .toList();
    }

    private long gatewayRequests() {
        return stack.gatewayAllowed() + stack.gatewayDenied();
    }

    @Test
    void twoTenantsWithTheSameKeyEachReadTheirOwnObject() {
        acme.putObject("reports/q1.txt", RequestBody.fromString("acme q1"));
        globex.putObject("reports/q1.txt", RequestBody.fromString("globex q1"));

        assertThat(acme.getObjectAsBytes("reports/q1.txt").asUtf8String()).isEqualTo("acme q1");
        assertThat(globex.getObjectAsBytes("reports/q1.txt").asUtf8String()).isEqualTo("globex q1");
        assertThat(rawKeys()).containsExactlyInAnyOrder("acme/reports/q1.txt", "globex/reports/q1.txt");
    }

    @Test
    void getObjectTakesTheSdksOptionsButNeverAnotherKeyAndListingsArePaged() {
        acme.putObject("opt/a.txt", RequestBody.fromString("hello world"));
        acme.putObject("opt/b.txt", RequestBody.fromString("b"));
        globex.putObject("opt/a.txt", RequestBody.fromString("globex"));
        if (kind == BucketApi.Kind.SYNC) {
            TenantBucket files = acmeSession.bucket(bucket);
            assertThat(files.getObjectAsBytes("opt/a.txt", o -> o.range("bytes=0-4"))
                            .asUtf8String())
                    .isEqualTo("hello");
            assertThatThrownBy(() -> files.getObjectAsBytes("opt/a.txt", o -> o.key("globex/opt/a.txt")))
                    .isInstanceOf(TenantBoundaryException.class);
            assertThat(files.listObjects("opt/").objects())
                    .extracting(TenantObject::key)
                    .containsExactly("opt/a.txt", "opt/b.txt");
        } else {
            TenantAsyncBucket files = acmeSession.asyncBucket(bucket);
            assertThat(files.getObjectAsBytes("opt/a.txt", o -> o.range("bytes=0-4"))
                            .join()
                            .asUtf8String())
                    .isEqualTo("hello");
            assertThatThrownBy(() -> files.getObjectAsBytes("opt/a.txt", o -> o.bucket("elsewhere"))
                            .join())
                    .hasCauseInstanceOf(TenantBoundaryException.class);
            List<String> keys = new java.util.concurrent.CopyOnWriteArrayList<>();
            files.listObjects("opt/")
                    .subscribe(page -> page.objects().forEach(o -> keys.add(o.key())))
                    .join();
            assertThat(keys).containsExactly("opt/a.txt", "opt/b.txt");
        }
    }

    @Test
    void streamHeadAndDeleteWorkOnTheTenantsObjectOnly() throws IOException {
        acme.putObject("a.txt", RequestBody.fromString("hello"), b -> b.contentType("text/plain"));
        globex.putObject("a.txt", RequestBody.fromString("other"));

        try (var in = acme.getObject("a.txt")) {
            assertThat(new String(in.readAllBytes(), StandardCharsets.UTF_8)).isEqualTo("hello");
        }
        assertThat(acme.headObject("a.txt").contentLength()).isEqualTo(5);
        acme.deleteObject("a.txt");

        assertThatThrownBy(() -> acme.headObject("a.txt")).isInstanceOf(NoSuchKeyException.class);
        assertThat(globex.getObjectAsBytes("a.txt").asUtf8String()).isEqualTo("other");
    }

    @Test
    void deleteObjectsRemovesOnlyTheTenantsKeys() {
        List.of("d/1", "d/2", "d/3").forEach(k -> {
            acme.putObject(k, RequestBody.fromString(k));
            globex.putObject(k, RequestBody.fromString(k));
        });

        acme.deleteObjects(List.of("d/1", "d/2", "d/3"));

        assertThat(rawKeys()).containsExactlyInAnyOrder("globex/d/1", "globex/d/2", "globex/d/3");
    }

    @Test
    void listingIsLazyOnePageAtATimeAndStaysInTheTenantsFolder() throws Exception {
        // 1,050 keys (two pages) always; -Dtenantclient.listingKeys=2500 for the three-page run (slow: 2,500 puts)
        int count = Integer.getInteger("tenantclient.listingKeys", 1_050);
        long pageCount = (count + 999L) / 1_000;
        java.util.concurrent.ForkJoinPool pool = new java.util.concurrent.ForkJoinPool(16);
        try {
            pool.submit(() -> IntStream.range(0, count)
                            .parallel()
                            .forEach(i -> stack.adminS3Client()
                                    .putObject(
                                            r -> r.bucket(bucket).key(String.format("acme/many/%04d", i)),
                                            RequestBody.fromString("x"))))
                    .get();
        } finally {
            pool.shutdown();
        }
        for (String other : List.of("globex/many/0000", "acme-x/many/0000", "acmemany/0000", "many/0000")) {
            stack.adminS3Client().putObject(r -> r.bucket(bucket).key(other), RequestBody.fromString("x"));
        }
        acme.headObject("many/0000"); // credentials exchanged before counting requests

        List<String> expected = IntStream.range(0, count)
                .mapToObj(i -> String.format("many/%04d", i))
                .toList();
        long start = gatewayRequests();
        if (kind == BucketApi.Kind.SYNC) {
            TenantListingPages pages = acmeSession.bucket(bucket).listObjects("many/");
            assertThat(gatewayRequests() - start)
                    .as("nothing sent before iterating")
                    .isZero();
            assertThat(pages.objects().stream().limit(10)).hasSize(10);
            assertThat(gatewayRequests() - start).as("first 10 items: one page").isEqualTo(1);
            assertThat(pages.objects().stream().limit(1_001).toList().get(1_000).key())
                    .isEqualTo("many/1000");
            assertThat(gatewayRequests() - start)
                    .as("then first 1,001: two pages more")
                    .isEqualTo(3);
            assertThat(pages.objects().stream().map(TenantObject::key).toList()).isEqualTo(expected);
            assertThat(gatewayRequests() - start)
                    .as("then all: every page once more")
                    .isEqualTo(3 + pageCount);
        } else {
            TenantAsyncBucket files = acmeSession.asyncBucket(bucket);
            List<String> first = new java.util.concurrent.CopyOnWriteArrayList<>();
            files.listObjects("many/")
                    .objects()
                    .limit(10)
                    .subscribe(o -> first.add(o.key()))
                    .join();
            assertThat(first).isEqualTo(expected.subList(0, 10));
            assertThat(gatewayRequests() - start).as("first 10 items: one page").isEqualTo(1);
            List<String> all = new java.util.concurrent.CopyOnWriteArrayList<>();
            files.listObjects("many/")
                    .objects()
                    .subscribe(o -> all.add(o.key()))
                    .join();
            assertThat(all).isEqualTo(expected);
            assertThat(gatewayRequests() - start)
                    .as("then all: every page once more")
                    .isEqualTo(1 + pageCount);
        }
        assertThat(globex.listObjects("")).extracting(TenantObject::key).containsExactly("many/0000");
    }

    @Test
    void delimitedListingShowsFoldersRelativeToTheTenant() {
        List.of("docs/a.txt", "docs/sub/b.txt", "docs/sub/c.txt", "top.txt")
                .forEach(k -> acme.putObject(k, RequestBody.fromString(k)));

        TenantListing root = acme.listObjects(null, "/");
        TenantListing docs = acme.listObjects("docs/", "/");

        assertThat(root.objects()).extracting(TenantObject::key).containsExactly("top.txt");
        assertThat(root.commonPrefixes()).containsExactly("docs/");
        assertThat(docs.objects()).extracting(TenantObject::key).containsExactly("docs/a.txt");
        assertThat(docs.commonPrefixes()).containsExactly("docs/sub/");
    }

    @Test
    void copyStaysInsideTheTenant() {
        acme.putObject("src.txt", RequestBody.fromString("copy me"));
        globex.putObject("secret.txt", RequestBody.fromString("globex secret"));
        long before = gatewayRequests();

        assertThatThrownBy(() -> acme.copyObject("../globex/secret.txt", "stolen.txt"))
                .isInstanceOf(TenantBoundaryException.class);
        assertThatThrownBy(() -> acme.copyObject("src.txt", "../globex/src.txt"))
                .isInstanceOf(TenantBoundaryException.class);
        assertThat(gatewayRequests()).isEqualTo(before);

        acme.copyObject("src.txt", "dst.txt");
        assertThat(acme.getObjectAsBytes("dst.txt").asUtf8String()).isEqualTo("copy me");
        assertThat(rawKeys()).containsExactlyInAnyOrder("acme/src.txt", "acme/dst.txt", "globex/secret.txt");
    }

    @Test
    void aPresignedGetWorksWithAPlainHttpClientOnlyForItsKeyAndCarriesTheTenantsKeyId() throws Exception {
        acme.putObject("shared/report.txt", RequestBody.fromString("presigned"));
        acme.putObject("shared/other.txt", RequestBody.fromString("not this one"));
        String accessKeyId =
                acmeSession.credentialsProvider().resolveCredentials().accessKeyId();

        PresignedGetObjectRequest presigned = acme.presignGetObject("shared/report.txt", Duration.ofMinutes(5));
        HttpResponse<String> ok = http.send(
                HttpRequest.newBuilder(presigned.url().toURI()).build(), HttpResponse.BodyHandlers.ofString());
        URI tampered = URI.create(presigned.url().toString().replace("report.txt", "other.txt"));
        HttpResponse<String> other =
                http.send(HttpRequest.newBuilder(tampered).build(), HttpResponse.BodyHandlers.ofString());

        assertThat(presigned.url().getQuery()).contains("X-Amz-Credential=" + accessKeyId);
        assertThat(ok.statusCode()).isEqualTo(200);
        assertThat(ok.body()).isEqualTo("presigned");
        assertThat(other.statusCode()).isEqualTo(403);
        assertThat(other.body()).doesNotContain("not this one");
    }

    @Test
    void aPresignedPutWritesIntoTheTenantsFolder() throws Exception {
        PresignedPutObjectRequest presigned = acme.presignPutObject("in/upload.txt", Duration.ofMinutes(5));
        HttpRequest.Builder put =
                HttpRequest.newBuilder(presigned.url().toURI()).PUT(HttpRequest.BodyPublishers.ofString("via url"));
        presigned.signedHeaders().forEach((name, values) -> {
            if (!name.equalsIgnoreCase("host")) {
                values.forEach(v -> put.header(name, v));
            }
        });

        HttpResponse<String> response = http.send(put.build(), HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(acme.getObjectAsBytes("in/upload.txt").asUtf8String()).isEqualTo("via url");
        assertThat(rawKeys()).containsExactly("acme/in/upload.txt");
    }

    @Test
    void aMultipartUploadRoundTripsByteForByte(@TempDir Path dir) throws IOException {
        byte[] content = new byte[12 * 1024 * 1024 + 123];
        new Random(42).nextBytes(content);
        Path file = Files.write(dir.resolve("big.bin"), content);

        acme.upload("big/file.bin", file, PART);

        assertThat(acme.getObjectAsBytes("big/file.bin").asByteArray()).isEqualTo(content);
        assertThat(rawKeys()).containsExactly("acme/big/file.bin");
    }

    @Test
    void aFailureMidUploadLeavesNoObjectAndNoDanglingUpload(@TempDir Path dir) throws IOException {
        byte[] content = new byte[16 * 1024 * 1024];
        new Random(7).nextBytes(content);
        Path file = Files.write(dir.resolve("big.bin"), content);
        // CreateMultipartUpload and part 1 pass (both are s3:PutObject); part 2 fails, retries included.
        stack.faults().inject(Fault.internalError().on("s3:PutObject").after(2).times(10));

        try {
            assertThatThrownBy(() -> acme.upload("big/broken.bin", file, PART)).isInstanceOf(S3Exception.class);
        } finally {
            stack.faults().clear();
        }

        assertThat(rawKeys()).isEmpty();
        // the async multipart client starts the abort before it fails the upload: wait for it
        await().atMost(Duration.ofMinutes(1))
                .untilAsserted(() -> assertThat(stack.adminS3Client()
                                .listMultipartUploads(r -> r.bucket(bucket))
                                .uploads())
                        .isEmpty());
    }

    @Test
    void unsafeKeysAreRefusedBeforeAnyRequest() {
        long before = gatewayRequests();
        for (String key : List.of(
                "", "/abs", "a/../b", "./a", "a/./b", "..", "a//b", "a\\b", "a\u0000b", "a\nb", "x".repeat(1020))) {
            assertThatThrownBy(() -> acme.putObject(key, RequestBody.fromString("x")))
                    .as("key %s", key.length() > 20 ? key.substring(0, 20) + "..." : key)
                    .isInstanceOf(TenantBoundaryException.class);
        }
        assertThatThrownBy(() -> acme.putObject(null, RequestBody.fromString("x")))
                .isInstanceOf(TenantBoundaryException.class);
        assertThatThrownBy(() -> acme.listObjects("../")).isInstanceOf(TenantBoundaryException.class);
        assertThat(gatewayRequests()).isEqualTo(before);
        assertThat(rawKeys()).isEmpty();
    }

    /** Issue 16, hole 7: the options callback must not turn a put into a copy, an upload part or a redirect. */
    @Test
    void optionsCannotAddHeadersOrParametersThatChangeTheObjectOrTheOperation() {
        globex.putObject("secret.txt", RequestBody.fromString("globex secret"));
        String source = bucket + "/" + folder("globex") + "secret.txt";
        List<Consumer<PutObjectRequest.Builder>> attacks = List.of(
                b -> b.overrideConfiguration(o -> o.putHeader("x-amz-copy-source", source)),
                b -> b.overrideConfiguration(o -> o.putHeader("X-Amz-Copy-Source", source)),
                b -> b.overrideConfiguration(o -> o.putHeader("x-amz-copy-source-range", "bytes=0-4")),
                b -> b.overrideConfiguration(
                        o -> o.putRawQueryParameter("uploadId", "u").putRawQueryParameter("partNumber", "1")),
                b -> b.overrideConfiguration(o -> o.putRawQueryParameter("versionId", "v")),
                b -> b.overrideConfiguration(o -> o.putHeader("Content-Type", "text/html")),
                b -> b.websiteRedirectLocation("https://evil.example/"),
                b -> b.acl(ObjectCannedACL.PUBLIC_READ),
                b -> b.grantRead("id=someone-else"),
                b -> b.bucket("another-bucket"));
        long before = gatewayRequests();

        for (Consumer<PutObjectRequest.Builder> attack : attacks) {
            assertThatThrownBy(() -> acme.putObject("stolen.txt", RequestBody.fromString(""), attack))
                    .isInstanceOf(TenantBoundaryException.class);
        }

        assertThat(gatewayRequests()).isEqualTo(before);
        assertThat(rawKeys()).containsExactly(folder("globex") + "secret.txt");
    }

    @Test
    void allowedOptionsStillReachS3() {
        acme.putObject(
                "typed.txt",
                RequestBody.fromString("<p>"),
                b -> b.contentType("text/html")
                        .cacheControl("no-store")
                        .metadata(Map.of("owner", "alice"))
                        .overrideConfiguration(o -> o.apiCallTimeout(Duration.ofSeconds(30))));

        assertThat(acme.headObject("typed.txt").contentType()).isEqualTo("text/html");
        assertThat(acme.headObject("typed.txt").metadata()).containsEntry("owner", "alice");
    }

    /** Issue 16: a folder marker ({@code acme/} itself) listed as key "", which getObject then refused. */
    @Test
    void folderMarkersNeverListAsAnEmptyKeyAndEveryListedKeyCanBeRead() {
        stack.adminS3Client().putObject(r -> r.bucket(bucket).key(folder("acme")), RequestBody.empty());
        stack.adminS3Client().putObject(r -> r.bucket(bucket).key(folder("acme") + "docs/"), RequestBody.empty());
        acme.putObject("docs/a.txt", RequestBody.fromString("a"));

        List<TenantObject> all = acme.listObjects(null);
        TenantListing root = acme.listObjects(null, "/");
        TenantListing docs = acme.listObjects("docs/", "/");

        assertThat(all).extracting(TenantObject::key).containsExactly("docs/", "docs/a.txt");
        assertThat(root.objects()).isEmpty();
        assertThat(root.commonPrefixes()).containsExactly("docs/");
        assertThat(docs.objects()).extracting(TenantObject::key).containsExactly("docs/", "docs/a.txt");
        for (TenantObject o : all) {
            assertThat(acme.headObject(o.key()).contentLength()).isEqualTo(o.size());
        }
    }

    /** Issue 16: Unicode line separators must never reach an exception message or a log line unescaped. */
    @Test
    void lineSeparatorsInNamesNeverReachAMessageUnescaped() {
        for (String name : List.of("files\u2028INFO forged", "files\u2029x", "files\u0085x", "Files_1")) {
            assertThatThrownBy(() -> kind.open(acmeSession, name))
                    .isInstanceOf(IllegalArgumentException.class)
                    .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\u2028", "\u2029", "\u0085"));
        }
        TenantObject listed = new TenantObject("a\u2028b", 1, Instant.EPOCH, "\"e\u2029\"");
        assertThat(listed.toString()).doesNotContain("\u2028", "\u2029").contains("a\\u2028b");
        assertThat(new TenantListing(List.of(listed), List.of("c\u0085/")).toString())
                .doesNotContain("\u2028", "\u2029", "\u0085");
    }

    private static String folder(String org) {
        return TenantLayout.org().objectKeyPrefix(new Tenant(org, "x", Map.of("org", org)));
    }

    @Test
    void folderLayoutsNestUserFolders() {
        TenantLayout layout = TenantLayout.builder()
                .tag("org", "custom:org")
                .tag("username", "sub")
                .partitionKeyPrefix("{org}#")
                .objectKeyPrefix("{org}/{username}/")
                .build();
        try (TenantClient nested = stack.clientBuilder().layout(layout).build()) {
            BucketApi alice = kind.open(nested.session(stack.issueToken("acme", "alice")), bucket);
            BucketApi bob = kind.open(nested.session(stack.issueToken("acme", "bob")), bucket);

            alice.putObject("n.txt", RequestBody.fromString("alice"));
            bob.putObject("n.txt", RequestBody.fromString("bob"));

            assertThat(alice.getObjectAsBytes("n.txt").asUtf8String()).isEqualTo("alice");
            assertThat(rawKeys()).containsExactlyInAnyOrder("acme/alice/n.txt", "acme/bob/n.txt");
        }
    }
}
