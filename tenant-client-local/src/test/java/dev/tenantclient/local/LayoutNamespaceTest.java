/*
 * Copyright 2026 The tenant-client Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tenantclient.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tenantclient.TenantBoundaryException;
import dev.tenantclient.TenantBucket;
import dev.tenantclient.TenantClient;
import dev.tenantclient.TenantLayout;
import dev.tenantclient.TenantSession;
import dev.tenantclient.TenantTable;
import dev.tenantclient.doctor.DoctorReport;
import dev.tenantclient.doctor.Finding;
import dev.tenantclient.doctor.Finding.Severity;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.enhanced.dynamodb.Key;
import software.amazon.awssdk.enhanced.dynamodb.model.QueryConditional;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;

/**
 * Issue 16, hole 5: layouts that share a table or bucket must not address each other's keys. On the local stack's
 * old default role ({@code org()} and {@code user()} on every table and bucket), an org named like a user's
 * {@code sub} listed, read and deleted that user's folder, through TenantBucket itself and with raw credentials.
 * Now every deployment builder refuses overlapping layouts, the doctor reports them, and two layouts with distinct
 * literal prefixes share one stack (one role, table and bucket) without reaching each other.
 */
@ExtendWith(NoSecretsInLogs.class)
class LayoutNamespaceTest {

    /** Orgs under {@code o/}: partition keys {@code o#<org>#<id>}, folders {@code o/<org>/}. */
    static final TenantLayout ORGS = TenantLayout.builder()
            .tag("org", "custom:org")
            .partitionKeyPrefix("o#{org}#")
            .objectKeyPrefix("o/{org}/")
            .build();

    /** Users under {@code u/}: the partition key {@code u#<sub>}, folders {@code u/<sub>/}. */
    static final TenantLayout USERS = TenantLayout.builder()
            .tag("username", "sub")
            .partitionKeyEquals("u#{username}")
            .objectKeyPrefix("u/{username}/")
            .build();

    private static final String TABLE = "namespace-notes";
    private static final String BUCKET = "namespace-files";
    private static final String VICTIM_SUB = "u-4f1c2d";
    private static final String ORG_NAME = "acme-ns";

    /** Both layouts on one stack: one role, every table and bucket. */
    private static LocalTenantStack stack;

    private static TenantClient orgClient;
    private static TenantClient userClient;
    private static TenantSession victimUser;
    private static TenantSession victimOrg;

    @BeforeAll
    static void start() {
        assertThat(ORGS.overlaps(USERS))
                .as("the layouts under test are disjoint")
                .isFalse();
        stack = TestStacks.start(b -> b.layouts(ORGS, USERS));
        Tables.createNotes(stack, TABLE);
        stack.adminS3Client().createBucket(r -> r.bucket(BUCKET));
        orgClient = stack.clientBuilder().layout(ORGS).build();
        userClient = stack.clientBuilder().layout(USERS).build();

        victimUser = userClient.session(stack.issueToken("victims-org", VICTIM_SUB));
        victimUser.bucket(BUCKET).putObject("diary.txt", RequestBody.fromString("private"));
        String ownKey = USERS.partitionKeyPrefix(victimUser.tenant());
        victimUser.table(TABLE, Tables.NOTES).putItem(new Note(null, "1", ownKey, "private"));

        victimOrg = orgClient.session(stack.issueToken(ORG_NAME, "acme-owner"));
        victimOrg.bucket(BUCKET).putObject("plan.txt", RequestBody.fromString("acme's plan"));
        victimOrg.table(TABLE, Tables.NOTES).putItem(new Note("p-1", "1", "owner", "acme's plan"));
    }

    @AfterAll
    static void stop() {
        orgClient.close();
        userClient.close();
        stack.close();
    }

    // ------------------------------------------------------------------------- (a) overlapping layouts are refused

