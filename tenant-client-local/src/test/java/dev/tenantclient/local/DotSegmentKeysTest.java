/*
 * Copyright 2026 The tenant-client Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tenantclient.local;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tenantclient.TenantClient;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.SdkHttpFullRequest;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.SignedRequest;
import software.amazon.awssdk.identity.spi.AwsSessionCredentialsIdentity;

/**
 * Raw credentials against the real local stack (s3proxy behind the IAM gateway), with requests signed by hand: a
 * key whose dot segments, empty segments or backslashes the S3 server would resolve never reaches another tenant's
 * object — not to read, overwrite, copy or delete it. Real S3 keeps keys literal; the gateway refuses such keys.
 */
@ExtendWith(NoSecretsInLogs.class)
class DotSegmentKeysTest {

    private static final String BUCKET = "dot-files";
    private static final String VICTIM = "globex/secret.txt";
    private static LocalTenantStack stack;
    private static TenantClient client;
    private static AwsSessionCredentials acme;
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    /** Ways to write "acme/../globex/secret.txt" that start with the attacker's folder. */
    private static final String[] ESCAPES = {
        "acme/../globex/secret.txt",
        "acme/%2E%2E/globex/secret.txt",
        "acme/%2e%2e/globex/secret.txt",
        "acme/..%2Fglobex/secret.txt",
        "acme/%2E%2E%2Fglobex%2Fsecret.txt",
        "acme/./../globex/secret.txt",
        "acme/x/../../globex/secret.txt",
        "acme/..%5Cglobex/secret.txt",
        "acme//../globex/secret.txt"
    };

    @BeforeAll
    static void start() {
        stack = TestStacks.shared();
        stack.adminS3Client().createBucket(r -> r.bucket(BUCKET));
        client = stack.clientBuilder().build();
        acme = (AwsSessionCredentials) client.session(stack.issueToken("acme", "dot-alice"))
                .credentialsProvider()
                .resolveCredentials();
    }

    @AfterAll
    static void stop() {
        client.close();
    }

    @BeforeEach
    void plantVictim() {
        stack.adminS3Client().putObject(r -> r.bucket(BUCKET).key(VICTIM), RequestBody.fromString("globex only"));
    }

    private static String victim() {
        return stack.adminS3Client()
                .getObjectAsBytes(r -> r.bucket(BUCKET).key(VICTIM))
                .asUtf8String();
    }

    @ParameterizedTest
    @ValueSource(strings = {"0", "1", "2", "3", "4", "5", "6", "7", "8"})
    void anotherTenantsObjectCannotBeRead(String index) throws Exception {
        Response r = send("GET", "/" + BUCKET + "/" + ESCAPES[Integer.parseInt(index)], Map.of(), "");

        assertThat(r.status).as(r.body).isEqualTo(403);
        assertThat(r.body).doesNotContain("globex only").contains("AccessDenied");
    }

    @ParameterizedTest
    @ValueSource(strings = {"0", "1", "2", "3", "4", "5", "6", "7", "8"})
    void anotherTenantsObjectCannotBeOverwrittenOrDeleted(String index) throws Exception {
        String path = "/" + BUCKET + "/" + ESCAPES[Integer.parseInt(index)];

        Response put = send("PUT", path, Map.of(), "overwritten by acme");
        Response delete = send("DELETE", path, Map.of(), "");

        assertThat(put.status).as(put.body).isEqualTo(403);
        assertThat(delete.status).as(delete.body).isEqualTo(403);
        assertThat(victim()).isEqualTo("globex only");
    }

    @ParameterizedTest
    @ValueSource(strings = {"0", "1", "2", "3", "4", "5", "6", "7", "8"})
    void anotherTenantsObjectCannotBeCopiedOut(String index) throws Exception {
        Response copy = send(
                "PUT",
                "/" + BUCKET + "/acme/stolen.txt",
                Map.of("x-amz-copy-source", "/" + BUCKET + "/" + ESCAPES[Integer.parseInt(index)]),
                "");

        assertThat(copy.status).as(copy.body).isEqualTo(403);
        assertThat(stack.adminS3Client()
                        .listObjectsV2(r -> r.bucket(BUCKET).prefix("acme/"))
                        .contents())
                .isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"0", "1", "2", "3", "4", "5", "6", "7", "8"})
    void anotherTenantsObjectCannotBeDeletedInABatch(String index) throws Exception {
        String key = java.net.URLDecoder.decode(ESCAPES[Integer.parseInt(index)], StandardCharsets.UTF_8);
        String body = "<Delete><Object><Key>" + key + "</Key></Object></Delete>";
        String md5 = java.util.Base64.getEncoder()
                .encodeToString(
                        java.security.MessageDigest.getInstance("MD5").digest(body.getBytes(StandardCharsets.UTF_8)));

        Response delete = send("POST", "/" + BUCKET + "?delete=", Map.of("Content-MD5", md5), body);

        assertThat(delete.status).as(delete.body).isEqualTo(403);
        assertThat(victim()).isEqualTo("globex only");
    }

    private record Response(int status, String body) {}

    /** Signs the request by hand with the SDK's SigV4 signer (S3 rules: no path normalisation) and sends it raw. */
    private static Response send(String method, String pathAndQuery, Map<String, String> headers, String body)
            throws IOException, InterruptedException {
        URI uri = URI.create(stack.s3Endpoint() + pathAndQuery);
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        SdkHttpFullRequest.Builder request = SdkHttpFullRequest.builder()
                .method(SdkHttpMethod.fromValue(method))
                .uri(uri);
        headers.forEach(request::putHeader);
        SignedRequest signed = AwsV4HttpSigner.create()
                .sign(r -> r.identity(AwsSessionCredentialsIdentity.create(
                                acme.accessKeyId(), acme.secretAccessKey(), acme.sessionToken()))
                        .request(request.build())
                        .payload(() -> new ByteArrayInputStream(bytes))
                        .putProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, "s3")
                        .putProperty(AwsV4HttpSigner.REGION_NAME, LocalTenantStack.REGION.id())
                        .putProperty(AwsV4HttpSigner.DOUBLE_URL_ENCODE, false)
                        .putProperty(AwsV4HttpSigner.NORMALIZE_PATH, false)
                        .putProperty(AwsV4HttpSigner.PAYLOAD_SIGNING_ENABLED, true));
        HttpRequest.Builder http = HttpRequest.newBuilder(uri)
                .method(
                        method,
                        bytes.length == 0
                                ? HttpRequest.BodyPublishers.noBody()
                                : HttpRequest.BodyPublishers.ofByteArray(bytes));
        signed.request().forEachHeader((name, values) -> {
            if (!name.equalsIgnoreCase("host") && !name.equalsIgnoreCase("content-length")) {
                values.forEach(v -> http.header(name, v));
            }
        });
        HttpResponse<String> response = HTTP.send(http.build(), HttpResponse.BodyHandlers.ofString());
        return new Response(response.statusCode(), response.body());
    }
}
