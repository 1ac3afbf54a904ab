/*
 * Copyright 2026 The tenant-client Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tenantclient.cdk;

import static dev.tenantclient.cdk.Templates.flatten;
import static dev.tenantclient.cdk.Templates.only;
import static dev.tenantclient.cdk.Templates.onlyId;
import static dev.tenantclient.cdk.Templates.parse;
import static dev.tenantclient.cdk.Templates.resources;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tenantclient.TenantLayout;
import dev.tenantclient.policy.PolicyResources;
import dev.tenantclient.policy.TenantPolicies;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.App;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.services.cognito.UserPool;
import software.amazon.awscdk.services.cognito.UserPoolClient;
import software.amazon.awscdk.services.dynamodb.Table;
import software.amazon.awscdk.services.iam.Role;
import software.amazon.awscdk.services.iam.ServicePrincipal;
import software.amazon.awscdk.services.s3.Bucket;

/**
 * What {@link TenantIsolation} synthesizes, read with the CDK assertions library: every resource and property the
 * isolation rests on, for {@link TenantLayout#org()}, {@link TenantLayout#user()}, a custom layout, and adopted user
 * pools, tables and buckets. One app for the class: synthesis starts a node process, so it happens once.
 */
class TenantIsolationTest {

    private static final TenantLayout TEAM = TenantLayout.builder()
            .tag("team", "custom:team")
            .partitionKeyPrefix("{team}#")
            .objectKeyPrefix("{team}/")
            .build();

    private static JsonNode org;
    private static JsonNode user;
    private static JsonNode custom;
    private static JsonNode adopted;
    private static JsonNode adoptedPoolOnly;

    @BeforeAll
    static void synthesize() {
        App app = new App();

        Stack orgStack = new Stack(app, "Org");
        TenantIsolation orgIsolation = new TenantIsolation(
                orgStack,
                "Tenants",
                TenantIsolationProps.builder()
                        .layout(TenantLayout.org())
                        .table(TenantTableSpec.builder()
                                .tableName("notes")
                                .partitionKey("pk")
                                .sortKey("sk")
                                .tenantIndex("byAuthor", "authorKey", "createdAt")
                                .build())
                        .bucket(TenantBucketSpec.builder().build())
                        .build());
        // a grant elsewhere in the app (which would add Scan) must not widen the tenant role
        orgIsolation.table().grantReadWriteData(orgIsolation.authenticatedRole());
        Role service = Role.Builder.create(orgStack, "Service")
                .assumedBy(new ServicePrincipal("ecs-tasks.amazonaws.com"))
                .build();
        orgIsolation.grantIdentityIdStore(service);

        Stack userStack = new Stack(app, "User");
        new TenantIsolation(
                userStack,
                "Tenants",
                TenantIsolationProps.builder()
                        .layout(TenantLayout.user())
                        .table(TenantTableSpec.builder().partitionKey("owner").build())
                        .bucket(TenantBucketSpec.builder()
                                .bucketName("user-files-example")
                                .versioned(false)
                                .build())
                        .build());

        Stack customStack = new Stack(app, "Custom");
        new TenantIsolation(
                customStack,
                "Tenants",
                TenantIsolationProps.builder()
                        .layout(TEAM)
                        .table(TenantTableSpec.builder()
                                .tableName("tasks")
                                .partitionKey("pk")
                                .build())
                        .build());

        Stack adoptStack = new Stack(app, "Adopt");
        UserPool.fromUserPoolId(adoptStack, "Pool", "eu-west-1_AbCdEf123");
        new TenantIsolation(
                adoptStack,
                "Tenants",
                TenantIsolationProps.builder()
                        .layout(TenantLayout.org())
                        .userPool(UserPool.fromUserPoolId(adoptStack, "Existing", "eu-west-1_AbCdEf123"))
                        .userPoolClient(UserPoolClient.fromUserPoolClientId(adoptStack, "Client", "existingclient"))
                        .table(TenantTableSpec.existing(
                                Table.fromTableName(adoptStack, "Orders", "orders"), "byCustomer"))
                        .bucket(TenantBucketSpec.existing(Bucket.fromBucketName(adoptStack, "Files", "acme-files")))
                        .build());

        Stack poolOnlyStack = new Stack(app, "PoolOnly");
        new TenantIsolation(
                poolOnlyStack,
                "Tenants",
                TenantIsolationProps.builder()
                        .layout(TenantLayout.org())
                        .userPool(UserPool.fromUserPoolId(poolOnlyStack, "Existing", "eu-west-1_AbCdEf123"))
                        .bucket(TenantBucketSpec.existing(Bucket.fromBucketName(poolOnlyStack, "Files", "acme-files")))
                        .build());

        org = Templates.of(orgStack);
        user = Templates.of(userStack);
        custom = Templates.of(customStack);
        adopted = Templates.of(adoptStack);
        adoptedPoolOnly = Templates.of(poolOnlyStack);
    }

