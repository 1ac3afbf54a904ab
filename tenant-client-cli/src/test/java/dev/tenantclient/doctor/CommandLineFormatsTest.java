/*
 * Copyright 2026 The tenant-client Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tenantclient.doctor;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tenantclient.TenantLayout;
import dev.tenantclient.doctor.Finding.Severity;
import dev.tenantclient.policy.PolicyResources;
import dev.tenantclient.policy.TenantPolicies;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.protocols.jsoncore.JsonNode;

/**
 * The command line's machine-readable output: {@code policy} as JSON and as a CloudFormation snippet, and the
 * doctor's report as JSON and SARIF 2.1.0 (checked structurally, as code-scanning uploads read it).
 */
@SuppressWarnings("NullAway") // walks parsed JSON: a missing field fails the test with an exception
class CommandLineFormatsTest {

    private static final String POOL = "eu-west-1:11111111-2222-4333-8444-555555555555";

    private record Run(int code, String output) {}

    private static Run cli(String... args) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
        int code = TenantDoctorCli.run(List.of(args), out);
        return new Run(code, bytes.toString(StandardCharsets.UTF_8));
    }

    private static JsonNode json(String text) {
        return JsonText.parse(text);
    }

    /** The same JSON, written the same way: compares documents, not formatting. */
    private static String canonical(JsonNode node) {
        return JsonText.write(JsonText.toPlain(node));
    }

    private static String generated(Object policy) {
        return canonical(json(TenantPolicies.toJson((software.amazon.awssdk.policybuilder.iam.IamPolicy) policy)));
    }

    @Test
    void policyPrintsTheGeneratedDocumentsAsJson() {
        Run run = cli(
                "policy",
                "--layout",
                "org",
                "--region",
                "eu-west-1",
                "--account",
                "123456789012",
                "--table",
                "notes:byAuthor",
                "--bucket",
                "acme-files",
                "--identity-pool",
                POOL,
                "--user-pool",
                "eu-west-1_AbCdEf123");

        assertThat(run.code()).as(run.output()).isZero();
        Map<String, JsonNode> root = json(run.output()).asObject();
        assertThat(root.keySet()).containsExactly("principalTags", "permissionPolicy", "trustPolicy");
        assertThat(root.get("principalTags").asObject().get("org").asString()).isEqualTo("custom:org");
        TenantPolicies policies = TenantPolicies.of(TenantLayout.org());
        assertThat(canonical(root.get("permissionPolicy")))
                .isEqualTo(generated(policies.permissionPolicy(PolicyResources.builder()
                        .region("eu-west-1")
                        .account("123456789012")
                        .table("notes", "byAuthor")
                        .bucket("acme-files")
                        .build())));
        assertThat(canonical(root.get("trustPolicy")))
                .isEqualTo(generated(policies.trustPolicy(POOL, "eu-west-1_AbCdEf123")));
        assertThat(run.output()).doesNotContain("dynamodb:Scan").matches("\\p{ASCII}*");
    }

    @Test
    void policyPrintsACloudFormationSnippetReferringToThePools() {
        Run run = cli("policy", "--layout", "user", "--table", "owners", "--format", "cloudformation");

        assertThat(run.code()).as(run.output()).isZero();
        Map<String, JsonNode> resources =
                json(run.output()).asObject().get("Resources").asObject();
        JsonNode role = resources.get("TenantAuthenticatedRole");
        assertThat(role.asObject().get("Type").asString()).isEqualTo("AWS::IAM::Role");
        String trust = canonical(role.asObject().get("Properties").asObject().get("AssumeRolePolicyDocument"));
        assertThat(trust)
                .contains("\"Ref\": \"IdentityPool\"", "\"UserPool\"", "\"ProviderName\"", "sts:TagSession")
                .doesNotContain("StandIn", "0000000000ff");
        JsonNode tags = resources.get("TenantPrincipalTags").asObject().get("Properties");
        assertThat(tags.asObject().get("UseDefaults").asBoolean()).isFalse();
        assertThat(tags.asObject()
                        .get("PrincipalTags")
                        .asObject()
                        .get("username")
                        .asString())
                .isEqualTo("sub");
        assertThat(canonical(role.asObject()
                        .get("Properties")
                        .asObject()
                        .get("Policies")
                        .asArray()
                        .get(0)
                        .asObject()
                        .get("PolicyDocument")))
                .isEqualTo(generated(TenantPolicies.of(TenantLayout.user())
                        .permissionPolicy(
                                PolicyResources.builder().table("owners").build())));
    }

    @Test
    void policyUsageErrorsExitTwo() {
        assertThat(cli("policy", "--layout", "org").output()).contains("at least one --table or --bucket");
        assertThat(cli("policy", "--bucket", "files", "--format", "yaml").code())
                .isEqualTo(2);
        assertThat(cli("policy", "--bucket", "Bad_Bucket").output()).contains("not an S3 bucket name");
        assertThat(cli("policy", "--help").code()).isZero();
        assertThat(cli("doctor", "--format", "xml").output()).contains("--format is text, json or sarif");
    }

    private static final DoctorReport FAILING = new DoctorReport(List.of(
            new Finding(Severity.ERROR, "trust.tag-session", "No TagSession \u2014 role r.", "why 1", "fix 1"),
            new Finding(Severity.WARNING, "identity-pool.role-mapping", "Mapped by rules.", "why 2", "fix 2"),
            new Finding(Severity.ERROR, "trust.tag-session", "Second statement.", "why 1", "fix 1"),
            new Finding(Severity.COULD_NOT_CHECK, "read.iam:GetRole", "Could not read.", "why 3", "fix 3")));

    @Test
    void sarifHasOneRulePerCheckAndOneResultPerFinding() {
        Map<String, JsonNode> log =
                json(ReportFormats.sarif(FAILING, "cognito-identity/" + POOL)).asObject();

        assertThat(log.get("version").asString()).isEqualTo("2.1.0");
        assertThat(log.get("$schema").asString()).isEqualTo(ReportFormats.SARIF_SCHEMA);
        List<JsonNode> runs = log.get("runs").asArray();
        assertThat(runs).hasSize(1);
        Map<String, JsonNode> driver =
                runs.get(0).asObject().get("tool").asObject().get("driver").asObject();
        assertThat(driver.get("name").asString()).isEqualTo("tenant-client doctor");
        List<String> ruleIds = driver.get("rules").asArray().stream()
                .map(r -> r.asObject().get("id").asString())
                .toList();
        assertThat(ruleIds).containsExactly("trust.tag-session", "identity-pool.role-mapping", "read.iam:GetRole");
        assertThat(driver.get("rules")
                        .asArray()
                        .get(0)
                        .asObject()
                        .get("help")
                        .asObject()
                        .get("text")
                        .asString())
                .isEqualTo("fix 1");

        List<JsonNode> results = runs.get(0).asObject().get("results").asArray();
        assertThat(results).hasSize(4);
        assertThat(results.stream().map(r -> r.asObject().get("level").asString()))
                .containsExactly("error", "warning", "error", "error");
        for (JsonNode result : results) {
            Map<String, JsonNode> r = result.asObject();
            int index = Integer.parseInt(r.get("ruleIndex").asNumber());
            assertThat(ruleIds.get(index)).isEqualTo(r.get("ruleId").asString());
            assertThat(r.get("message").asObject().get("text").asString()).isNotBlank();
            assertThat(r.get("locations")
                            .asArray()
                            .get(0)
                            .asObject()
                            .get("physicalLocation")
                            .asObject()
                            .get("artifactLocation")
                            .asObject()
                            .get("uri")
                            .asString())
                    .isEqualTo("cognito-identity/" + POOL);
        }
        assertThat(results.get(0)
                        .asObject()
                        .get("message")
                        .asObject()
                        .get("text")
                        .asString())
                .startsWith("No TagSession \u2014 role r.");
    }

    @Test
    void aCleanReportIsAnEmptySarifRun() {
        Map<String, JsonNode> run = json(ReportFormats.sarif(new DoctorReport(List.of()), "x"))
                .asObject()
                .get("runs")
                .asArray()
                .get(0)
                .asObject();

        assertThat(run.get("results").asArray()).isEmpty();
        assertThat(run.get("tool")
                        .asObject()
                        .get("driver")
                        .asObject()
                        .get("rules")
                        .asArray())
                .isEmpty();
    }

    @Test
    void jsonCarriesTheVerdictAndEveryFinding() {
        String text = ReportFormats.json(FAILING);
        Map<String, JsonNode> root = json(text).asObject();

        assertThat(root.get("passed").asBoolean()).isFalse();
        assertThat(root.get("clean").asBoolean()).isFalse();
        assertThat(root.get("findings").asArray()).hasSize(4);
        Map<String, JsonNode> last = root.get("findings").asArray().get(3).asObject();
        assertThat(last.get("severity").asString()).isEqualTo("COULD_NOT_CHECK");
        assertThat(last.get("check").asString()).isEqualTo("read.iam:GetRole");
        assertThat(text).matches("\\p{ASCII}*").contains("\\u2014");
        assertThat(json(ReportFormats.json(new DoctorReport(List.of())))
                        .asObject()
                        .get("passed")
                        .asBoolean())
                .isTrue();
    }
}
