/*
 * Copyright 2026 The tenant-client Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tenantclient.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tenantclient.InvalidTenantTokenException;
import dev.tenantclient.Tenant;
import dev.tenantclient.TenantClient;
import dev.tenantclient.TenantLayout;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import software.amazon.awssdk.auth.credentials.AnonymousCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.cognitoidentity.CognitoIdentityClient;
import software.amazon.awssdk.services.cognitoidentity.model.Credentials;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * Issue 16, hole 4: a tenant value the library refuses must be refused by IAM too, because anyone holding a valid ID
 * token can exchange it with the identity pool directly (a public endpoint) and call S3 and DynamoDB with the raw
 * credentials. A user whose claim is {@code globex/reports} gets the principal tag {@code org=globex/reports}; without
 * the generated policy's Deny statements, {@code bucket/${aws:PrincipalTag/org}/*} would cover globex's
 * {@code reports/} folder.
 */
@ExtendWith(NoSecretsInLogs.class)
class UnsafeTagValueTest {

    private static final String TABLE = "unsafe-tag-notes";
    private static final String BUCKET = "unsafe-tag-files";
    /** org() on the shared stack; the {@code sub} claim's layout, user(), overlaps it and has a stack of its own. */
    private static LocalTenantStack orgStack;

    private static LocalTenantStack userStack;

    /** Each stack's Cognito emulator, as any user can call it. */
    private static final Map<LocalTenantStack, CognitoIdentityClient> cognito = new HashMap<>();

    @BeforeAll
    static void start() {
        orgStack = TestStacks.shared();
        userStack = TestStacks.user();
        for (LocalTenantStack stack : List.of(orgStack, userStack)) {
            Tables.createNotes(stack, TABLE);
            stack.adminS3Client().createBucket(r -> r.bucket(BUCKET));
            cognito.put(
                    stack,
                    CognitoIdentityClient.builder()
                            .region(LocalTenantStack.REGION)
                            .endpointOverride(stack.cognitoEndpoint())
                            .credentialsProvider(AnonymousCredentialsProvider.create())
                            .build());
        }
        try (TenantClient client = orgStack.clientBuilder().build()) {
            client.session(orgStack.issueToken("globex", "globex-owner"))
                    .bucket(BUCKET)
                    .putObject("reports/q1.txt", RequestBody.fromString("globex's report"));
        }
        try (TenantClient client =
                userStack.clientBuilder().layout(TenantLayout.user()).build()) {
            client.session(userStack.issueToken("globex", "globex-owner"))
                    .bucket(BUCKET)
                    .putObject("reports/q1.txt", RequestBody.fromString("globex's report"));
        }
    }

    @AfterAll
    static void stop() {
        cognito.values().forEach(CognitoIdentityClient::close);
    }

    /** STS's session-tag value rule (AssumeRoleWithWebIdentity, Tag.Value). */
    private static final java.util.regex.Pattern STS_TAG_VALUE =
            java.util.regex.Pattern.compile("[\\p{L}\\p{Z}\\p{N}_.:/=+\\-@]{0,256}");

    /** The claim values STS would tag but the library refuses: the layout's separators, dot segments, spaces. */
    static Stream<Arguments> unsafeClaims() {
        return Stream.of(
                Arguments.of("custom:org", "globex/reports"),
                Arguments.of("custom:org", "globex#reports"),
                Arguments.of("custom:org", ".."),
                Arguments.of("custom:org", "."),
                Arguments.of("custom:org", "globex reports"),
                Arguments.of("custom:org", "globex\u2028reports"),
                Arguments.of("custom:org", "g".repeat(129)),
                Arguments.of("sub", "globex-owner/reports"));
    }