    // ------------------------------------------------------------------------------------------------ user pool

    @Test
    void theTenantAttributeIsImmutableAndOnlyTheBackEndCreatesUsers() {
        JsonNode pool = only(org, "AWS::Cognito::UserPool").path("Properties");

        assertThat(pool.path("Schema")).hasSize(1);
        JsonNode attribute = pool.path("Schema").get(0);
        assertThat(attribute.path("Name").asText()).isEqualTo("org");
        assertThat(attribute.path("Mutable").asBoolean(true)).isFalse();
        assertThat(attribute.path("AttributeDataType").asText()).isEqualTo("String");
        assertThat(pool.path("AdminCreateUserConfig")
                        .path("AllowAdminCreateUserOnly")
                        .asBoolean())
                .isTrue();
    }

    @Test
    void theAppClientReadsButCannotWriteTheTenantAttribute() {
        JsonNode client = only(org, "AWS::Cognito::UserPoolClient").path("Properties");

        assertThat(texts(client.path("WriteAttributes")))
                .isNotEmpty()
                .doesNotContain("custom:org")
                .allSatisfy(a -> assertThat(a).doesNotStartWith("custom:"));
        assertThat(texts(client.path("ReadAttributes"))).contains("custom:org");
        assertThat(client.path("GenerateSecret").asBoolean(false)).isFalse();
    }

    @Test
    void aCustomLayoutGetsItsOwnImmutableAttributeAndTagMap() {
        JsonNode attribute = only(custom, "AWS::Cognito::UserPool")
                .path("Properties")
                .path("Schema")
                .get(0);
        assertThat(attribute.path("Name").asText()).isEqualTo("team");
        assertThat(attribute.path("Mutable").asBoolean(true)).isFalse();
        assertThat(texts(only(custom, "AWS::Cognito::UserPoolClient")
                        .path("Properties")
                        .path("WriteAttributes")))
                .doesNotContain("custom:team");
        assertThat(only(custom, "AWS::Cognito::IdentityPoolPrincipalTag")
                        .path("Properties")
                        .path("PrincipalTags"))
                .isEqualTo(parse("{\"team\":\"custom:team\"}"));
        assertThat(resources(custom, "AWS::S3::Bucket")).isEmpty();
        assertThat(permissionPolicy(custom).toString()).contains("${aws:PrincipalTag/team}#*");
    }

    @Test
    void theUserLayoutNeedsNoCustomAttribute() {
        JsonNode pool = only(user, "AWS::Cognito::UserPool").path("Properties");

        assertThat(pool.path("Schema").isMissingNode() || pool.path("Schema").isEmpty())
                .as(pool.toString())
                .isTrue();
        assertThat(only(user, "AWS::Cognito::IdentityPoolPrincipalTag")
                        .path("Properties")
                        .path("PrincipalTags"))
                .isEqualTo(parse("{\"username\":\"sub\"}"));
    }

