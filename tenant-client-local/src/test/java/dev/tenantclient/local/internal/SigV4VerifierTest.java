/*
 * Copyright 2026 The tenant-client Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tenantclient.local.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tenantclient.local.internal.SigV4Verifier.Secret;
import dev.tenantclient.local.internal.SigV4Verifier.SignatureException;
import dev.tenantclient.local.internal.SigV4Verifier.Signed;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.http.SdkHttpFullRequest;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4FamilyHttpSigner;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.SignedRequest;
import software.amazon.awssdk.identity.spi.AwsSessionCredentialsIdentity;

class SigV4VerifierTest {

    private static final Instant NOW = Instant.parse("2026-11-24T10:00:00Z");
    private static final String AKID = "ASIATESTKEY0000001";
    private static final Secret SECRET = new Secret("s3cr3t/key+value", "session-token-1");
    private static final byte[] BODY =
            "{\"TableName\":\"notes\",\"Key\":{\"pk\":{\"S\":\"acme#n-1\"}}}".getBytes(StandardCharsets.UTF_8);

    private final SigV4Verifier verifier = new SigV4Verifier(Clock.fixed(NOW, ZoneOffset.UTC));

    @Test
    void aDynamoDbRequestSignedByTheSdkVerifies() throws Exception {
        Received r = sign(dynamoRequest(), BODY, "dynamodb", false);
        Signed signed = verify(r, AKID, SECRET);
        assertThat(signed.accessKeyId()).isEqualTo(AKID);
        assertThat(signed.service()).isEqualTo("dynamodb");
        assertThat(signed.region()).isEqualTo("us-east-1");
    }

    @Test
    void aChangedBodyDoesNotVerify() throws Exception {
        Received r = sign(dynamoRequest(), BODY, "dynamodb", false);
        Received tampered = new Received(
                r.method,
                r.path,
                r.query,
                r.headers,
                new String(BODY, StandardCharsets.UTF_8)
                        .replace("acme#", "beta#")
                        .getBytes(StandardCharsets.UTF_8));
        assertCode(() -> verify(tampered, AKID, SECRET), "XAmzContentSHA256Mismatch");
    }

    @Test
    void anotherSecretDoesNotVerify() throws Exception {
        Received r = sign(dynamoRequest(), BODY, "dynamodb", false);
        assertCode(() -> verify(r, AKID, new Secret("other", "session-token-1")), "SignatureDoesNotMatch");
    }

    @Test
    void anUnknownKeyOrWrongSessionTokenIsUnrecognized() throws Exception {
        Received r = sign(dynamoRequest(), BODY, "dynamodb", false);
        assertCode(
                () -> verifier.verify(r.method, r.path, r.query, r.headers, r.body, k -> Optional.empty()),
                "UnrecognizedClientException");
        assertCode(
                () -> verify(r, AKID, new Secret(SECRET.secretAccessKey(), "another-token")),
                "UnrecognizedClientException");
    }

    @Test
    void anUnsignedRequestIsMissingAuthentication() {
        assertCode(
                () -> verifier.verify("POST", "/", null, Map.of(), BODY, k -> Optional.of(SECRET)),
                "MissingAuthenticationToken");
    }

    @Test
    void aRequestSignedLongAgoIsTooSkewed() throws Exception {
        Received r = sign(dynamoRequest(), BODY, "dynamodb", false);
        SigV4Verifier later = new SigV4Verifier(Clock.fixed(NOW.plus(Duration.ofMinutes(16)), ZoneOffset.UTC));
        assertCode(
                () -> later.verify(r.method, r.path, r.query, r.headers, r.body, k -> Optional.of(SECRET)),
                "RequestTimeTooSkewed");
    }

    @Test
    void aPresignedS3UrlVerifiesOnlyForItsKeyAndUntilItExpires() throws Exception {
        SdkHttpFullRequest get = SdkHttpFullRequest.builder()
                .method(SdkHttpMethod.GET)
                .uri(URI.create("http://127.0.0.1:9000/files/acme/reports/q1%20final.pdf"))
                .build();
        Received r = sign(get, new byte[0], "s3", true);
        assertThat(r.query).contains("X-Amz-Signature");
        assertThat(verify(r, AKID, SECRET).service()).isEqualTo("s3");

        Received otherKey = new Received(r.method, "/files/beta/reports/q1%20final.pdf", r.query, r.headers, r.body);
        assertCode(() -> verify(otherKey, AKID, SECRET), "SignatureDoesNotMatch");

        SigV4Verifier later = new SigV4Verifier(Clock.fixed(NOW.plus(Duration.ofMinutes(11)), ZoneOffset.UTC));
        assertCode(
                () -> later.verify(r.method, r.path, r.query, r.headers, r.body, k -> Optional.of(SECRET)),
                "AccessDenied");
    }

    @Test
    void anS3PutWithAPayloadHashHeaderVerifies() throws Exception {
        SdkHttpFullRequest put = SdkHttpFullRequest.builder()
                .method(SdkHttpMethod.PUT)
                .uri(URI.create("http://127.0.0.1:9000/files/acme/a%2Bb.txt"))
                .putRawQueryParameter("x-id", "PutObject")
                .build();
        Received r = sign(put, "hello".getBytes(StandardCharsets.UTF_8), "s3", false);
        assertThat(r.headers).containsKey("x-amz-content-sha256");
        assertThat(verify(r, AKID, SECRET).accessKeyId()).isEqualTo(AKID);
    }

    @Test
    void queryStringsAreParsedAndDecoded() {
        Map<String, List<String>> q = SigV4Verifier.parseQuery("list-type=2&prefix=acme%2Freports%2F&a=1&a=2&flag");
        assertThat(q)
                .containsEntry("prefix", List.of("acme/reports/"))
                .containsEntry("a", List.of("1", "2"))
                .containsEntry("flag", List.of(""));
        assertThat(SigV4Verifier.encode("a b/c~")).isEqualTo("a%20b%2Fc~");
    }

    @Test
    void anUnsignedAmzHeaderOnAPresignedRequestIsAccessDenied() throws Exception {
        SdkHttpFullRequest put = SdkHttpFullRequest.builder()
                .method(SdkHttpMethod.PUT)
                .uri(URI.create("http://127.0.0.1:9000/files/acme/a.txt"))
                .build();
        Received r = sign(put, new byte[0], "s3", true);
        Map<String, List<String>> headers = new TreeMap<>(r.headers);
        headers.put("x-amz-copy-source", List.of("/files/beta/secret.txt"));
        Received withCopy = new Received(r.method, r.path, r.query, headers, r.body);

        assertThat(verify(r, AKID, SECRET).service()).isEqualTo("s3");
        assertThatThrownBy(() -> verify(withCopy, AKID, SECRET))
                .isInstanceOf(SignatureException.class)
                .hasMessageContaining("not signed")
                .hasMessageContaining("x-amz-copy-source")
                .satisfies(e -> assertThat(((SignatureException) e).code()).isEqualTo("AccessDenied"));
        headers.remove("x-amz-copy-source");
        headers.put("x-amz-content-sha256", List.of("UNSIGNED-PAYLOAD"));
        assertThat(verify(new Received(r.method, r.path, r.query, headers, r.body), AKID, SECRET)
                        .service())
                .isEqualTo("s3");
    }

    @Test
    void presignedExpiryAndDateWindowsAreChecked() throws Exception {
        SdkHttpFullRequest get = SdkHttpFullRequest.builder()
                .method(SdkHttpMethod.GET)
                .uri(URI.create("http://127.0.0.1:9000/files/acme/a.txt"))
                .build();
        Received r = sign(get, new byte[0], "s3", true);

        SigV4Verifier earlier = new SigV4Verifier(Clock.fixed(NOW.minus(Duration.ofMinutes(16)), ZoneOffset.UTC));
        assertCode(
                () -> earlier.verify(r.method, r.path, r.query, r.headers, r.body, k -> Optional.of(SECRET)),
                "AccessDenied");
        for (String expires : List.of("604801", "-1", "soon", "")) {
            Received bad = new Received(
                    r.method,
                    r.path,
                    r.query.replaceAll("X-Amz-Expires=\\d+", "X-Amz-Expires=" + expires),
                    r.headers,
                    r.body);
            assertCode(() -> verify(bad, AKID, SECRET), "AuthorizationQueryParametersError");
        }
    }

    // --- helpers

    @SuppressWarnings("ArrayRecordComponent") // a captured request, compared by nobody
    private record Received(String method, String path, String query, Map<String, List<String>> headers, byte[] body) {}

    private Signed verify(Received r, String akid, Secret secret) throws SignatureException {
        return verifier.verify(
                r.method,
                r.path,
                r.query,
                r.headers,
                r.body,
                k -> k.equals(akid) ? Optional.of(secret) : Optional.empty());
    }

    private static SdkHttpFullRequest dynamoRequest() {
        return SdkHttpFullRequest.builder()
                .method(SdkHttpMethod.POST)
                .uri(URI.create("http://127.0.0.1:8000/"))
                .putHeader("Content-Type", "application/x-amz-json-1.0")
                .putHeader("X-Amz-Target", "DynamoDB_20120810.GetItem")
                .build();
    }

    private static Received sign(SdkHttpRequest request, byte[] body, String service, boolean presign) {
        SignedRequest signed = AwsV4HttpSigner.create().sign(r -> {
            r.identity(AwsSessionCredentialsIdentity.create(AKID, SECRET.secretAccessKey(), SECRET.sessionToken()))
                    .request(request)
                    .payload(() -> new ByteArrayInputStream(body))
                    .putProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, service)
                    .putProperty(AwsV4HttpSigner.REGION_NAME, "us-east-1")
                    .putProperty(HttpSigner.SIGNING_CLOCK, Clock.fixed(NOW, ZoneOffset.UTC));
            if ("s3".equals(service)) {
                r.putProperty(AwsV4HttpSigner.DOUBLE_URL_ENCODE, false)
                        .putProperty(AwsV4HttpSigner.NORMALIZE_PATH, false);
            }
            if (presign) {
                r.putProperty(AwsV4FamilyHttpSigner.AUTH_LOCATION, AwsV4FamilyHttpSigner.AuthLocation.QUERY_STRING)
                        .putProperty(AwsV4FamilyHttpSigner.EXPIRATION_DURATION, Duration.ofMinutes(10))
                        .putProperty(AwsV4FamilyHttpSigner.PAYLOAD_SIGNING_ENABLED, false);
            }
        });
        SdkHttpRequest out = signed.request();
        Map<String, List<String>> headers = new TreeMap<>();
        out.forEachHeader((k, v) -> headers.put(k.toLowerCase(Locale.ROOT), v));
        headers.put("host", List.of(out.host() + (out.port() == 80 ? "" : ":" + out.port())));
        String query = out.encodedQueryParameters().orElse(null);
        byte[] payload = signed.payload().map(p -> readAll(p.newStream())).orElse(body);
        return new Received(out.method().name(), out.encodedPath(), query, headers, payload);
    }

    private static byte[] readAll(InputStream in) {
        try (in) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void assertCode(org.assertj.core.api.ThrowableAssert.ThrowingCallable call, String code) {
        assertThatThrownBy(call)
                .isInstanceOf(SignatureException.class)
                .satisfies(e -> assertThat(((SignatureException) e).code()).isEqualTo(code));
    }
}
