/*
 * Copyright 2026 The tenant-client Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tenantclient.cdk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tenantclient.TenantClient;
import dev.tenantclient.TenantLayout;
import dev.tenantclient.TenantSession;
import dev.tenantclient.TenantTable;
import dev.tenantclient.doctor.DoctorReport;
import dev.tenantclient.doctor.Finding;
import dev.tenantclient.doctor.TenantDoctorCli;
import dev.tenantclient.local.LocalTenantStack;
import dev.tenantclient.local.TemplateDeployment;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import software.amazon.awscdk.App;
import software.amazon.awscdk.Stack;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.enhanced.dynamodb.Key;
import software.amazon.awssdk.enhanced.dynamodb.TableSchema;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * The construct's output, applied to the local stack's control plane with {@link TemplateDeployment}, passes
 * {@code TenantDoctor} with no findings; tenants isolated by the template's own policies (enforced by the IAM
 * gateway) cannot reach each other; and breaking the output one property at a time makes the doctor fail. One local
 * stack per layout (subclasses), one template.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class ByConstructionTest {

    static final String TABLE = "notes";
    static final String BUCKET = "isolation-files";

    LocalTenantStack stack;
    TenantClient client;
    JsonNode template;

    abstract TenantLayout layout();

    /** The tenant (org) and user of each of two tokens. */
    abstract String[][] tenants();

    /** A note's partition key as the application passes it to putItem (null where the layout fills it in). */
    abstract String applicationId(String id);

    /** A note's partition key as the application passes it to getItem. */
    abstract String applicationKey(String user, String id);

    /** The stored partition key of another tenant's note, for raw calls. */
    abstract String storedKeyOfOther(String id);

    /** The other tenant's folder. */
    abstract String otherFolder();

    @BeforeAll
    void deploy() {
        App app = new App();
        Stack cdk = new Stack(app, "Isolation");
        new TenantIsolation(
                cdk,
                "Tenants",
                TenantIsolationProps.builder()
                        .layout(layout())
                        .table(TenantTableSpec.builder()
                                .tableName(TABLE)
                                .partitionKey("id")
                                .sortKey("seq")
                                .tenantIndex("byOwner", "owner")
                                .build())
                        .bucket(TenantBucketSpec.builder().bucketName(BUCKET).build())
                        .build());
        template = Templates.of(cdk);
        stack = LocalTenantStack.builder().layouts(layout()).start();
        TemplateDeployment.apply(stack, template);
        client = stack.clientBuilder().layout(layout()).build();
    }

    @AfterAll
    void stop() {
        if (client != null) {
            client.close();
        }
        if (stack != null) {
            stack.close();
        }
    }

    @AfterEach
    void reapply() {
        TemplateDeployment.apply(stack, template);
    }

    DoctorReport examine() {
        return stack.doctorBuilder()
                .table(TABLE, "byOwner")
                .bucket(BUCKET)
                .build()
                .examine();
    }

    @Test
    void theDoctorFindsNothingInTheSynthesizedDeployment() {
        DoctorReport report = examine();

        assertThat(report.findings()).as(report.describe()).isEmpty();
        assertThat(report.passed()).isTrue();
    }

    @Test
    void tenantsWithTheSameIdsStayApartUnderTheTemplatesPolicies() {
        String[][] t = tenants();
        TenantSession first = client.session(stack.issueToken(t[0][0], t[0][1]));
        TenantSession second = client.session(stack.issueToken(t[1][0], t[1][1]));
        TenantTable<Note> firstNotes = first.table(TABLE, NOTES);
        TenantTable<Note> secondNotes = second.table(TABLE, NOTES);
        long deniedBefore = stack.gatewayDenied();

        firstNotes.putItem(new Note(applicationId("n-1"), "n-1", "first"));
        secondNotes.putItem(new Note(applicationId("n-1"), "n-1", "second"));
        first.bucket(BUCKET).putObject("same.txt", RequestBody.fromString("first"));
        second.bucket(BUCKET).putObject("same.txt", RequestBody.fromString("second"));

        assertThat(firstNotes
                        .getItem(key(applicationKey(t[0][1], "n-1"), "n-1"))
                        .getText())
                .isEqualTo("first");
        assertThat(secondNotes
                        .getItem(key(applicationKey(t[1][1], "n-1"), "n-1"))
                        .getText())
                .isEqualTo("second");
        assertThat(first.bucket(BUCKET).getObjectAsBytes("same.txt").asUtf8String())
                .isEqualTo("first");
        assertThat(second.bucket(BUCKET).getObjectAsBytes("same.txt").asUtf8String())
                .isEqualTo("second");

        // raw calls with the first tenant's own credentials, around the library: IAM (the template's policy) refuses
        AwsCredentialsProvider credentials = first.credentialsProvider();
        try (DynamoDbClient dynamo = DynamoDbClient.builder()
                        .region(LocalTenantStack.REGION)
                        .endpointOverride(stack.dynamoDbEndpoint())
                        .credentialsProvider(credentials)
                        .build();
                S3Client s3 = S3Client.builder()
                        .region(LocalTenantStack.REGION)
                        .endpointOverride(stack.s3Endpoint())
                        .forcePathStyle(true)
                        .credentialsProvider(credentials)
                        .build()) {
            assertDenied(
                    () -> dynamo.getItem(r -> r.tableName(TABLE)
                            .key(Map.of(
                                    "id", AttributeValue.fromS(storedKeyOfOther("n-1")),
                                    "seq", AttributeValue.fromS("n-1")))),
                    "AccessDeniedException");
            assertDenied(() -> dynamo.scan(r -> r.tableName(TABLE)), "AccessDeniedException");
            assertDenied(
                    () -> s3.getObjectAsBytes(r -> r.bucket(BUCKET).key(otherFolder() + "same.txt")), "AccessDenied");
            assertDenied(() -> s3.listObjectsV2(r -> r.bucket(BUCKET)), "AccessDenied");
        }
        assertThat(stack.gatewayDenied() - deniedBefore).isEqualTo(4);
    }

    @Test
    void theGatewayEnforcesTheTemplatesPolicyNotItsOwn() {
        // proof the isolation above rests on the applied template: the same template with Scan added lets a tenant
        // read every tenant's items, which is exactly what the doctor refuses
        TemplateDeployment.apply(stack, mutated(ByConstructionTest::addScan));
        TenantSession first = client.session(stack.issueToken(tenants()[0][0], tenants()[0][1]));
        try (DynamoDbClient dynamo = DynamoDbClient.builder()
                .region(LocalTenantStack.REGION)
                .endpointOverride(stack.dynamoDbEndpoint())
                .credentialsProvider(first.credentialsProvider())
                .build()) {
            dynamo.scan(r -> r.tableName(TABLE));
        }
        assertThat(examine().passed()).isFalse();
    }

    // --------------------------------------------------------------------------------------------- mutations

    /** A mutation of the synthesized template, and the doctor check it must trip. */
    record Mutation(String name, Consumer<JsonNode> change, String check, boolean orgOnly) {
        @Override
        public String toString() {
            return name;
        }
    }

    Stream<Arguments> mutations() {
        boolean tenantAttribute = layout().principalTags().values().stream().anyMatch(c -> c.startsWith("custom:"));
        return allMutations().filter(m -> tenantAttribute || !m.orgOnly()).map(Arguments::of);
    }

    static Stream<Mutation> allMutations() {
        return Stream.of(
                new Mutation("extra dynamodb:Scan", ByConstructionTest::addScan, "permissions.grants-more", false),
                new Mutation(
                        "no Null guard on LeadingKeys",
                        t -> statement(permissions(t), "TenantItems")
                                .withObject("Condition")
                                .remove("Null"),
                        "permissions.grants-more",
                        false),
                new Mutation(
                        "ListBucket without s3:prefix",
                        t -> statement(permissions(t), "TenantListing").remove("Condition"),
                        "permissions.grants-more",
                        false),
                new Mutation(
                        "missing sts:TagSession",
                        t -> removeText(
                                (ArrayNode) statement(trust(t), "CognitoIdentityPoolAuthenticated")
                                        .get("Action"),
                                "sts:TagSession"),
                        "trust.tag-session",
                        false),
                new Mutation(
                        "missing amr (guests could assume the role)",
                        t -> statement(trust(t), "CognitoIdentityPoolAuthenticated")
                                .withObject("Condition")
                                .remove("ForAnyValue:StringLike"),
                        "trust.amr",
                        false),
                new Mutation(
                        "missing amr pin, and the identity pool accepts another provider",
                        t -> {
                            statement(trust(t), "CognitoIdentityPoolAuthenticated")
                                    .withObject("Condition")
                                    .remove("ForAnyValue:StringEquals");
                            properties(t, "AWS::Cognito::IdentityPool")
                                    .putObject("SupportedLoginProviders")
                                    .put("accounts.google.com", "google-client");
                        },
                        "trust.amr-provider",
                        false),
                new Mutation(
                        "missing aud (any identity pool)",
                        t -> statement(trust(t), "CognitoIdentityPoolAuthenticated")
                                .withObject("Condition")
                                .remove("StringEquals"),
                        "trust.aud",
                        false),
                new Mutation(
                        "principal-tag map reset",
                        t -> properties(t, "AWS::Cognito::IdentityPoolPrincipalTag")
                                .putObject("PrincipalTags"),
                        "principal-tags.missing",
                        false),
                new Mutation(
                        "principal-tag map resource dropped",
                        t -> ((ObjectNode) t.get("Resources"))
                                .remove(Templates.onlyId(t, "AWS::Cognito::IdentityPoolPrincipalTag")),
                        "principal-tags.missing",
                        false),
                new Mutation(
                        "no authenticated role attached",
                        t -> ((ObjectNode) properties(t, "AWS::Cognito::IdentityPoolRoleAttachment")
                                        .get("Roles"))
                                .remove("authenticated"),
                        "identity-pool.no-authenticated-role",
                        false),
                new Mutation(
                        "mutable tenant attribute",
                        t -> ((ObjectNode) properties(t, "AWS::Cognito::UserPool")
                                        .get("Schema")
                                        .get(0))
                                .put("Mutable", true),
                        "user-pool.attribute-mutable",
                        true),
                new Mutation(
                        "app client may write the tenant attribute",
                        t -> ((ArrayNode) properties(t, "AWS::Cognito::UserPoolClient")
                                        .get("WriteAttributes"))
                                .add("custom:org"),
                        "user-pool.client-writes-attribute",
                        true));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("mutations")
    void eachBrokenPropertyFailsTheDoctor(Mutation mutation) {
        TemplateDeployment.apply(stack, mutated(mutation.change()));

        DoctorReport report = examine();

        assertThat(report.passed()).as(report.describe()).isFalse();
        assertThat(report.findings())
                .extracting(Finding::check)
                .as(report.describe())
                .contains(mutation.check());
    }

    @Test
    void scanAddedInsideTheGeneratedStatementStaysDeniedAndTheDoctorAgrees() {
        // the Null guard on dynamodb:LeadingKeys: a Scan has no leading keys, so the edited statement still refuses it
        TemplateDeployment.apply(
                stack,
                mutated(t ->
                        ((ArrayNode) statement(permissions(t), "TenantItems").get("Action")).add("dynamodb:Scan")));
        TenantSession first = client.session(stack.issueToken(tenants()[0][0], tenants()[0][1]));
        try (DynamoDbClient dynamo = DynamoDbClient.builder()
                .region(LocalTenantStack.REGION)
                .endpointOverride(stack.dynamoDbEndpoint())
                .credentialsProvider(first.credentialsProvider())
                .build()) {
            assertDenied(() -> dynamo.scan(r -> r.tableName(TABLE)), "AccessDeniedException");
        }
        DoctorReport report = examine();
        assertThat(report.findings()).as(report.describe()).isEmpty();
    }

    @Test
    void anotherProviderAloneIsOnlyAWarningBecauseTheAmrPinHolds() {
        TemplateDeployment.apply(
                stack,
                mutated(t -> properties(t, "AWS::Cognito::IdentityPool")
                        .putObject("SupportedLoginProviders")
                        .put("accounts.google.com", "google-client")));

        DoctorReport report = examine();

        assertThat(report.findings()).extracting(Finding::check).containsExactly("identity-pool.other-providers");
        assertThat(report.passed()).isTrue();
    }

    @Test
    void theCommandLineReportsTheDeploymentAsSarif() {
        List<String> args = List.of(
                "doctor",
                "--region",
                LocalTenantStack.REGION.id(),
                "--identity-pool",
                LocalTenantStack.IDENTITY_POOL_ID,
                "--user-pool",
                LocalTenantStack.USER_POOL_ID,
                "--client-id",
                LocalTenantStack.CLIENT_ID,
                "--layout",
                layout().equals(TenantLayout.org()) ? "org" : "user",
                "--table",
                TABLE + ":byOwner",
                "--bucket",
                BUCKET,
                "--endpoint-url",
                stack.deployment().endpoint().toString(),
                "--format",
                "sarif");
        String previousKey = System.setProperty("aws.accessKeyId", "LOCALADMIN");
        String previousSecret = System.setProperty("aws.secretAccessKey", "localadminsecret");
        try {
            ByteArrayOutputStream clean = new ByteArrayOutputStream();
            int cleanCode = TenantDoctorCli.run(args, new PrintStream(clean, true, StandardCharsets.UTF_8));
            JsonNode cleanLog = Templates.parse(clean.toString(StandardCharsets.UTF_8));
            assertThat(cleanCode).as(cleanLog.toString()).isZero();
            assertThat(cleanLog.path("version").asText()).isEqualTo("2.1.0");
            assertThat(cleanLog.path("runs").get(0).path("results")).isEmpty();

            TemplateDeployment.apply(
                    stack,
                    mutated(t -> properties(t, "AWS::Cognito::IdentityPoolPrincipalTag")
                            .putObject("PrincipalTags")));
            ByteArrayOutputStream broken = new ByteArrayOutputStream();
            int brokenCode = TenantDoctorCli.run(args, new PrintStream(broken, true, StandardCharsets.UTF_8));
            JsonNode run = Templates.parse(broken.toString(StandardCharsets.UTF_8))
                    .path("runs")
                    .get(0);
            assertThat(brokenCode).isEqualTo(1);
            assertThat(run.path("tool").path("driver").path("name").asText()).isEqualTo("tenant-client doctor");
            assertThat(run.path("results").findValuesAsText("ruleId")).contains("principal-tags.missing");
            assertThat(run.path("results").findValuesAsText("level")).contains("error");
        } finally {
            restore("aws.accessKeyId", previousKey);
            restore("aws.secretAccessKey", previousSecret);
        }
    }

    private static void restore(String property, String previous) {
        if (previous == null) {
            System.clearProperty(property);
        } else {
            System.setProperty(property, previous);
        }
    }

    // ------------------------------------------------------------------------------------------------ helpers

    JsonNode mutated(Consumer<JsonNode> change) {
        JsonNode copy = template.deepCopy();
        change.accept(copy);
        return copy;
    }

    /** An operator's "listing doesn't work" fix: its own statement allowing Scan on the tenants' table. */
    static void addScan(JsonNode t) {
        ObjectNode items = statement(permissions(t), "TenantItems");
        ObjectNode debug = ((ArrayNode) permissions(t).get("Statement")).addObject();
        debug.put("Sid", "Debug").put("Effect", "Allow").put("Action", "dynamodb:Scan");
        debug.set("Resource", items.get("Resource").get(0).deepCopy());
    }

    static ObjectNode properties(JsonNode t, String type) {
        return (ObjectNode) Templates.only(t, type).get("Properties");
    }

    static JsonNode role(JsonNode t) {
        return t.path("Resources").path(TenantIsolationTest.tenantRoleId(t)).path("Properties");
    }

    static JsonNode permissions(JsonNode t) {
        return role(t).path("Policies").get(0).path("PolicyDocument");
    }

    static JsonNode trust(JsonNode t) {
        return role(t).path("AssumeRolePolicyDocument");
    }

    static ObjectNode statement(JsonNode policy, String sid) {
        JsonNode statements = policy.get("Statement");
        for (JsonNode s : statements.isArray() ? statements : List.of(statements)) {
            if (sid.equals(s.path("Sid").asText())) {
                return (ObjectNode) s;
            }
        }
        throw new AssertionError("no statement " + sid + " in " + policy);
    }

    static void removeText(ArrayNode array, String text) {
        for (int i = array.size() - 1; i >= 0; i--) {
            if (array.get(i).asText().equals(text)) {
                array.remove(i);
            }
        }
    }

    static Key key(String user, String id) {
        return Key.builder().partitionValue(user).sortValue(id).build();
    }

    static void assertDenied(Runnable call, String code) {
        assertThatThrownBy(call::run)
                .isInstanceOfSatisfying(
                        AwsServiceException.class,
                        e -> assertThat(e.awsErrorDetails().errorCode()).isEqualTo(code));
    }

    static final TableSchema<Note> NOTES = TableSchema.fromBean(Note.class);

    static List<String> texts(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }
}