    @Test
    void aLayoutWhoseTenantClaimUsersChooseIsRefused() {
        TenantLayout email = TenantLayout.builder()
                .tag("org", "email")
                .partitionKeyPrefix("{org}#")
                .objectKeyPrefix("{org}/")
                .build();
        Stack stack = new Stack(new App(), "Refused");
        TenantIsolationProps props = TenantIsolationProps.builder()
                .layout(email)
                .bucket(TenantBucketSpec.builder().build())
                .build();

        assertThatThrownBy(() -> new TenantIsolation(stack, "Tenants", props))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'email'", "immutable custom attribute");
        assertThatThrownBy(() -> TenantIsolationProps.builder()
                        .layout(TenantLayout.org())
                        .build())
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("at least one table or bucket");
    }

    // -------------------------------------------------------------------------------------------- identity pool

    @Test
    void theIdentityPoolAcceptsOnlyTheUserPoolAndNoGuests() {
        JsonNode pool = only(org, "AWS::Cognito::IdentityPool").path("Properties");
        String userPool = onlyId(org, "AWS::Cognito::UserPool");
        String client = onlyId(org, "AWS::Cognito::UserPoolClient");

        assertThat(pool.path("AllowUnauthenticatedIdentities").asBoolean(true)).isFalse();
        assertThat(pool.path("AllowClassicFlow").asBoolean(true)).isFalse();
        assertThat(pool.has("SupportedLoginProviders")).isFalse();
        assertThat(pool.has("OpenIdConnectProviderARNs")).isFalse();
        assertThat(pool.has("SamlProviderARNs")).isFalse();
        assertThat(pool.has("DeveloperProviderName")).isFalse();
        assertThat(pool.path("CognitoIdentityProviders")).hasSize(1);
        JsonNode provider = pool.path("CognitoIdentityProviders").get(0);
        assertThat(provider.path("ProviderName"))
                .isEqualTo(parse("{\"Fn::GetAtt\":[\"" + userPool + "\",\"ProviderName\"]}"));
        assertThat(provider.path("ClientId")).isEqualTo(parse("{\"Ref\":\"" + client + "\"}"));
    }

    @Test
    void thePrincipalTagMapIsTheLayoutsWithoutDefaults() {
        JsonNode tags = only(org, "AWS::Cognito::IdentityPoolPrincipalTag").path("Properties");

        assertThat(tags.path("UseDefaults").asBoolean(true)).isFalse();
        assertThat(tags.path("PrincipalTags"))
                .isEqualTo(Templates.JSON.valueToTree(
                        TenantPolicies.of(TenantLayout.org()).principalTags()));
        assertThat(tags.path("IdentityPoolId"))
                .isEqualTo(parse("{\"Ref\":\"" + onlyId(org, "AWS::Cognito::IdentityPool") + "\"}"));
        assertThat(tags.path("IdentityProviderName"))
                .isEqualTo(
                        parse("{\"Fn::GetAtt\":[\"" + onlyId(org, "AWS::Cognito::UserPool") + "\",\"ProviderName\"]}"));
    }

    @Test
    void theRoleIsAttachedAsTheAuthenticatedRoleWithoutMappings() {
        JsonNode attachment =
                only(org, "AWS::Cognito::IdentityPoolRoleAttachment").path("Properties");

        assertThat(attachment.path("Roles").path("authenticated"))
                .isEqualTo(parse("{\"Fn::GetAtt\":[\"" + tenantRoleId(org) + "\",\"Arn\"]}"));
        assertThat(attachment.path("Roles").has("unauthenticated")).isFalse();
        assertThat(attachment.has("RoleMappings")).isFalse();
    }

    // ---------------------------------------------------------------------------------------------------- role

