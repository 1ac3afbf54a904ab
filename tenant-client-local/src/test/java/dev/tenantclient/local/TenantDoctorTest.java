/*
 * Copyright 2026 The tenant-client Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tenantclient.local;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tenantclient.TenantLayout;
import dev.tenantclient.doctor.DoctorReport;
import dev.tenantclient.doctor.Finding;
import dev.tenantclient.doctor.Finding.Severity;
import dev.tenantclient.doctor.TenantDoctor;
import dev.tenantclient.doctor.TenantDoctorCli;
import dev.tenantclient.policy.PolicyResources;
import dev.tenantclient.policy.TenantPolicies;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.s3.model.BucketAlreadyOwnedByYouException;

/**
 * {@link TenantDoctor} against the local stack's control plane: the correct deployment has no findings; each
 * misconfiguration, introduced alone, yields exactly its finding; a read the doctor may not make is "could not
 * check", never a pass or a crash.
 */
class TenantDoctorTest {

    private static final String BUCKET = "doctor-files";
    private static LocalTenantStack stack;

    @BeforeAll
    static void start() {
        stack = TestStacks.shared();
        try {
            stack.adminS3Client().createBucket(b -> b.bucket(BUCKET));
        } catch (BucketAlreadyOwnedByYouException alreadyThere) {
            // another run of this class in the same JVM
        }
    }

    @AfterEach
    void repair() {
        stack.deployment().reset();
    }

    @AfterAll
    static void cleanUp() {
        stack.deployment().reset();
    }

    private static DoctorReport examine() {
        return stack.doctorBuilder()
                .table("notes", "byAuthor")
                .bucket(BUCKET)
                .build()
                .examine();
    }

    private static Finding only(DoctorReport report) {
        assertThat(report.findings()).as(report.describe()).hasSize(1);
        return report.findings().get(0);
    }

    @Test
    void theStacksOwnDeploymentHasNoFindings() {
        DoctorReport report = examine();

        assertThat(report.findings()).as(report.describe()).isEmpty();
        assertThat(report.passed()).isTrue();
        assertThat(report.describe()).contains("no findings");
    }

    @Test
    void aMutableTenantAttributeIsAnError() {
        stack.deployment().attributeMutable("custom:org", true);

        Finding finding = only(examine());

        assertThat(finding.severity()).isEqualTo(Severity.ERROR);
        assertThat(finding.check()).isEqualTo("user-pool.attribute-mutable");
        assertThat(finding.problem()).contains("custom:org", LocalTenantStack.USER_POOL_ID);
    }

    @Test
    void aMissingTenantAttributeIsAnError() {
        stack.deployment().removeAttribute("custom:org");

        Finding finding = only(examine());

        assertThat(finding.severity()).isEqualTo(Severity.ERROR);
        assertThat(finding.check()).isEqualTo("user-pool.attribute-missing");
    }

    @Test
    void anAppClientThatMayWriteTheTenantAttributeIsAnError() {
        stack.deployment().appClient("support-console", "email", "custom:org");

        DoctorReport report = examine();
        Finding finding = only(report);

        assertThat(report.passed()).isFalse();
        assertThat(finding.check()).isEqualTo("user-pool.client-writes-attribute");
        assertThat(finding.problem()).contains("support-console", "custom:org");
        assertThat(finding.why()).contains("UpdateUserAttributes");
    }

    @Test
    void aPrincipalTagMapWithoutTheTenantTagIsAnError() {
        stack.deployment().principalTags(Map.of("username", "sub"));

        Finding finding = only(examine());

        assertThat(finding.severity()).isEqualTo(Severity.ERROR);
        assertThat(finding.check()).isEqualTo("principal-tags.missing");
        assertThat(finding.problem()).contains("'custom:org'", "'org'");
    }

    @Test
    void aPrincipalTagMappedFromAnotherClaimIsAnError() {
        stack.deployment().principalTags(Map.of("org", "email", "username", "sub"));

        Finding finding = only(examine());

        assertThat(finding.check()).isEqualTo("principal-tags.wrong-claim");
        assertThat(finding.problem()).contains("'email'", "'custom:org'");
    }

    @Test
    void aTrustPolicyWithoutTagSessionIsAnError() {
        stack.deployment()
                .trustPolicy(trust("\"sts:AssumeRoleWithWebIdentity\"", audCondition() + "," + amrCondition()));

        Finding finding = only(examine());

        assertThat(finding.check()).isEqualTo("trust.tag-session");
        assertThat(finding.fix()).contains("sts:TagSession");
    }

