/*
 * Copyright 2026 The tenant-client Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tenantclient.policy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tenantclient.TenantLayout;
import dev.tenantclient.doctor.iam.PolicyEvaluator;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.policybuilder.iam.IamPolicy;
import software.amazon.awssdk.policybuilder.iam.IamStatement;

/**
 * The seed articles' hand-written policies (docs/iam.md), evaluated by the same engine as the generated ones: what
 * they allow, and what one plausible edit would leak. Comments were removed from seed 000 and its resource ARN,
 * written "::dynamodb:eu-west-2::table/..." in the article, completed so that it parses.
 */
class SeedPoliciesTest {

    private static final Map<String, String> ALICE_OF_ACME = Map.of("org", "acme", "username", "alice");

    private static IamPolicy seed(String name) throws IOException {
        try (InputStream in = SeedPoliciesTest.class.getResourceAsStream("/seeds/" + name)) {
            return IamPolicy.fromJson(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        }
    }

    /** The seed with one action added to its first statement: the edit a team makes when "listing does not work". */
    private static IamPolicy withAction(IamPolicy policy, String action) {
        List<IamStatement> statements = new ArrayList<>(policy.statements());
        statements.set(0, statements.get(0).toBuilder().addAction(action).build());
        return policy.toBuilder().statements(statements).build();
    }

    private static Map<String, List<String>> keys(String... values) {
        return Map.of("dynamodb:LeadingKeys", List.of(values));
    }

    @Test
    void seed000ConfinesGetAndQueryButAnAddedScanReadsEveryTenant() throws IOException {
        String table = "arn:aws:dynamodb:eu-west-2:123456789012:table/ExampleTableName";
        PolicyEvaluator asWritten = new PolicyEvaluator(List.of(seed("000-org-leading-keys.json")));
        PolicyEvaluator plusScan =
                new PolicyEvaluator(List.of(withAction(seed("000-org-leading-keys.json"), "dynamodb:Scan")));
        PolicyEvaluator generatedPlusScan = new PolicyEvaluator(List.of(withAction(
                TenantPolicies.of(TenantLayout.org())
                        .permissionPolicy(PolicyResources.builder()
                                .region("eu-west-2")
                                .account("123456789012")
                                .table("ExampleTableName")
                                .build()),
                "dynamodb:Scan")));

        assertThat(asWritten
                        .evaluate("dynamodb:GetItem", table, keys("acme#1"), ALICE_OF_ACME)
                        .allowed())
                .isTrue();
        assertThat(asWritten
                        .evaluate("dynamodb:GetItem", table, keys("globex#1"), ALICE_OF_ACME)
                        .allowed())
                .isFalse();
        // The finding: a Scan carries no leading keys, ForAllValues over an empty set is true, so Scan is allowed.
        assertThat(plusScan.evaluate("dynamodb:Scan", table, Map.of(), ALICE_OF_ACME)
                        .allowed())
                .isTrue();
        // The generated policy's Null guard keeps the same edit harmless.
        assertThat(generatedPlusScan
                        .evaluate("dynamodb:Scan", table, Map.of(), ALICE_OF_ACME)
                        .allowed())
                .isFalse();
    }

    @Test
    void seed002InitialPoliciesLetEveryUserReadEveryObject() throws IOException {
        PolicyEvaluator s3 = new PolicyEvaluator(List.of(seed("002-initial-s3.json")));

        assertThat(s3.evaluate("s3:GetObject", "arn:aws:s3:::BUCKET_NAME/bob/secret.txt", Map.of(), ALICE_OF_ACME)
                        .allowed())
                .isTrue();
    }

    @Test
    void seed002UpdatedS3PolicyConfinesObjectsButAnAddedListBucketListsEveryone() throws IOException {
        PolicyEvaluator asWritten = new PolicyEvaluator(List.of(seed("002-updated-s3.json")));
        IamPolicy plusList = seed("002-updated-s3.json").toBuilder()
                .addStatement(IamStatement.builder()
                        .effect("Allow")
                        .addAction("s3:ListBucket")
                        .addResource("arn:aws:s3:::BUCKET_NAME")
                        .build())
                .build();
        PolicyEvaluator listing = new PolicyEvaluator(List.of(plusList));

        assertThat(asWritten
                        .evaluate("s3:GetObject", "arn:aws:s3:::BUCKET_NAME/alice/a", Map.of(), ALICE_OF_ACME)
                        .allowed())
                .isTrue();
        assertThat(asWritten
                        .evaluate("s3:GetObject", "arn:aws:s3:::BUCKET_NAME/bob/a", Map.of(), ALICE_OF_ACME)
                        .allowed())
                .isFalse();
        assertThat(asWritten
                        .evaluate(
                                "s3:ListBucket",
                                "arn:aws:s3:::BUCKET_NAME",
                                Map.of("s3:prefix", List.of("alice/")),
                                ALICE_OF_ACME)
                        .allowed())
                .isFalse();
        assertThat(listing.evaluate(
                                "s3:ListBucket",
                                "arn:aws:s3:::BUCKET_NAME",
                                Map.of("s3:prefix", List.of("bob/")),
                                ALICE_OF_ACME)
                        .allowed())
                .isTrue();
    }

    @Test
    void seed002UpdatedDynamoDbPolicyConfinesItemsButAnAddedScanReadsEveryone() throws IOException {
        String table = "arn:aws:dynamodb:REGION:ACCOUNT_ID:table/TABLE_NAME";
        PolicyEvaluator asWritten = new PolicyEvaluator(List.of(seed("002-updated-dynamodb.json")));
        PolicyEvaluator plusScan =
                new PolicyEvaluator(List.of(withAction(seed("002-updated-dynamodb.json"), "dynamodb:Scan")));

        assertThat(asWritten
                        .evaluate("dynamodb:GetItem", table, keys("alice"), ALICE_OF_ACME)
                        .allowed())
                .isTrue();
        assertThat(asWritten
                        .evaluate("dynamodb:GetItem", table, keys("bob"), ALICE_OF_ACME)
                        .allowed())
                .isFalse();
        assertThat(asWritten
                        .evaluate("dynamodb:Query", table, keys("alice"), ALICE_OF_ACME)
                        .allowed())
                .isFalse();
        assertThat(plusScan.evaluate("dynamodb:Scan", table, Map.of(), ALICE_OF_ACME)
                        .allowed())
                .isTrue();
    }
}