    @Test
    void theTrustPolicyIsTheGeneratedOneForThisIdentityPoolPinnedToTheUserPool() {
        String identityPool = onlyId(org, "AWS::Cognito::IdentityPool");
        String userPool = onlyId(org, "AWS::Cognito::UserPool");
        JsonNode trust = flatten(
                role(org).path("AssumeRolePolicyDocument"),
                (id, attribute) -> id.equals(identityPool) && attribute.equals("Ref")
                        ? "us-east-1:11111111-2222-4333-8444-555555555555"
                        : id.equals(userPool) && attribute.equals("ProviderName")
                                ? "cognito-idp.us-east-1.amazonaws.com/us-east-1_Pool"
                                : null);

        assertThat(trust)
                .isEqualTo(parse(TenantPolicies.toJson(TenantPolicies.of(TenantLayout.org())
                        .trustPolicy("us-east-1:11111111-2222-4333-8444-555555555555", "us-east-1_Pool"))));
        assertThat(trust.toString()).contains("sts:TagSession", "cognito-identity.amazonaws.com:amr", "authenticated");
    }

    @Test
    void thePermissionPolicyIsTheGeneratedOneForTheDeclaredTableIndexAndBucket() {
        String table = tenantTableId(org);
        String bucket = onlyId(org, "AWS::S3::Bucket");
        JsonNode policy = flatten(
                permissionPolicy(org),
                (id, attribute) -> !attribute.equals("Arn")
                        ? null
                        : id.equals(table)
                                ? "arn:aws:dynamodb:*:*:table/notes"
                                : id.equals(bucket) ? "arn:aws:s3:::files" : null);

        assertThat(policy)
                .isEqualTo(parse(TenantPolicies.toJson(TenantPolicies.of(TenantLayout.org())
                        .permissionPolicy(PolicyResources.builder()
                                .table("notes", "byAuthor")
                                .bucket("files")
                                .build()))));
        assertThat(policy.toString()).doesNotContain("dynamodb:Scan");
    }

    @Test
    void theUserLayoutsPolicyMatchesLeadingKeysExactly() {
        String table = onlyId(user, "AWS::DynamoDB::Table");
        JsonNode policy = flatten(
                permissionPolicy(user),
                (id, attribute) -> attribute.equals("Arn") && id.equals(table)
                        ? "arn:aws:dynamodb:*:*:table/owners"
                        : id.equals(onlyId(user, "AWS::S3::Bucket")) && attribute.equals("Arn")
                                ? "arn:aws:s3:::user-files-example"
                                : null);

        assertThat(policy)
                .isEqualTo(parse(TenantPolicies.toJson(TenantPolicies.of(TenantLayout.user())
                        .permissionPolicy(PolicyResources.builder()
                                .table("owners")
                                .bucket("user-files-example")
                                .build()))));
        assertThat(policy.toString()).contains("ForAllValues:StringEquals", "${aws:PrincipalTag/username}");
    }

    @Test
    void grantsToTheExposedRoleElsewhereInTheAppChangeNothing() {
        // orgIsolation.table().grantReadWriteData(authenticatedRole()) ran in synthesize()
        assertThat(resources(org, "AWS::IAM::Policy"))
                .allSatisfy(p -> assertThat(
                                p.getValue().path("Properties").path("Roles").toString())
                        .doesNotContain(tenantRoleId(org)));
        assertThat(role(org).has("ManagedPolicyArns")).isFalse();
        assertThat(role(org).path("Policies")).hasSize(1);
    }