    @Test
    void aTrustPolicyWithoutAudIsAnError() {
        stack.deployment().trustPolicy(trust(actions(), amrCondition()));

        Finding finding = only(examine());

        assertThat(finding.check()).isEqualTo("trust.aud");
        assertThat(finding.why()).contains("any identity pool");
    }

    @Test
    void aTrustPolicyWithoutAmrIsAnError() {
        stack.deployment().trustPolicy(trust(actions(), audCondition()));

        Finding finding = only(examine());

        assertThat(finding.check()).isEqualTo("trust.amr");
    }

    @Test
    void addingScanToTheRoleIsFoundByWhatItGrants() {
        stack.deployment()
                .putRolePolicy(
                        "ops-debugging",
                        policy("{\"Sid\":\"Debug\",\"Effect\":\"Allow\",\"Action\":\"dynamodb:Scan\","
                                + "\"Resource\":\"arn:aws:dynamodb:us-east-1:000000000000:table/*\"}"));

        Finding finding = only(examine());

        assertThat(finding.severity()).isEqualTo(Severity.ERROR);
        assertThat(finding.check()).isEqualTo("permissions.grants-more");
        assertThat(finding.problem())
                .contains("inline policy ops-debugging (Debug)", "dynamodb:Scan on table notes")
                .doesNotContain("GetItem");
    }

    @Test
    void s3StarOnTheWholeBucketIsFoundInAManagedPolicy() {
        stack.deployment()
                .attachPolicy(
                        "FilesFullAccess",
                        policy("{\"Sid\":\"All\",\"Effect\":\"Allow\",\"Action\":\"s3:*\",\"Resource\":[\"arn:aws:s3:::"
                                + BUCKET + "\",\"arn:aws:s3:::" + BUCKET + "/*\"]}"));

        Finding finding = only(examine());

        assertThat(finding.check()).isEqualTo("permissions.grants-more");
        assertThat(finding.problem())
                .contains(
                        "managed policy FilesFullAccess (All)",
                        "s3:GetObject in another tenant's folder",
                        "s3:ListBucket without s3:prefix",
                        "s3:PutBucketPolicy");
    }

    @Test
    void listBucketWithoutAPrefixConditionIsFound() {
        stack.deployment()
                .putRolePolicy(
                        "listing",
                        policy(
                                "{\"Sid\":\"List\",\"Effect\":\"Allow\",\"Action\":\"s3:ListBucket\",\"Resource\":\"arn:aws:s3:::"
                                        + BUCKET + "\"}"));

        Finding finding = only(examine());

        assertThat(finding.problem())
                .contains("s3:ListBucket of another tenant's folder", "s3:ListBucket without s3:prefix")
                .doesNotContain("own folder");
    }

    @Test
    void aTenantPrefixWithoutItsSeparatorIsFound() {
        // the classic slip: "${aws:PrincipalTag/org}*" instead of "${aws:PrincipalTag/org}/*"
        stack.deployment()
                .putRolePolicy(
                        "sloppy",
                        policy("{\"Sid\":\"Sloppy\",\"Effect\":\"Allow\",\"Action\":\"s3:GetObject\","
                                + "\"Resource\":\"arn:aws:s3:::" + BUCKET + "/${aws:PrincipalTag/org}*\"}"));

        Finding finding = only(examine());

        assertThat(finding.problem()).contains("s3:GetObject in a folder that merely starts with the tenant's name");
    }

    @Test
    void leadingKeysWithForAllValuesAndNoNullGuardIsFound() {
        // ForAllValues is vacuously true for a request without leading keys
        stack.deployment()
                .putRolePolicy(
                        "vacuous",
                        policy(
                                "{\"Sid\":\"Vacuous\",\"Effect\":\"Allow\",\"Action\":\"dynamodb:*\","
                                        + "\"Resource\":\"arn:aws:dynamodb:us-east-1:000000000000:table/notes\",\"Condition\":"
                                        + "{\"ForAllValues:StringLike\":{\"dynamodb:LeadingKeys\":[\"${aws:PrincipalTag/org}#*\"]}}}"));

        Finding finding = only(examine());

        assertThat(finding.problem())
                .contains("dynamodb:GetItem without leading keys in table notes", "dynamodb:Scan on table notes")
                .doesNotContain("another tenant's items");
    }

