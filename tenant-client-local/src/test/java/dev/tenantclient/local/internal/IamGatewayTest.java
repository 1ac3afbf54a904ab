/*
 * Copyright 2026 The tenant-client Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tenantclient.local.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import dev.tenantclient.local.internal.IamGateway.Session;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbException;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.ObjectIdentifier;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * The gateway in front of a recording upstream, driven by the SDK's real clients: what is allowed reaches the
 * upstream unchanged; what is denied never does, and comes back in each service's own error format.
 */
class IamGatewayTest {

    private static final String AKID = "ASIAACME000000000001";
    private static final String SECRET = "acme-secret";
    private static final String TOKEN = "acme-session-token";
    private static final Map<String, String> TAGS = Map.of("org", "acme");

    private static HttpServer upstream;
    private static final List<String> received = new CopyOnWriteArrayList<>();
    private static final List<String> authorized = new CopyOnWriteArrayList<>();
    private static IamGateway gateway;
    private static volatile Instant expiration;

    @BeforeAll
    static void start() throws IOException {
        expiration = Instant.now().plusSeconds(3600);
        upstream = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 16);
        upstream.createContext("/", ex -> {
            byte[] body = ex.getRequestBody().readAllBytes();
            received.add(
                    ex.getRequestMethod() + " " + ex.getRequestURI() + " " + new String(body, StandardCharsets.UTF_8));
            boolean dynamo = ex.getRequestHeaders().containsKey("X-amz-target");
            byte[] out = (dynamo ? "{}" : "").getBytes(StandardCharsets.UTF_8);
            ex.getResponseHeaders().set("Content-Type", dynamo ? "application/x-amz-json-1.0" : "application/xml");
            if (!dynamo) {
                ex.getResponseHeaders().set("ETag", "\"d41d8cd98f00b204e9800998ecf8427e\"");
            }
            ex.sendResponseHeaders(200, out.length == 0 ? -1 : out.length);
            try (OutputStream os = ex.getResponseBody()) {
                os.write(out);
            }
        });
        upstream.start();
        URI up = URI.create("http://127.0.0.1:" + upstream.getAddress().getPort());
        IamGateway.Sessions sessions = key -> AKID.equals(key)
                ? Optional.of(
                        new Session(SECRET, TOKEN, expiration, TAGS, "arn:aws:sts::000000000000:assumed-role/t/acme"))
                : Optional.empty();
        IamGateway.Authorizer authorizer = (request, session) -> {
            authorized.add(request.action() + " " + request.resource());
            String org = session.principalTags().get("org");
            if (request.action().startsWith("dynamodb:")) {
                List<String> keys = request.context().get("dynamodb:LeadingKeys");
                if (keys == null) {
                    return "no leading keys";
                }
                return keys.stream().allMatch(k -> k.startsWith(org + "#")) ? null : "foreign leading key";
            }
            if (request.action().equals("s3:ListBucket")) {
                List<String> prefix = request.context().get("s3:prefix");
                return prefix != null && prefix.get(0).startsWith(org + "/") ? null : "prefix outside the folder";
            }
            return request.resource().startsWith("arn:aws:s3:::files/" + org + "/") ? null : "outside the folder";
        };
        gateway = new IamGateway(
                Clock.systemUTC(),
                sessions,
                authorizer,
                "us-east-1",
                "000000000000",
                up,
                up,
                (table, index) -> Optional.of(index == null ? "pk" : "gsi_pk"));
    }

    @AfterAll
    static void stop() {
        gateway.close();
        upstream.stop(0);
    }

    @BeforeEach
    void reset() {
        received.clear();
        authorized.clear();
        expiration = Instant.now().plusSeconds(3600);
    }

    private static DynamoDbClient dynamo(String secret) {
        return DynamoDbClient.builder()
                .region(Region.US_EAST_1)
                .endpointOverride(gateway.dynamoDbEndpoint())
                .httpClient(UrlConnectionHttpClient.create())
                .credentialsProvider(
                        StaticCredentialsProvider.create(AwsSessionCredentials.create(AKID, secret, TOKEN)))
                .build();
    }

    private static S3Client s3(String secret) {
        return S3Client.builder()
                .region(Region.US_EAST_1)
                .endpointOverride(gateway.s3Endpoint())
                .forcePathStyle(true)
                .httpClient(UrlConnectionHttpClient.create())
                .credentialsProvider(
                        StaticCredentialsProvider.create(AwsSessionCredentials.create(AKID, secret, TOKEN)))
                .build();
    }

    @Test
    void anAllowedDynamoDbRequestReachesTheUpstreamUnchanged() {
        try (DynamoDbClient client = dynamo(SECRET)) {
            client.getItem(r -> r.tableName("notes").key(Map.of("pk", AttributeValue.fromS("acme#n-1"))));
        }
        assertThat(received).singleElement().asString().contains("\"acme#n-1\"");
    }

    @Test
    void aForeignLeadingKeyIsDeniedAsAccessDeniedException() {
        try (DynamoDbClient client = dynamo(SECRET)) {
            assertThatThrownBy(() -> client.getItem(
                            r -> r.tableName("notes").key(Map.of("pk", AttributeValue.fromS("beta#n-1")))))
                    .isInstanceOf(DynamoDbException.class)
                    .satisfies(e -> assertThat(
                                    ((DynamoDbException) e).awsErrorDetails().errorCode())
                            .isEqualTo("AccessDeniedException"))
                    .hasMessageContaining("dynamodb:GetItem")
                    .hasMessageContaining("table/notes");
        }
        assertThat(received).isEmpty();
    }

    @Test
    void aQueryIsAuthorizedOnItsPartitionKeyValue() {
        try (DynamoDbClient client = dynamo(SECRET)) {
            client.query(r -> r.tableName("notes")
                    .keyConditionExpression("#p = :v")
                    .expressionAttributeNames(Map.of("#p", "pk"))
                    .expressionAttributeValues(Map.of(":v", AttributeValue.fromS("acme#x"))));
            assertThatThrownBy(() -> client.query(r -> r.tableName("notes")
                            .indexName("by-owner")
                            .keyConditionExpression("gsi_pk = :v")
                            .expressionAttributeValues(Map.of(":v", AttributeValue.fromS("beta#x")))))
                    .isInstanceOf(DynamoDbException.class)
                    .hasMessageContaining("index/by-owner");
        }
        assertThat(received).hasSize(1);
    }

    @Test
    void aScanHasNoLeadingKeysAndIsDenied() {
        try (DynamoDbClient client = dynamo(SECRET)) {
            assertThatThrownBy(() -> client.scan(r -> r.tableName("notes")))
                    .isInstanceOf(DynamoDbException.class)
                    .hasMessageContaining("dynamodb:Scan");
        }
        assertThat(received).isEmpty();
    }

    @Test
    void aBatchWriteWithOneForeignItemIsDeniedWhole() {
        try (DynamoDbClient client = dynamo(SECRET)) {
            assertThatThrownBy(() -> client.batchWriteItem(
                            r -> r.requestItems(Map.of("notes", List.of(put("acme#1"), put("beta#2"))))))
                    .isInstanceOf(DynamoDbException.class)
                    .hasMessageContaining("dynamodb:BatchWriteItem");
        }
        assertThat(received).isEmpty();
    }

    @Test
    void aSignatureScopedToAnotherRegionOrServiceIsRejected() {
        try (DynamoDbClient client = DynamoDbClient.builder()
                .region(Region.EU_WEST_1)
                .endpointOverride(gateway.dynamoDbEndpoint())
                .httpClient(UrlConnectionHttpClient.create())
                .credentialsProvider(
                        StaticCredentialsProvider.create(AwsSessionCredentials.create(AKID, SECRET, TOKEN)))
                .build()) {
            assertThatThrownBy(() -> client.getItem(
                            r -> r.tableName("notes").key(Map.of("pk", AttributeValue.fromS("acme#n-1")))))
                    .isInstanceOf(DynamoDbException.class)
                    .hasMessageContaining("expecting 'us-east-1'")
                    .satisfies(e -> assertThat(
                                    ((DynamoDbException) e).awsErrorDetails().errorCode())
                            .isEqualTo("InvalidSignatureException"));
        }
        try (S3Client client = S3Client.builder()
                .region(Region.US_EAST_1)
                .endpointOverride(gateway.dynamoDbEndpoint())
                .forcePathStyle(true)
                .httpClient(UrlConnectionHttpClient.create())
                .credentialsProvider(
                        StaticCredentialsProvider.create(AwsSessionCredentials.create(AKID, SECRET, TOKEN)))
                .build()) {
            // an S3-signed request sent to the DynamoDB endpoint: the scope names the wrong service
            assertThatThrownBy(() -> client.headBucket(r -> r.bucket("files")))
                    .isInstanceOf(software.amazon.awssdk.awscore.exception.AwsServiceException.class);
        }
        assertThat(received).isEmpty();
    }

    @Test
    void aWrongSecretIsAnInvalidSignature() {
        try (DynamoDbClient client = dynamo("not-the-secret")) {
            assertThatThrownBy(() -> client.getItem(
                            r -> r.tableName("notes").key(Map.of("pk", AttributeValue.fromS("acme#n-1")))))
                    .isInstanceOf(DynamoDbException.class)
                    .satisfies(e -> assertThat(
                                    ((DynamoDbException) e).awsErrorDetails().errorCode())
                            .isEqualTo("InvalidSignatureException"));
        }
        assertThat(received).isEmpty();
    }

    @Test
    void expiredCredentialsAreAnExpiredToken() {
        expiration = Instant.now().minusSeconds(1);
        try (DynamoDbClient client = dynamo(SECRET)) {
            assertThatThrownBy(() -> client.getItem(
                            r -> r.tableName("notes").key(Map.of("pk", AttributeValue.fromS("acme#n-1")))))
                    .isInstanceOf(DynamoDbException.class)
                    .satisfies(e -> assertThat(
                                    ((DynamoDbException) e).awsErrorDetails().errorCode())
                            .isEqualTo("ExpiredTokenException"));
        }
    }

    @Test
    void s3ObjectsInsideTheFolderPassAndOthersAreAccessDenied() {
        try (S3Client client = s3(SECRET)) {
            client.putObject(r -> r.bucket("files").key("acme/a.txt"), RequestBody.fromString("hi"));
            assertThatThrownBy(() ->
                            client.putObject(r -> r.bucket("files").key("beta/a.txt"), RequestBody.fromString("hi")))
                    .isInstanceOf(S3Exception.class)
                    .satisfies(e -> assertThat(((S3Exception) e).statusCode()).isEqualTo(403))
                    .satisfies(
                            e -> assertThat(((S3Exception) e).awsErrorDetails().errorCode())
                                    .isEqualTo("AccessDenied"));
        }
        assertThat(received).singleElement().asString().startsWith("PUT /files/acme/a.txt");
    }

    @Test
    void s3ListingsAreAuthorizedOnTheirPrefix() {
        try (S3Client client = s3(SECRET)) {
            assertThatThrownBy(() -> client.listObjectsV2(r -> r.bucket("files")))
                    .isInstanceOf(S3Exception.class);
            assertThatThrownBy(() -> client.listObjectsV2(r -> r.bucket("files").prefix("beta/")))
                    .isInstanceOf(S3Exception.class);
        }
        assertThat(received).isEmpty();
    }

    @Test
    void aCopyFromAnotherFolderIsDenied() {
        try (S3Client client = s3(SECRET)) {
            assertThatThrownBy(() -> client.copyObject(r -> r.sourceBucket("files")
                            .sourceKey("beta/secret.txt")
                            .destinationBucket("files")
                            .destinationKey("acme/stolen.txt")))
                    .isInstanceOf(S3Exception.class);
        }
        assertThat(received).isEmpty();
    }

    @Test
    void aMultiObjectDeleteNamingAForeignKeyIsDenied() {
        try (S3Client client = s3(SECRET)) {
            assertThatThrownBy(() -> client.deleteObjects(r -> r.bucket("files")
                            .delete(d -> d.objects(List.of(
                                    ObjectIdentifier.builder().key("acme/a.txt").build(),
                                    ObjectIdentifier.builder().key("beta/b.txt").build())))))
                    .isInstanceOf(S3Exception.class);
        }
        assertThat(received).isEmpty();
    }

    @Test
    void anUnknownAccessKeyIsInvalidAccessKeyIdForS3() {
        try (S3Client client = S3Client.builder()
                .region(Region.US_EAST_1)
                .endpointOverride(gateway.s3Endpoint())
                .forcePathStyle(true)
                .httpClient(UrlConnectionHttpClient.create())
                .credentialsProvider(
                        StaticCredentialsProvider.create(AwsSessionCredentials.create("ASIAUNKNOWN", SECRET, TOKEN)))
                .build()) {
            assertThatThrownBy(() -> client.getObject(r -> r.bucket("files").key("acme/a.txt")))
                    .isInstanceOf(S3Exception.class)
                    .satisfies(
                            e -> assertThat(((S3Exception) e).awsErrorDetails().errorCode())
                                    .isEqualTo("InvalidAccessKeyId"));
        }
    }

    // ------------------------------------------------------------------ every operation to its IAM action

    @Test
    void objectSubResourcesAreAuthorizedAsTheirOwnActions() {
        try (S3Client client = s3(SECRET)) {
            client.getObjectAcl(r -> r.bucket("files").key("acme/a.txt"));
            client.putObjectAcl(r -> r.bucket("files").key("acme/a.txt").acl("private"));
            client.getObjectTagging(r -> r.bucket("files").key("acme/a.txt"));
            client.putObjectTagging(r -> r.bucket("files")
                    .key("acme/a.txt")
                    .tagging(t -> t.tagSet(software.amazon.awssdk.services.s3.model.Tag.builder()
                            .key("k")
                            .value("v")
                            .build())));
            client.deleteObjectTagging(r -> r.bucket("files").key("acme/a.txt"));
            client.getObject(r -> r.bucket("files").key("acme/a.txt").versionId("v1"), (resp, in) -> null);
            client.deleteObject(r -> r.bucket("files").key("acme/a.txt").versionId("v1"));
            client.getObjectRetention(r -> r.bucket("files").key("acme/a.txt"));
            client.getObjectLegalHold(r -> r.bucket("files").key("acme/a.txt"));
            client.abortMultipartUpload(r -> r.bucket("files").key("acme/a.txt").uploadId("u1"));
            client.listParts(r -> r.bucket("files").key("acme/a.txt").uploadId("u1"));
            client.restoreObject(r -> r.bucket("files").key("acme/a.txt"));
        }
        assertThat(authorized)
                .containsExactly(
                        "s3:GetObjectAcl arn:aws:s3:::files/acme/a.txt",
                        "s3:PutObjectAcl arn:aws:s3:::files/acme/a.txt",
                        "s3:GetObjectTagging arn:aws:s3:::files/acme/a.txt",
                        "s3:PutObjectTagging arn:aws:s3:::files/acme/a.txt",
                        "s3:DeleteObjectTagging arn:aws:s3:::files/acme/a.txt",
                        "s3:GetObjectVersion arn:aws:s3:::files/acme/a.txt",
                        "s3:DeleteObjectVersion arn:aws:s3:::files/acme/a.txt",
                        "s3:GetObjectRetention arn:aws:s3:::files/acme/a.txt",
                        "s3:GetObjectLegalHold arn:aws:s3:::files/acme/a.txt",
                        "s3:AbortMultipartUpload arn:aws:s3:::files/acme/a.txt",
                        "s3:ListMultipartUploadParts arn:aws:s3:::files/acme/a.txt",
                        "s3:RestoreObject arn:aws:s3:::files/acme/a.txt");
    }

    @Test
    void aCopyNeedsTheSourceAndAnAclHeaderItsOwnAction() {
        try (S3Client client = s3(SECRET)) {
            client.copyObject(r -> r.sourceBucket("files")
                    .sourceKey("acme/a.txt")
                    .sourceVersionId("v1")
                    .destinationBucket("files")
                    .destinationKey("acme/b.txt")
                    .acl("public-read"));
        }
        assertThat(authorized)
                .containsExactly(
                        "s3:PutObject arn:aws:s3:::files/acme/b.txt",
                        "s3:GetObjectVersion arn:aws:s3:::files/acme/a.txt",
                        "s3:PutObjectAcl arn:aws:s3:::files/acme/b.txt");
    }

    @Test
    void bucketSubResourcesAreAuthorizedAsTheirOwnActions() {
        try (S3Client client = s3(SECRET)) {
            for (Runnable call : List.<Runnable>of(
                    () -> client.getBucketPolicy(r -> r.bucket("files")),
                    () -> client.deleteBucketPolicy(r -> r.bucket("files")),
                    () -> client.getBucketAcl(r -> r.bucket("files")),
                    () -> client.getBucketVersioning(r -> r.bucket("files")),
                    () -> client.deleteBucketCors(r -> r.bucket("files")))) {
                assertThatThrownBy(call::run).isInstanceOf(S3Exception.class);
            }
        }
        assertThat(authorized)
                .containsExactly(
                        "s3:GetBucketPolicy arn:aws:s3:::files",
                        "s3:DeleteBucketPolicy arn:aws:s3:::files",
                        "s3:GetBucketAcl arn:aws:s3:::files",
                        "s3:GetBucketVersioning arn:aws:s3:::files",
                        "s3:PutBucketCORS arn:aws:s3:::files");
        assertThat(received).isEmpty();
    }

    @Test
    void anUnmappedS3RequestIsRefusedAsAccessDeniedXml() throws Exception {
        RawResponse response = rawS3("GET", "/files/acme/a.txt", "made-up-subresource=", Map.of());

        assertThat(response.status()).isEqualTo(403);
        assertThat(response.body()).contains("<Code>AccessDenied</Code>");
        assertThat(received).isEmpty();
        assertThat(authorized).isEmpty();
    }

    @Test
    void anUnmappedDynamoDbOperationIsRefusedAsAccessDeniedException() {
        try (DynamoDbClient client = dynamo(SECRET)) {
            assertThatThrownBy(() -> client.describeTable(r -> r.tableName("notes")))
                    .isInstanceOf(DynamoDbException.class);
            assertThat(authorized)
                    .containsExactly("dynamodb:DescribeTable arn:aws:dynamodb:us-east-1:000000000000:table/notes");
            authorized.clear();
            received.clear();
            assertThatThrownBy(
                            () -> client.executeStatement(r -> r.statement("SELECT * FROM notes WHERE pk = 'beta#1'")))
                    .isInstanceOf(DynamoDbException.class);
            assertThat(authorized)
                    .containsExactly("dynamodb:PartiQLSelect arn:aws:dynamodb:us-east-1:000000000000:table/notes");
            authorized.clear();
            assertThatThrownBy(() -> client.executeStatement(r -> r.statement("EXPLAIN something")))
                    .isInstanceOf(DynamoDbException.class)
                    .satisfies(e -> assertThat(
                                    ((DynamoDbException) e).awsErrorDetails().errorCode())
                            .isEqualTo("AccessDeniedException"));
        }
        assertThat(received).isEmpty();
        assertThat(authorized).isEmpty();
        assertThat(S3Requests.mappedOperations() + DynamoDbRequests.mappedOperations())
                .as("S3 %s + DynamoDB %s", S3Requests.mappedOperations(), DynamoDbRequests.mappedOperations())
                .isGreaterThanOrEqualTo(130);
    }

    @Test
    void anUnsignedAmzHeaderOnAPresignedRequestIsRefused() throws Exception {
        URI presigned;
        try (software.amazon.awssdk.services.s3.presigner.S3Presigner presigner =
                software.amazon.awssdk.services.s3.presigner.S3Presigner.builder()
                        .region(Region.US_EAST_1)
                        .endpointOverride(gateway.s3Endpoint())
                        .serviceConfiguration(software.amazon.awssdk.services.s3.S3Configuration.builder()
                                .pathStyleAccessEnabled(true)
                                .build())
                        .credentialsProvider(
                                StaticCredentialsProvider.create(AwsSessionCredentials.create(AKID, SECRET, TOKEN)))
                        .build()) {
            presigned = presigner
                    .presignPutObject(r -> r.signatureDuration(java.time.Duration.ofMinutes(5))
                            .putObjectRequest(p -> p.bucket("files").key("acme/up.txt")))
                    .url()
                    .toURI();
        }
        java.net.http.HttpClient http = java.net.http.HttpClient.newHttpClient();
        java.net.http.HttpResponse<String> ok = http.send(
                java.net.http.HttpRequest.newBuilder(presigned)
                        .PUT(java.net.http.HttpRequest.BodyPublishers.ofString("x"))
                        .build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());
        assertThat(ok.statusCode()).isEqualTo(200);
        received.clear();

        java.net.http.HttpResponse<String> copy = http.send(
                java.net.http.HttpRequest.newBuilder(presigned)
                        .header("x-amz-copy-source", "/files/beta/secret.txt")
                        .PUT(java.net.http.HttpRequest.BodyPublishers.ofString(""))
                        .build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());

        assertThat(copy.statusCode()).isEqualTo(403);
        assertThat(copy.body()).contains("AccessDenied");
        assertThat(received).isEmpty();
    }

    private record RawResponse(int status, String body) {}

    /** A request signed by hand with the SDK's SigV4 signer and sent as raw HTTP. */
    private static RawResponse rawS3(String method, String rawPath, String rawQuery, Map<String, String> headers)
            throws Exception {
        URI uri = URI.create(gateway.s3Endpoint() + rawPath + (rawQuery == null ? "" : "?" + rawQuery));
        software.amazon.awssdk.http.SdkHttpFullRequest.Builder request =
                software.amazon.awssdk.http.SdkHttpFullRequest.builder()
                        .method(software.amazon.awssdk.http.SdkHttpMethod.fromValue(method))
                        .uri(uri);
        headers.forEach(request::putHeader);
        software.amazon.awssdk.http.auth.spi.signer.SignedRequest signed =
                software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner.create()
                        .sign(r -> r.identity(software.amazon.awssdk.identity.spi.AwsSessionCredentialsIdentity.create(
                                        AKID, SECRET, TOKEN))
                                .request(request.build())
                                .payload(() -> new java.io.ByteArrayInputStream(new byte[0]))
                                .putProperty(
                                        software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner
                                                .SERVICE_SIGNING_NAME,
                                        "s3")
                                .putProperty(
                                        software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner.REGION_NAME,
                                        "us-east-1")
                                .putProperty(
                                        software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner.DOUBLE_URL_ENCODE,
                                        false)
                                .putProperty(
                                        software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner.NORMALIZE_PATH,
                                        false));
        java.net.http.HttpRequest.Builder http = java.net.http.HttpRequest.newBuilder(uri)
                .method(method, java.net.http.HttpRequest.BodyPublishers.noBody());
        signed.request().forEachHeader((name, values) -> {
            if (!name.equalsIgnoreCase("host")) {
                values.forEach(v -> http.header(name, v));
            }
        });
        java.net.http.HttpResponse<String> response = java.net.http.HttpClient.newHttpClient()
                .send(http.build(), java.net.http.HttpResponse.BodyHandlers.ofString());
        return new RawResponse(response.statusCode(), response.body());
    }

    private static software.amazon.awssdk.services.dynamodb.model.WriteRequest put(String pk) {
        return software.amazon.awssdk.services.dynamodb.model.WriteRequest.builder()
                .putRequest(p -> p.item(Map.of("pk", AttributeValue.fromS(pk))))
                .build();
    }
}
