/*
 * Copyright 2026 The tenant-client Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tenantclient.doctor.iam;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.tenantclient.TenantLayout;
import dev.tenantclient.policy.PolicyResources;
import dev.tenantclient.policy.TenantPolicies;
import dev.tenantclient.testing.RandomStrings;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Policy evaluation decides what the local gateway and the doctor allow: glob matching must agree with IAM's
 * definition, and the generated policy must allow a request only inside the tenant its principal tag names.
 */
class PolicyEvaluatorFuzzTest {

    private static final String TABLE = "arn:aws:dynamodb:us-east-1:000000000000:table/notes";
    private static final String BUCKET = "arn:aws:s3:::files";
    private static final PolicyEvaluator ORG = new PolicyEvaluator(List.of(TenantPolicies.of(TenantLayout.org())
            .permissionPolicy(PolicyResources.builder()
                    .region("us-east-1")
                    .account("000000000000")
                    .table("notes")
                    .bucket("files")
                    .build())));
    private static final List<String> ACTIONS = Stream.concat(
                    Stream.concat(TenantPolicies.DYNAMODB_ACTIONS.stream(), TenantPolicies.S3_OBJECT_ACTIONS.stream()),
                    Stream.of("s3:ListBucket", "dynamodb:Scan", "s3:*", "dynamodb:*", "*"))
            .toList();

    /** IAM's glob: {@code *} any run, {@code ?} any one character, everything else literal. */
    private static boolean oracle(String pattern, String value, boolean ignoreCase) {
        String p = ignoreCase ? pattern.toLowerCase(Locale.ROOT) : pattern;
        String v = ignoreCase ? value.toLowerCase(Locale.ROOT) : value;
        StringBuilder regex = new StringBuilder();
        for (int i = 0; i < p.length(); i++) {
            char c = p.charAt(i);
            switch (c) {
                case '*' -> regex.append(".*");
                case '?' -> regex.append('.');
                default -> regex.append(Pattern.quote(String.valueOf(c)));
            }
        }
        return Pattern.compile(regex.toString(), Pattern.DOTALL).matcher(v).matches();
    }

    @FuzzTest
    void globMatchingAgreesWithIam(FuzzedDataProvider data) {
        boolean ignoreCase = data.consumeBoolean();
        String pattern = data.consumeString(40);
        String value = data.consumeRemainingAsString();
        matchesAsIamSays(pattern, value, ignoreCase);
    }

    private static void matchesAsIamSays(String pattern, String value, boolean ignoreCase) {
        assertThat(PolicyEvaluator.like(pattern, value, ignoreCase))
                .as("like(%s, %s)", pattern, value)
                .isEqualTo(oracle(pattern, value, ignoreCase));
    }

    static Stream<Arguments> globs() {
        String alphabet = "ab*?#/\\";
        return RandomStrings.seeded(31)
                .cases(
                        1_000,
                        r -> Arguments.of(
                                r.from(alphabet, 0, 8),
                                r.from("ab*?#/", 0, 10),
                                r.random().nextInt(4) == 0));
    }

    @ParameterizedTest(name = "[{index}]")
    @MethodSource("globs")
    void globMatchingAgreesWithIamForGeneratedPatterns(String pattern, String value, boolean ignoreCase) {
        matchesAsIamSays(pattern, value, ignoreCase);
    }

    @FuzzTest
    void theGeneratedPolicyAllowsOnlyTheTaggedTenant(FuzzedDataProvider data) {
        String tag = data.consumeString(20);
        String action = data.consumeBoolean() ? data.pickValue(ACTIONS) : data.consumeString(20);
        int leadingKeys = data.consumeInt(-1, 3);
        List<String> values = new ArrayList<>();
        for (int i = 0; i < leadingKeys; i++) {
            values.add(data.consumeString(30));
        }
        String key = data.consumeRemainingAsString();
        confinedToTheTag(tag, action, leadingKeys < 0 ? null : values, key);
    }

    /**
     * One request by the tenant tagged {@code tag}: a DynamoDB item action with these leading keys (null: none), an
     * S3 object action on {@code key}, or a listing with {@code key} as its prefix (empty: none).
     */
    private static void confinedToTheTag(String tag, String action, @Nullable List<String> leadingKeys, String key) {
        Map<String, String> tags = Map.of("org", tag);
        boolean dynamo = action.toLowerCase(Locale.ROOT).startsWith("dynamodb:");
        boolean listing = action.equalsIgnoreCase("s3:ListBucket");
        String resource = dynamo ? TABLE : listing ? BUCKET : BUCKET + "/" + key;
        Map<String, List<String>> context = dynamo
                ? leadingKeys == null ? Map.of() : Map.of("dynamodb:LeadingKeys", leadingKeys)
                : listing && !key.isEmpty() ? Map.of("s3:prefix", List.of(key)) : Map.of();

        boolean allowed = ORG.evaluate(action, resource, context, tags).allowed();

        if (!allowed) {
            return;
        }
        if (dynamo) {
            assertThat(TenantPolicies.DYNAMODB_ACTIONS).contains(action);
            assertThat(leadingKeys)
                    .isNotNull()
                    .isNotEmpty()
                    .allSatisfy(k -> assertThat(k).startsWith(tag + "#"));
        } else if (listing) {
            assertThat(key).startsWith(tag + "/");
        } else {
            assertThat(TenantPolicies.S3_OBJECT_ACTIONS).contains(action);
            assertThat(key).startsWith(tag + "/");
        }
    }

    static Stream<Arguments> requests() {
        String tagChars = "ab*?/#$";
        return RandomStrings.seeded(32).cases(1_000, r -> {
            String tag = r.from(tagChars, 0, 4);
            String start = r.oneOf(tag, "a", "ab", "*", "");
            List<String> keys = new ArrayList<>();
            int n = r.random().nextInt(5) - 1;
            for (int i = 0; i < n; i++) {
                keys.add(r.oneOf(start + "#", start + "/", start, "") + r.from(tagChars, 0, 4));
            }
            return Arguments.of(
                    tag,
                    r.oneOf(ACTIONS.toArray(String[]::new)),
                    n < 0 ? null : keys,
                    r.oneOf(start + "/", start + "#", start, "") + r.from(tagChars, 0, 4));
        });
    }

    @ParameterizedTest(name = "[{index}]")
    @MethodSource("requests")
    void theGeneratedPolicyAllowsOnlyTheTaggedTenantForGeneratedRequests(
            String tag, String action, @Nullable List<String> leadingKeys, String key) {
        confinedToTheTag(tag, action, leadingKeys, key);
    }
}