    @Test
    void metadataOnlyGrantsAreAWarning() {
        stack.deployment()
                .putRolePolicy(
                        "describe",
                        policy("{\"Effect\":\"Allow\",\"Action\":\"dynamodb:DescribeTable\",\"Resource\":\"*\"}"));

        DoctorReport report = examine();
        Finding finding = only(report);

        assertThat(finding.severity()).isEqualTo(Severity.WARNING);
        assertThat(finding.check()).isEqualTo("permissions.grants-metadata");
        assertThat(report.passed()).isTrue();
    }

    @Test
    void aRoleWithoutTheGeneratedPolicyMissesPermissions() {
        stack.deployment().withoutGeneratedPolicies();

        Finding finding = only(examine());

        assertThat(finding.severity()).isEqualTo(Severity.WARNING);
        assertThat(finding.check()).isEqualTo("permissions.missing");
        assertThat(finding.problem())
                .contains(
                        "dynamodb:GetItem on the tenant's own items in table notes",
                        "s3:PutObject in the tenant's own folder of bucket " + BUCKET);
    }

    @Test
    void aReadTheDoctorMayNotMakeIsCouldNotCheckNotAPass() {
        stack.deployment().denyRead("iam:GetRole");

        DoctorReport report = examine();
        Finding finding = only(report);

        assertThat(finding.severity()).isEqualTo(Severity.COULD_NOT_CHECK);
        assertThat(finding.check()).isEqualTo("read.iam:GetRole");
        assertThat(finding.problem()).contains("AccessDenied (HTTP 403)", "trust policy");
        assertThat(report.passed()).isFalse();
    }

    @Test
    void unreadablePartsAreEachReportedAndTheRestIsStillChecked() {
        stack.deployment()
                .denyRead("cognito-idp:DescribeUserPool")
                .denyRead("iam:ListAttachedRolePolicies")
                .trustPolicy(trust(actions(), audCondition()));

        DoctorReport report = examine();

        assertThat(report.findings())
                .extracting(Finding::check)
                .as(report.describe())
                .containsExactly("read.cognito-idp:DescribeUserPool", "trust.amr", "read.iam:ListAttachedRolePolicies");
        assertThat(report.findings(Severity.COULD_NOT_CHECK)).hasSize(2);
    }

    @Test
    void cognitosDefaultPrincipalTagsSatisfyTheUserLayoutButNotTheOrgLayout() {
        stack.deployment().useDefaultPrincipalTags(); // username <- sub, client <- aud

        Finding finding = only(examine());

        assertThat(finding.check()).isEqualTo("principal-tags.missing");
        assertThat(finding.problem()).contains("'custom:org'", "'org'").doesNotContain("username");
    }

    @Test
    void anIdentityPoolThatDoesNotTrustTheUserPoolIsAnError() {
        stack.deployment().removeUserPoolProvider();

        Finding finding = only(examine());

        assertThat(finding.check()).isEqualTo("identity-pool.provider-missing");
        assertThat(finding.fix()).contains("cognito-idp.us-east-1.amazonaws.com/" + LocalTenantStack.USER_POOL_ID);
    }

    @Test
    void withoutAnAuthenticatedRoleThereIsNothingElseToCheck() {
        stack.deployment().removeAuthenticatedRole();

        Finding finding = only(examine());

        assertThat(finding.check()).isEqualTo("identity-pool.no-authenticated-role");
    }

    @Test
    void roleMappingIsAWarningBecauseOtherRolesWereNotChecked() {
        stack.deployment().roleMapping("Rules");

        Finding finding = only(examine());

        assertThat(finding.severity()).isEqualTo(Severity.WARNING);
        assertThat(finding.check()).isEqualTo("identity-pool.role-mapping");
        assertThat(finding.problem()).contains("Rules");
    }

    @Test
    void aTrustPolicyForAnotherPoolOrWithoutCognitoIsAnError() {
        stack.deployment()
                .trustPolicy(trust(
                        actions(),
                        "\"StringEquals\":{\"cognito-identity.amazonaws.com:aud\":\"us-east-1:99999999-0000-4000-8000-000000000009\"},"
                                + amrCondition()));
        Finding other = only(examine());
        assertThat(other.check()).isEqualTo("trust.aud");
        assertThat(other.problem()).contains("naming another identity pool");

        stack.deployment()
                .trustPolicy(policy("{\"Effect\":\"Allow\",\"Principal\":{\"Service\":\"lambda.amazonaws.com\"},"
                        + "\"Action\":\"sts:AssumeRole\"}"));
        assertThat(only(examine()).check()).isEqualTo("trust.no-cognito");
    }