    @Test
    void aServiceRoleIsGrantedTheIdentityIdStoreAndTheTenantRoleIsNot() {
        String store = resources(org, "AWS::DynamoDB::Table").stream()
                .map(Map.Entry::getKey)
                .filter(id -> id.contains("IdentityIdStore"))
                .findFirst()
                .orElseThrow();
        JsonNode table = org.path("Resources").path(store).path("Properties");
        assertThat(table.path("KeySchema")).isEqualTo(parse("[{\"AttributeName\":\"user\",\"KeyType\":\"HASH\"}]"));

        JsonNode policy = only(org, "AWS::IAM::Policy").path("Properties");
        assertThat(policy.path("Roles").toString()).contains("Service");
        JsonNode statement = policy.path("PolicyDocument").path("Statement").get(0);
        assertThat(texts(statement.path("Action")))
                .containsExactlyInAnyOrder("dynamodb:GetItem", "dynamodb:PutItem", "dynamodb:DeleteItem");
        assertThat(statement.path("Resource")).isEqualTo(parse("{\"Fn::GetAtt\":[\"" + store + "\",\"Arn\"]}"));
        assertThat(permissionPolicy(org).toString()).doesNotContain(store);
    }

    // ---------------------------------------------------------------------------------------------------- data

    @Test
    void theTableHasStringKeysAndTheDeclaredTenantIndex() {
        JsonNode table = org.path("Resources").path(tenantTableId(org)).path("Properties");

        assertThat(table.path("TableName").asText()).isEqualTo("notes");
        assertThat(table.path("KeySchema"))
                .isEqualTo(parse("[{\"AttributeName\":\"pk\",\"KeyType\":\"HASH\"},"
                        + "{\"AttributeName\":\"sk\",\"KeyType\":\"RANGE\"}]"));
        assertThat(table.path("AttributeDefinitions").findValuesAsText("AttributeType"))
                .containsOnly("S");
        assertThat(table.path("BillingMode").asText()).isEqualTo("PAY_PER_REQUEST");
        assertThat(table.path("SSESpecification").path("SSEEnabled").asBoolean())
                .isTrue();
        assertThat(table.path("PointInTimeRecoverySpecification")
                        .path("PointInTimeRecoveryEnabled")
                        .asBoolean())
                .isTrue();
        assertThat(table.path("GlobalSecondaryIndexes")).hasSize(1);
        JsonNode index = table.path("GlobalSecondaryIndexes").get(0);
        assertThat(index.path("IndexName").asText()).isEqualTo("byAuthor");
        assertThat(index.path("KeySchema"))
                .isEqualTo(parse("[{\"AttributeName\":\"authorKey\",\"KeyType\":\"HASH\"},"
                        + "{\"AttributeName\":\"createdAt\",\"KeyType\":\"RANGE\"}]"));
        assertThat(org.path("Resources")
                        .path(tenantTableId(org))
                        .path("DeletionPolicy")
                        .asText())
                .isEqualTo("Retain");
    }

    @Test
    void theBucketBlocksPublicAccessIsEncryptedAndRefusesPlainHttp() {
        String bucketId = onlyId(org, "AWS::S3::Bucket");
        JsonNode bucket = org.path("Resources").path(bucketId).path("Properties");

        assertThat(bucket.path("PublicAccessBlockConfiguration"))
                .isEqualTo(parse("{\"BlockPublicAcls\":true,\"BlockPublicPolicy\":true,"
                        + "\"IgnorePublicAcls\":true,\"RestrictPublicBuckets\":true}"));
        assertThat(bucket.path("BucketEncryption").toString()).contains("AES256");
        assertThat(bucket.path("VersioningConfiguration").path("Status").asText())
                .isEqualTo("Enabled");
        assertThat(bucket.path("OwnershipControls").toString()).contains("BucketOwnerEnforced");

        JsonNode policy = only(org, "AWS::S3::BucketPolicy").path("Properties");
        assertThat(policy.path("Bucket")).isEqualTo(parse("{\"Ref\":\"" + bucketId + "\"}"));
        List<JsonNode> denials = new ArrayList<>();
        policy.path("PolicyDocument").path("Statement").forEach(denials::add);
        assertThat(denials)
                .allSatisfy(s -> assertThat(s.path("Effect").asText()).isEqualTo("Deny"));
        assertThat(policy.toString())
                .contains("\"aws:SecureTransport\":\"false\"")
                .contains("\"s3:TlsVersion\":1.2");
        // a user layout's named, unversioned bucket keeps every protection but versioning
        JsonNode userBucket = only(user, "AWS::S3::Bucket").path("Properties");
        assertThat(userBucket.path("BucketName").asText()).isEqualTo("user-files-example");
        assertThat(userBucket.has("VersioningConfiguration")).isFalse();
        assertThat(userBucket
                        .path("PublicAccessBlockConfiguration")
                        .path("RestrictPublicBuckets")
                        .asBoolean())
                .isTrue();
    }

