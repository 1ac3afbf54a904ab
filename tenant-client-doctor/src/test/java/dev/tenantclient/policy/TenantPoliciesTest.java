/*
 * Copyright 2026 The tenant-client Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tenantclient.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tenantclient.TenantLayout;
import dev.tenantclient.doctor.iam.PolicyEvaluator;
import dev.tenantclient.internal.TenantValues;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import software.amazon.awssdk.policybuilder.iam.IamPolicy;

/**
 * Generated policies: golden JSON for both layouts, and their meaning checked with the evaluator. Regenerate the
 * golden files with {@code -Dgolden.update=true} after an intended change, and review the diff.
 */
class TenantPoliciesTest {

    private static final PolicyResources RESOURCES = PolicyResources.builder()
            .region("eu-west-1")
            .account("123456789012")
            .table("notes", "byOwner")
            .bucket("tenant-files")
            .build();
    private static final String TABLE = "arn:aws:dynamodb:eu-west-1:123456789012:table/notes";

    private static void assertGolden(String name, String json) throws IOException {
        Path source = Path.of("src/test/resources/policy", name);
        if (Boolean.getBoolean("golden.update")) {
            Files.writeString(source, json + "\n");
        }
        try (InputStream in = TenantPoliciesTest.class.getResourceAsStream("/policy/" + name)) {
            assertThat(in)
                    .as("golden file %s (create it with -Dgolden.update=true)", name)
                    .isNotNull();
            assertThat(json + "\n").isEqualTo(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        }
    }

    @Test
    void orgLayoutPermissionPolicyMatchesItsGoldenFile() throws IOException {
        assertGolden(
                "org-permission-policy.json",
                TenantPolicies.toJson(TenantPolicies.of(TenantLayout.org()).permissionPolicy(RESOURCES)));
    }

    @Test
    void userLayoutPermissionPolicyMatchesItsGoldenFile() throws IOException {
        assertGolden(
                "user-permission-policy.json",
                TenantPolicies.toJson(TenantPolicies.of(TenantLayout.user()).permissionPolicy(RESOURCES)));
    }

    @Test
    void trustPolicyMatchesItsGoldenFile() throws IOException {
        assertGolden(
                "trust-policy.json",
                TenantPolicies.toJson(TenantPolicies.of(TenantLayout.org())
                        .trustPolicy("eu-west-1:11111111-2222-4333-8444-555555555555")));
    }

    @Test
    void jsonIsStableAndRoundTrips() {
        TenantPolicies policies = TenantPolicies.of(TenantLayout.org());
        String once = TenantPolicies.toJson(policies.permissionPolicy(RESOURCES));

        assertThat(TenantPolicies.toJson(policies.permissionPolicy(RESOURCES))).isEqualTo(once);
        assertThat(TenantPolicies.toJson(IamPolicy.fromJson(once))).isEqualTo(once);
    }

    @Test
    void principalTagsAreTheLayoutsClaimMap() {
        assertThat(TenantPolicies.of(TenantLayout.org()).principalTags())
                .containsExactly(Map.entry("org", "custom:org"));
        assertThat(TenantPolicies.of(TenantLayout.user()).principalTags())
                .containsExactly(Map.entry("username", "sub"));
    }

    @Test
    void theOrgPolicyAllowsTheTenantsKeysOnlyAndNeverScan() {
        PolicyEvaluator e = new PolicyEvaluator(
                List.of(TenantPolicies.of(TenantLayout.org()).permissionPolicy(RESOURCES)));
        Map<String, String> acme = Map.of("org", "acme");

        assertThat(e.evaluate("dynamodb:GetItem", TABLE, keys("acme#n-1"), acme).allowed())
                .isTrue();
        assertThat(e.evaluate("dynamodb:Query", TABLE + "/index/byOwner", keys("acme#bob"), acme)
                        .allowed())
                .isTrue();
        assertThat(e.evaluate("dynamodb:GetItem", TABLE, keys("globex#n-1"), acme)
                        .allowed())
                .isFalse();
        assertThat(e.evaluate("dynamodb:GetItem", TABLE, keys("acmex#n-1"), acme)
                        .allowed())
                .isFalse();
        assertThat(e.evaluate("dynamodb:BatchGetItem", TABLE, keys("acme#1", "globex#2"), acme)
                        .allowed())
                .isFalse();
        assertThat(e.evaluate("dynamodb:Scan", TABLE, Map.of(), acme).allowed()).isFalse();
        assertThat(e.evaluate("dynamodb:GetItem", TABLE, Map.of(), acme).allowed())
                .isFalse();
        assertThat(e.evaluate("dynamodb:Query", TABLE + "/index/other", keys("acme#x"), acme)
                        .allowed())
                .isFalse();
        assertThat(e.evaluate("s3:GetObject", "arn:aws:s3:::tenant-files/acme/a", Map.of(), acme)
                        .allowed())
                .isTrue();
        assertThat(e.evaluate("s3:GetObject", "arn:aws:s3:::tenant-files/globex/a", Map.of(), acme)
                        .allowed())
                .isFalse();
        assertThat(e.evaluate("s3:ListBucket", "arn:aws:s3:::tenant-files", Map.of("s3:prefix", List.of("acme/")), acme)
                        .allowed())
                .isTrue();
        assertThat(e.evaluate("s3:ListBucket", "arn:aws:s3:::tenant-files", Map.of("s3:prefix", List.of("")), acme)
                        .allowed())
                .isFalse();
        assertThat(e.evaluate("s3:ListBucket", "arn:aws:s3:::tenant-files", Map.of(), acme)
                        .allowed())
                .isFalse();
    }

    @Test
    void theUserPolicyRequiresTheExactKey() {
        PolicyEvaluator e = new PolicyEvaluator(
                List.of(TenantPolicies.of(TenantLayout.user()).permissionPolicy(RESOURCES)));
        Map<String, String> alice = Map.of("username", "alice");

        assertThat(e.evaluate("dynamodb:PutItem", TABLE, keys("alice"), alice).allowed())
                .isTrue();
        assertThat(e.evaluate("dynamodb:PutItem", TABLE, keys("alice2"), alice).allowed())
                .isFalse();
        assertThat(e.evaluate("dynamodb:PutItem", TABLE, keys("bob"), alice).allowed())
                .isFalse();
    }

    @Test
    void badInputIsRefused() {
        assertThatThrownBy(() -> TenantPolicies.of(TenantLayout.org()).trustPolicy("not a pool"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> PolicyResources.builder().bucket("Bad_Bucket"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> PolicyResources.builder().table("a/b")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> TenantPolicies.of(TenantLayout.org())
                        .permissionPolicy(PolicyResources.builder().build()))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @ParameterizedTest(name = "org = \"{0}\"")
    @ValueSource(
            strings = {"globex/reports", "globex#reports", "..", ".", "", "globex reports", "a\u2028b", "a\u3000b"})
    void aTagValueTheLibraryRefusesIsDeniedEverywhereEvenOnItsOwnFolder(String org) {
        PolicyEvaluator e = new PolicyEvaluator(
                List.of(TenantPolicies.of(TenantLayout.org()).permissionPolicy(RESOURCES)));
        Map<String, String> tags = Map.of("org", org);

        assertThat(e.evaluate(
                                "s3:GetObject",
                                "arn:aws:s3:::tenant-files/" + folder(TenantLayout.org(), "org", org) + "x",
                                Map.of(),
                                tags)
                        .effect())
                .isEqualTo(PolicyEvaluator.Effect.EXPLICIT_DENY);
        assertThat(e.evaluate(
                                "s3:ListBucket",
                                "arn:aws:s3:::tenant-files",
                                Map.of("s3:prefix", List.of(folder(TenantLayout.org(), "org", org))),
                                tags)
                        .effect())
                .isEqualTo(PolicyEvaluator.Effect.EXPLICIT_DENY);
        assertThat(e.evaluate("dynamodb:PutItem", TABLE, keys(org + "#x"), tags).effect())
                .isEqualTo(PolicyEvaluator.Effect.EXPLICIT_DENY);
    }

    @Test
    void aSessionWithoutTheTagIsDeniedExplicitly() {
        PolicyEvaluator e = new PolicyEvaluator(
                List.of(TenantPolicies.of(TenantLayout.org()).permissionPolicy(RESOURCES)));

        assertThat(e.evaluate("s3:GetObject", "arn:aws:s3:::tenant-files/x", Map.of(), Map.of())
                        .effect())
                .isEqualTo(PolicyEvaluator.Effect.EXPLICIT_DENY);
        assertThat(e.evaluate("dynamodb:GetItem", TABLE, keys("#x"), Map.of("username", "alice"))
                        .effect())
                .isEqualTo(PolicyEvaluator.Effect.EXPLICIT_DENY);
    }

    /**
     * The class, not the examples: for tag values STS would accept (its session-tag characters, up to 256 of them),
     * IAM allows a tenant's own folder and keys exactly when the library accepts the value.
     */
    @ParameterizedTest
    @MethodSource("stsTagValues")
    void iamAllowsATagValueExactlyWhenTheLibraryAcceptsIt(String value) {
        for (TenantLayout layout : List.of(TenantLayout.org(), TenantLayout.user())) {
            String tag = layout.principalTags().keySet().iterator().next();
            PolicyEvaluator e =
                    new PolicyEvaluator(List.of(TenantPolicies.of(layout).permissionPolicy(RESOURCES)));
            boolean accepted = TenantValues.problem(value) == null;
            String key = layout.iamLeadingKeyPattern()
                    .replace("${aws:PrincipalTag/" + tag + "}", value)
                    .replace("*", "x");

            assertThat(e.evaluate(
                                    "s3:PutObject",
                                    "arn:aws:s3:::tenant-files/" + folder(layout, tag, value) + "k",
                                    Map.of(),
                                    Map.of(tag, value))
                            .allowed())
                    .as("%s: S3 for %s", layout, value)
                    .isEqualTo(accepted);
            assertThat(e.evaluate("dynamodb:GetItem", TABLE, keys(key), Map.of(tag, value))
                            .allowed())
                    .as("%s: DynamoDB for %s", layout, value)
                    .isEqualTo(accepted);
        }
    }

    static Stream<String> stsTagValues() {
        String[] pieces = {
            "acme",
            "a",
            "Z",
            "9",
            "_",
            ".",
            "..",
            ":",
            "=",
            "+",
            "-",
            "@",
            "/",
            " ",
            "\u00a0",
            "\u2028",
            "\u2029",
            "\u3000",
            "\u1680",
            "\u00e9",
            "\u0661",
            "\u4e2d",
            "x".repeat(60)
        };
        Random random = new Random(16);
        List<String> values =
                new ArrayList<>(List.of("", ".", "..", "...", ".a", "a.", "x".repeat(128), "x".repeat(129)));
        for (int i = 0; i < 400; i++) {
            StringBuilder b = new StringBuilder();
            int n = random.nextInt(6);
            for (int j = 0; j < n; j++) {
                b.append(pieces[random.nextInt(pieces.length)]);
            }
            values.add(b.length() > 256 ? b.substring(0, 256) : b.toString());
        }
        return values.stream();
    }

    private static String folder(TenantLayout layout, String tag, String value) {
        return layout.iamObjectKeyPrefix().replace("${aws:PrincipalTag/" + tag + "}", value);
    }

    private static Map<String, List<String>> keys(String... values) {
        return Map.of("dynamodb:LeadingKeys", List.of(values));
    }
}