    @Test
    void theStackRefusesTheBuiltInOrgAndUserLayoutsTogether() {
        assertThatThrownBy(() -> LocalTenantStack.builder().layouts(TenantLayout.org(), TenantLayout.user()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("TenantLayout.org()")
                .hasMessageContaining("TenantLayout.user()")
                .hasMessageContaining("overlap")
                .hasMessageContaining("separate")
                .hasMessageContaining("o/{org}/")
                .hasMessageContaining("u/{username}/");
        assertThatThrownBy(() -> LocalTenantStack.builder().layouts(TenantLayout.user(), ORGS))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("overlap");
    }

    @Test
    void theStackRefusesACustomLayoutThatOverlapsOrg() {
        TenantLayout teams = TenantLayout.builder()
                .tag("team", "custom:team")
                .partitionKeyPrefix("{team}#")
                .objectKeyPrefix("{team}/")
                .build();

        assertThatThrownBy(() -> LocalTenantStack.builder().layouts(TenantLayout.org(), teams))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("overlap")
                .hasMessageContaining("{team}/");
    }

    @Test
    void theDefaultStackServesTheOrgLayoutOnly() {
        // one generated policy per layout (TokenExchangeTest checks the principal tags: org only)
        assertThat(TestStacks.shared().permissionPolicies(BUCKET)).hasSize(1);
    }

    // ------------------------------------------ (b) two disjoint layouts on one stack: org named like a user's sub

    @Test
    void anOrgNamedLikeAUsersSubCannotReachThatUsersObjectsThroughTheLibrary() {
        TenantSession attacker = orgClient.session(stack.issueToken(VICTIM_SUB, "mallory"));
        TenantBucket bucket = attacker.bucket(BUCKET);

        assertThat(bucket.listObjects(null).objects()).isEmpty();
        assertThatThrownBy(() -> bucket.getObjectAsBytes("diary.txt")).isInstanceOf(NoSuchKeyException.class);
        bucket.deleteObject("diary.txt");
        bucket.putObject("diary.txt", RequestBody.fromString("overwritten"));
        bucket.deleteObjects(java.util.List.of("diary.txt"));

        assertThat(victimUser.bucket(BUCKET).getObjectAsBytes("diary.txt").asUtf8String())
                .isEqualTo("private");
        assertThat(victimUser.bucket(BUCKET).listObjects(null).objects()).hasSize(1);
    }

    @Test
    void anOrgNamedLikeAUsersSubCannotReachThatUsersItemsThroughTheLibrary() {
        TenantTable<Note> table =
                orgClient.session(stack.issueToken(VICTIM_SUB, "mallory")).table(TABLE, Tables.NOTES);
        String victimKey = USERS.partitionKeyPrefix(victimUser.tenant());

        assertThat(table.getItem(key(VICTIM_SUB))).isNull();
        assertThat(table.query(QueryConditional.keyEqualTo(k -> k.partitionValue(VICTIM_SUB))).items().stream())
                .isEmpty();
        assertThatThrownBy(() -> table.getItem(key(victimKey))).isInstanceOf(TenantBoundaryException.class);
        assertThatThrownBy(() -> table.putItem(new Note(victimKey, "1", "owner", "overwritten")))
                .isInstanceOf(TenantBoundaryException.class);
        table.putItem(new Note(VICTIM_SUB, "1", "owner", "the attacker's own"));
        table.deleteItem(key(VICTIM_SUB));

        assertThat(victimUser.table(TABLE, Tables.NOTES).getItem(key(victimKey)).getText())
                .isEqualTo("private");
    }

    @Test
    void anOrgNamedLikeAUsersSubCannotReachThatUsersObjectsOrItemsWithRawCredentials() {
        TenantSession attacker = orgClient.session(stack.issueToken(VICTIM_SUB, "mallory"));
        String folder = USERS.objectKeyPrefix(victimUser.tenant());
        String partition = USERS.partitionKeyPrefix(victimUser.tenant());

        assertRawCallsDenied(attacker.credentialsProvider(), folder, "diary.txt", partition);

        assertThat(victimUser.bucket(BUCKET).getObjectAsBytes("diary.txt").asUtf8String())
                .isEqualTo("private");
        assertThat(victimUser.table(TABLE, Tables.NOTES).getItem(key(partition)).getText())
                .isEqualTo("private");
    }

    @Test
    void aUserWhoseSubIsAnOrgsNameCannotReachThatOrgsObjectsOrItems() {
        TenantSession attacker = userClient.session(stack.issueToken("x", ORG_NAME));
        TenantBucket bucket = attacker.bucket(BUCKET);
        TenantTable<Note> table = attacker.table(TABLE, Tables.NOTES);

        assertThat(bucket.listObjects(null).objects()).isEmpty();
        assertThatThrownBy(() -> bucket.getObjectAsBytes("plan.txt")).isInstanceOf(NoSuchKeyException.class);
        assertThat(table.getItem(key(USERS.partitionKeyPrefix(attacker.tenant()))))
                .isNull();
        assertThatThrownBy(() -> table.getItem(key("p-1"))).isInstanceOf(TenantBoundaryException.class);
        String folder = ORGS.objectKeyPrefix(victimOrg.tenant());
        String partition = ORGS.partitionKeyPrefix(victimOrg.tenant()) + "p-1";

        assertRawCallsDenied(attacker.credentialsProvider(), folder, "plan.txt", partition);

        assertThat(victimOrg.bucket(BUCKET).getObjectAsBytes("plan.txt").asUtf8String())
                .isEqualTo("acme's plan");
        assertThat(victimOrg.table(TABLE, Tables.NOTES).getItem(key("p-1")).getText())
                .isEqualTo("acme's plan");
    }

    // --------------------------------------------------------------------- (c) the doctor reports overlapping layouts

    @Test
    void theDoctorPassesTwoDisjointLayoutsOnOneDeployment() {
        DoctorReport report = stack.doctorBuilder()
                .table(TABLE, "byOwner")
                .bucket(BUCKET)
                .build()
                .examine();

        assertThat(report.findings()).as(report.describe()).isEmpty();
    }

    @Test
    void theDoctorReportsOverlappingLayoutsAsAnError() {
        DoctorReport report = TestStacks.shared()
                .doctorBuilder()
                .layout(TenantLayout.user())
                .table(TABLE)
                .bucket(BUCKET)
                .build()
                .examine();

        assertThat(report.passed()).isFalse();
        assertThat(report.findings())
                .as(report.describe())
                .filteredOn(f -> f.check().equals("layouts.overlap"))
                .singleElement()
                .satisfies(f -> {
                    assertThat(f.severity()).isEqualTo(Severity.ERROR);
                    assertThat(f.problem())
                            .contains(
                                    "TenantLayout.org()", "TenantLayout.user()", "table " + TABLE, "bucket " + BUCKET);
                    assertThat(f.fix()).contains("o/{org}/", "u/{username}/");
                });
        assertThat(TestStacks.shared()
                        .doctorBuilder()
                        .table(TABLE)
                        .bucket(BUCKET)
                        .build()
                        .examine()
                        .findings())
                .extracting(Finding::check)
                .doesNotContain("layouts.overlap");
    }

    private static Key key(String id) {
        return Key.builder().partitionValue(id).sortValue("1").build();
    }

    /** Every object and item call the attacker could make on the victim's folder and partition, denied by IAM. */
    private static void assertRawCallsDenied(
            AwsCredentialsProvider credentials, String folder, String object, String partition) {
        Map<String, AttributeValue> item =
                Map.of("id", AttributeValue.fromS(partition), "seq", AttributeValue.fromS("1"));
        try (S3Client s3 = S3Client.builder()
                        .region(LocalTenantStack.REGION)
                        .endpointOverride(stack.s3Endpoint())
                        .forcePathStyle(true)
                        .credentialsProvider(credentials)
                        .build();
                DynamoDbClient dynamo = DynamoDbClient.builder()
                        .region(LocalTenantStack.REGION)
                        .endpointOverride(stack.dynamoDbEndpoint())
                        .credentialsProvider(credentials)
                        .build()) {
            assertDenied(() -> s3.listObjectsV2(r -> r.bucket(BUCKET).prefix(folder)));
            assertDenied(() -> s3.getObject(r -> r.bucket(BUCKET).key(folder + object)));
            assertDenied(() -> s3.deleteObject(r -> r.bucket(BUCKET).key(folder + object)));
            assertDenied(
                    () -> s3.putObject(r -> r.bucket(BUCKET).key(folder + object), RequestBody.fromString("planted")));
            assertDenied(() -> dynamo.getItem(r -> r.tableName(TABLE).key(item)));
            assertDenied(() -> dynamo.putItem(r -> r.tableName(TABLE).item(item)));
            assertDenied(() -> dynamo.deleteItem(r -> r.tableName(TABLE).key(item)));
            assertDenied(() -> dynamo.query(r -> r.tableName(TABLE)
                    .keyConditionExpression("id = :id")
                    .expressionAttributeValues(Map.of(":id", AttributeValue.fromS(partition)))));
        }
    }

    private static void assertDenied(Runnable call) {
        assertThatThrownBy(call::run)
                .isInstanceOfSatisfying(
                        AwsServiceException.class,
                        e -> assertThat(e.awsErrorDetails().errorCode()).isIn("AccessDenied", "AccessDeniedException"));
    }
}