    // ------------------------------------------------------------------------------------------------ adoption

    @Test
    void adoptingAUserPoolAndClientCreatesOnlyTheIdentitySide() {
        assertThat(resources(adopted, "AWS::Cognito::UserPool")).isEmpty();
        assertThat(resources(adopted, "AWS::Cognito::UserPoolClient")).isEmpty();
        assertThat(resources(adopted, "AWS::DynamoDB::Table")).isEmpty();
        assertThat(resources(adopted, "AWS::S3::Bucket")).isEmpty();
        assertThat(resources(adopted, "AWS::Cognito::IdentityPool")).hasSize(1);

        JsonNode provider = only(adopted, "AWS::Cognito::IdentityPool")
                .path("Properties")
                .path("CognitoIdentityProviders")
                .get(0);
        assertThat(flatten(provider.path("ProviderName"), Templates::pseudo).asText())
                .isEqualTo("cognito-idp.us-east-1.amazonaws.com/eu-west-1_AbCdEf123");
        assertThat(provider.path("ClientId").asText()).isEqualTo("existingclient");
        assertThat(flatten(
                                only(adopted, "AWS::Cognito::IdentityPoolPrincipalTag")
                                        .path("Properties")
                                        .path("IdentityProviderName"),
                                Templates::pseudo)
                        .asText())
                .endsWith("/eu-west-1_AbCdEf123");

        String policy = flatten(permissionPolicy(adopted), Templates::pseudo).toString();
        assertThat(policy)
                .contains(
                        "arn:aws:dynamodb:us-east-1:123456789012:table/orders\"",
                        "arn:aws:dynamodb:us-east-1:123456789012:table/orders/index/byCustomer",
                        "arn:aws:s3:::acme-files/${aws:PrincipalTag/org}/*");
    }

    @Test
    void adoptingOnlyTheUserPoolCreatesAClientThatCannotWriteTheTenant() {
        assertThat(resources(adoptedPoolOnly, "AWS::Cognito::UserPool")).isEmpty();
        JsonNode client = only(adoptedPoolOnly, "AWS::Cognito::UserPoolClient").path("Properties");

        assertThat(client.path("UserPoolId").asText()).isEqualTo("eu-west-1_AbCdEf123");
        assertThat(texts(client.path("WriteAttributes"))).doesNotContain("custom:org");
        assertThat(resources(adoptedPoolOnly, "AWS::DynamoDB::Table")).isEmpty();
        assertThat(permissionPolicy(adoptedPoolOnly).toString()).doesNotContain("dynamodb");
    }

    // ------------------------------------------------------------------------------------------------- helpers

    static String tenantRoleId(JsonNode template) {
        return resources(template, "AWS::IAM::Role").stream()
                .filter(e -> e.getValue().path("Properties").has("Policies"))
                .map(Map.Entry::getKey)
                .findFirst()
                .orElseThrow();
    }

    static String tenantTableId(JsonNode template) {
        return resources(template, "AWS::DynamoDB::Table").stream()
                .map(Map.Entry::getKey)
                .filter(id -> !id.contains("IdentityIdStore"))
                .findFirst()
                .orElseThrow();
    }

    static JsonNode role(JsonNode template) {
        return template.path("Resources").path(tenantRoleId(template)).path("Properties");
    }

    static JsonNode permissionPolicy(JsonNode template) {
        return role(template).path("Policies").get(0).path("PolicyDocument");
    }

    static List<String> texts(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }
}