    @Test
    void aPolicyTheDoctorCannotParseIsCouldNotCheck() {
        stack.deployment().putRolePolicy("broken", "{\"Version\":\"2012-10-17\",\"Statement\":");

        DoctorReport report = examine();
        Finding finding = only(report);

        assertThat(finding.severity()).isEqualTo(Severity.COULD_NOT_CHECK);
        assertThat(finding.check()).isEqualTo("policy.unreadable");
        assertThat(finding.problem()).contains("inline policy broken");
        assertThat(report.passed()).isFalse();
    }

    @Test
    void theCommandLineExitsZeroWhenCleanAndOneOnAFinding() {
        String endpoint = stack.deployment().endpoint().toString();
        List<String> args = new ArrayList<>(List.of(
                "doctor",
                "--region",
                "us-east-1",
                "--identity-pool",
                LocalTenantStack.IDENTITY_POOL_ID,
                "--user-pool",
                LocalTenantStack.USER_POOL_ID,
                "--layout",
                "org",
                "--table",
                "notes:byAuthor",
                "--bucket",
                BUCKET,
                "--endpoint-url",
                endpoint));
        String previousKey = System.setProperty("aws.accessKeyId", "LOCALADMIN");
        String previousSecret = System.setProperty("aws.secretAccessKey", "localadminsecret");
        try {
            Run clean = cli(args);
            assertThat(clean.code).as(clean.output).isZero();
            assertThat(clean.output).contains("no findings");

            List<String> bothLayouts = new ArrayList<>(args);
            bothLayouts.addAll(List.of("--layout", "user"));
            Run overlapping = cli(bothLayouts);
            assertThat(overlapping.code).as(overlapping.output).isEqualTo(1);
            assertThat(overlapping.output).contains("ERROR [layouts.overlap]");

            stack.deployment().roleMapping("Token");
            assertThat(cli(args).code).isZero();
            args.add("--strict");
            Run strict = cli(args);
            assertThat(strict.code).isEqualTo(1);
            assertThat(strict.output).contains("WARNING [identity-pool.role-mapping]");

            stack.deployment().reset().denyRead("iam:GetRole");
            assertThat(cli(args).code).isEqualTo(1);
        } finally {
            restore("aws.accessKeyId", previousKey);
            restore("aws.secretAccessKey", previousSecret);
        }
    }

    @Test
    void theCommandLineExitsTwoOnAUsageError() {
        Run missing = cli(List.of("doctor", "--region", "us-east-1"));
        assertThat(missing.code).isEqualTo(2);
        assertThat(missing.output).contains("TenantDoctor needs", "identityPoolId", "usage:");

        Run bad = cli(List.of("--identity-pool", "not a pool"));
        assertThat(bad.code).isEqualTo(2);
        assertThat(bad.output).contains("identityPoolId must look like");

        assertThat(cli(List.of("--layout", "tenant")).output).contains("--layout is org or user");
        assertThat(cli(List.of("--bucket", "Bad_Bucket")).output).contains("not an S3 bucket name");
        assertThat(cli(List.of("--region")).output).contains("missing value for --region");
    }

