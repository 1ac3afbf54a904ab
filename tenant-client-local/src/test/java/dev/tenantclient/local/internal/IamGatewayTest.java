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

    private static software.amazon.awssdk.services.dynamodb.model.WriteRequest put(String pk) {
        return software.amazon.awssdk.services.dynamodb.model.WriteRequest.builder()
                .putRequest(p -> p.item(Map.of("pk", AttributeValue.fromS(pk))))
                .build();
    }
}