    @ParameterizedTest(name = "{0} = {1}")
    @MethodSource("unsafeClaims")
    void rawCredentialsOfAnUnsafeClaimAreDeniedEverywhere(String claim, String value) {
        LocalTenantStack stack = "sub".equals(claim) ? userStack : orgStack;
        String token = stack.tokens()
                .token("sub".equals(claim) ? value : "mallory")
                .org("sub".equals(claim) ? "mallory-org" : value)
                .build();
        String tag = "sub".equals(claim) ? "username" : "org";
        TenantLayout layout = "sub".equals(claim) ? TenantLayout.user() : TenantLayout.org();
        Map<String, String> claims = new HashMap<>(Map.of("sub", "mallory"));
        claims.put(claim, value);
        assertThatThrownBy(() -> layout.tenantFromClaims(claims))
                .as("the library refuses it")
                .isInstanceOf(InvalidTenantTokenException.class);

        if (!STS_TAG_VALUE.matcher(value).matches()) {
            // '#' is no session-tag character: Cognito (the emulator, as AWS) refuses the exchange itself
            assertThatThrownBy(() -> exchangeDirectly(stack, token))
                    .as("Cognito refuses a claim that is no valid session tag")
                    .isInstanceOf(
                            software.amazon.awssdk.services.cognitoidentity.model.InvalidParameterException.class);
            return;
        }
        StaticCredentialsProvider raw = StaticCredentialsProvider.create(exchangeDirectly(stack, token));
        String folder = layout.iamObjectKeyPrefix().replace("${aws:PrincipalTag/" + tag + "}", value);
        // the tenant whose folder the value would widen into: org globex, or user globex-owner
        String victim = "sub".equals(claim) ? "globex-owner" : "globex";
        String victimFolder = layout.objectKeyPrefix(new Tenant(victim, victim, Map.of(tag, victim)));
        String partition = layout.iamLeadingKeyPattern()
                .replace("${aws:PrincipalTag/" + tag + "}", value)
                .replace("*", "x");
        try (S3Client s3 = S3Client.builder()
                        .region(LocalTenantStack.REGION)
                        .endpointOverride(stack.s3Endpoint())
                        .forcePathStyle(true)
                        .credentialsProvider(raw)
                        .build();
                DynamoDbClient dynamo = DynamoDbClient.builder()
                        .region(LocalTenantStack.REGION)
                        .endpointOverride(stack.dynamoDbEndpoint())
                        .credentialsProvider(raw)
                        .build()) {
            for (String key :
                    new String[] {folder + "q1.txt", folder + "reports/q1.txt", victimFolder + "reports/q1.txt"}) {
                assertDenied(() -> s3.getObject(r -> r.bucket(BUCKET).key(key)));
                assertDenied(() -> s3.putObject(r -> r.bucket(BUCKET).key(key), RequestBody.fromString("planted")));
                assertDenied(() -> s3.deleteObject(r -> r.bucket(BUCKET).key(key)));
            }
            assertDenied(() -> s3.listObjectsV2(r -> r.bucket(BUCKET).prefix(folder)));
            assertDenied(() -> s3.listObjectsV2(r -> r.bucket(BUCKET).prefix(victimFolder)));
            for (String id : new String[] {partition, "globex#reports#x", "globex#x", "globex-owner"}) {
                Map<String, AttributeValue> item =
                        Map.of("id", AttributeValue.fromS(id), "seq", AttributeValue.fromS("0"));
                assertDenied(() -> dynamo.getItem(r -> r.tableName(TABLE).key(item)));
                assertDenied(() -> dynamo.putItem(r -> r.tableName(TABLE).item(item)));
            }
        }
        assertThat(stack.adminS3Client()
                        .getObjectAsBytes(r -> r.bucket(BUCKET).key(victimFolder + "reports/q1.txt"))
                        .asUtf8String())
                .isEqualTo("globex's report");
    }

    /** What any user can do with their own ID token: GetId and GetCredentialsForIdentity, no service involved. */
    private static AwsSessionCredentials exchangeDirectly(LocalTenantStack stack, String token) {
        Map<String, String> logins = Map.of(stack.tokens().providerName(), token);
        CognitoIdentityClient client = cognito.get(stack);
        String identityId = client.getId(
                        r -> r.identityPoolId(LocalTenantStack.IDENTITY_POOL_ID).logins(logins))
                .identityId();
        Credentials c = client.getCredentialsForIdentity(
                        r -> r.identityId(identityId).logins(logins))
                .credentials();
        return AwsSessionCredentials.create(c.accessKeyId(), c.secretKey(), c.sessionToken());
    }

    private static void assertDenied(Runnable call) {
        assertThatThrownBy(call::run)
                .isInstanceOfSatisfying(
                        AwsServiceException.class,
                        e -> assertThat(e.awsErrorDetails().errorCode()).isIn("AccessDenied", "AccessDeniedException"));
    }
}