    @Test
    void theBuilderFailsFastOnMissingSettings() {
        TenantDoctor.Builder builder = TenantDoctor.builder();
        org.assertj.core.api.Assertions.assertThatThrownBy(builder::build)
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("layout, region, identityPoolId, userPoolId");
        org.assertj.core.api.Assertions.assertThatThrownBy(
                        () -> stack.doctorBuilder().build())
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("at least one table or bucket");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> builder.table("a*b"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    // ------------------------------------------------------------------------------------------------ helpers

    private record Run(int code, String output) {}

    // ------------------------------------------------------------------ conditions the doctor cannot evaluate

    private static Finding overGrantBehind(String operator, String key, String value) {
        stack.deployment()
                .putRolePolicy(
                        "ops-debugging",
                        policy("{\"Sid\":\"Debug\",\"Effect\":\"Allow\",\"Action\":\"dynamodb:Scan\","
                                + "\"Resource\":\"arn:aws:dynamodb:us-east-1:000000000000:table/*\","
                                + "\"Condition\":{\"" + operator + "\":{\"" + key + "\":" + value + "}}}"));
        DoctorReport report = examine();
        assertThat(report.passed()).as(report.describe()).isFalse();
        Finding finding = report.findings().stream()
                .filter(f -> f.check().equals("permissions.grants-more"))
                .findFirst()
                .orElseThrow(() -> new AssertionError(report.describe()));
        assertThat(finding.severity()).isEqualTo(Severity.ERROR);
        assertThat(finding.problem())
                .contains("inline policy ops-debugging (Debug)", "dynamodb:Scan on table notes", operator + " " + key);
        return finding;
    }

    @org.junit.jupiter.params.ParameterizedTest(name = "{0} {1}")
    @org.junit.jupiter.params.provider.CsvSource(
            delimiter = '|',
            value = {
                "Bool|aws:SecureTransport|\"true\"",
                "DateLessThan|aws:CurrentTime|\"2099-01-01T00:00:00Z\"",
                "DateGreaterThan|aws:CurrentTime|\"2020-01-01T00:00:00Z\"",
                "ArnLike|aws:PrincipalArn|\"arn:aws:iam::*:role/*\"",
                "ArnEquals|aws:SourceArn|\"arn:aws:iam::000000000000:role/x\"",
                "NumericLessThan|aws:MultiFactorAuthAge|\"3600\"",
                "IpAddress|aws:SourceIp|\"10.0.0.0/8\"",
                "NotIpAddress|aws:SourceIp|\"192.0.2.0/24\"",
                "BinaryEquals|aws:SomeBinary|\"QmluYXJ5\"",
                "StringEquals|aws:RequestedRegion|\"us-east-1\"",
                "StringNotEquals|aws:PrincipalAccount|\"111111111111\"",
                "StringLikeIfExists|dynamodb:Select|\"ALL_ATTRIBUTES\"",
                "Null|aws:TokenIssueTime|\"false\"",
                "ForAnyValue:StringEquals|aws:TagKeys|[\"team\"]",
                "ForAllValues:StringLike|aws:TagKeys|[\"t*\"]",
                "StringMatchesRegex|aws:UserAgent|\".*\""
            })
    void anOverBroadAllowBehindAConditionTheDoctorCannotEvaluateIsAnError(String operator, String key, String value) {
        overGrantBehind(operator, key, value);
    }

    @Test
    void aConditionTheDoctorCannotEvaluateOnTheNeededGrantIsAMissingWarningNamingIt() {
        stack.deployment()
                .withoutGeneratedPolicies()
                .putRolePolicy(
                        "tls-only",
                        TenantPolicies.toJson(TenantPolicies.of(TenantLayout.org())
                                        .permissionPolicy(PolicyResources.builder()
                                                .region("us-east-1")
                                                .account("000000000000")
                                                .table("notes", "byAuthor")
                                                .build()))
                                .replaceAll(
                                        "\"Condition\"\\s*:\\s*\\{",
                                        "\"Condition\":{\"Bool\":{\"aws:SecureTransport\":\"true\"},"));

        DoctorReport report =
                stack.doctorBuilder().table("notes", "byAuthor").build().examine();

        Finding missing = report.findings().stream()
                .filter(f -> f.check().equals("permissions.missing"))
                .findFirst()
                .orElseThrow(() -> new AssertionError(report.describe()));
        assertThat(missing.problem()).contains("Bool aws:SecureTransport");
    }

    // ------------------------------------------------------------------ IAM's own evaluator

    @Test
    void iamsPolicySimulatorDisagreeingWithTheDoctorIsAnError() {
        stack.deployment().simulatorDisagreesOn("dynamodb:Scan");

        Finding finding = only(examine());

        assertThat(finding.severity()).isEqualTo(Severity.ERROR);
        assertThat(finding.check()).isEqualTo("permissions.simulation-disagrees");
        assertThat(finding.problem()).contains("dynamodb:Scan on table notes", "IAM: allowed");
    }

    @Test
    void aPolicySimulatorTheDoctorMayNotCallIsCouldNotCheck() {
        stack.deployment().denyRead("iam:SimulatePrincipalPolicy");

        DoctorReport report = examine();
        Finding finding = only(report);

        assertThat(report.passed()).isFalse();
        assertThat(finding.severity()).isEqualTo(Severity.COULD_NOT_CHECK);
        assertThat(finding.check()).isEqualTo("read.iam:SimulatePrincipalPolicy");
    }

    @Test
    void contextTheSimulatorNeededAndTheDoctorCannotSupplyIsReported() {
        overGrantBehind("Bool", "aws:SecureTransport", "\"true\"");

        assertThat(examine().findings()).anySatisfy(f -> {
            assertThat(f.check()).isEqualTo("permissions.simulation-context");
            assertThat(f.problem()).contains("aws:SecureTransport");
        });
    }

    // ------------------------------------------------------------------ claims users choose, providers

    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.ValueSource(
            strings = {"cognito:username", "email", "preferred_username", "name"})
    void aTenantClaimUsersChooseIsAnError(String claim) {
        TenantLayout layout = TenantLayout.builder()
                .tag("org", claim)
                .partitionKeyPrefix("{org}#")
                .objectKeyPrefix("{org}/")
                .build();
        DoctorReport report = TenantDoctor.builder()
                .layout(layout)
                .region(LocalTenantStack.REGION)
                .identityPoolId(LocalTenantStack.IDENTITY_POOL_ID)
                .userPoolId(LocalTenantStack.USER_POOL_ID)
                .endpointOverride(stack.deployment().endpoint())
                .bucket(BUCKET)
                .build()
                .examine();

        assertThat(report.findings()).as(report.describe()).anySatisfy(f -> {
            assertThat(f.check()).isEqualTo("user-pool.claim-user-chosen");
            assertThat(f.severity()).isEqualTo(Severity.ERROR);
            assertThat(f.problem()).contains("'" + claim + "'");
        });
    }

    @Test
    void anotherLoginProviderIsAWarningAndAnUnpinnedAmrAnError() {
        stack.deployment().otherLoginProvider("accounts.google.com", "google-app");

        DoctorReport report = examine();

        assertThat(report.findings()).as(report.describe()).hasSize(2);
        assertThat(report.findings(Severity.WARNING)).singleElement().satisfies(f -> {
            assertThat(f.check()).isEqualTo("identity-pool.other-providers");
            assertThat(f.problem()).contains("accounts.google.com");
        });
        assertThat(report.findings(Severity.ERROR))
                .singleElement()
                .satisfies(f -> assertThat(f.check()).isEqualTo("trust.amr-provider"));
    }

    @Test
    void anAmrPinnedToTheUserPoolSatisfiesTheTrustCheckDespiteOtherProviders() {
        String provider = "cognito-idp.us-east-1.amazonaws.com/" + LocalTenantStack.USER_POOL_ID;
        stack.deployment()
                .otherLoginProvider("accounts.google.com", "google-app")
                .trustPolicy(trust(
                        actions(),
                        audCondition() + "," + amrCondition() + ",\"ForAnyValue:StringEquals\":"
                                + "{\"cognito-identity.amazonaws.com:amr\":\"" + provider + "\"}"));

        Finding finding = only(examine());

        assertThat(finding.check()).isEqualTo("identity-pool.other-providers");
    }

    @Test
    void anAmrPinnedToAnotherProviderIsAnError() {
        stack.deployment()
                .trustPolicy(trust(
                        actions(),
                        audCondition() + "," + amrCondition() + ",\"ForAnyValue:StringEquals\":"
                                + "{\"cognito-identity.amazonaws.com:amr\":\"accounts.google.com\"}"));

        Finding finding = only(examine());

        assertThat(finding.check()).isEqualTo("trust.amr-provider");
        assertThat(finding.severity()).isEqualTo(Severity.ERROR);
    }

    private static Run cli(List<String> args) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        int code = TenantDoctorCli.run(args, new PrintStream(bytes, true, StandardCharsets.UTF_8));
        return new Run(code, bytes.toString(StandardCharsets.UTF_8));
    }

    private static void restore(String key, String previous) {
        if (previous == null) {
            System.clearProperty(key);
        } else {
            System.setProperty(key, previous);
        }
    }

    private static String policy(String statement) {
        return "{\"Version\":\"2012-10-17\",\"Statement\":[" + statement + "]}";
    }

    private static String actions() {
        return "[\"sts:AssumeRoleWithWebIdentity\",\"sts:TagSession\"]";
    }

    private static String audCondition() {
        return "\"StringEquals\":{\"cognito-identity.amazonaws.com:aud\":\"" + LocalTenantStack.IDENTITY_POOL_ID
                + "\"}";
    }

    private static String amrCondition() {
        return "\"ForAnyValue:StringLike\":{\"cognito-identity.amazonaws.com:amr\":\"authenticated\"}";
    }

    private static String trust(String actions, String conditions) {
        return policy("{\"Effect\":\"Allow\",\"Principal\":{\"Federated\":\"cognito-identity.amazonaws.com\"},"
                + "\"Action\":" + actions + ",\"Condition\":{" + conditions + "}}");
    }
}
