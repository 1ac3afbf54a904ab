/*
 * Copyright 2026 The tenant-client Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tenantclient.internal.iam;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tenantclient.internal.iam.PolicyEvaluator.Effect;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.policybuilder.iam.IamPolicy;

/** The evaluator against the IAM User Guide's documented rules. */
class PolicyEvaluatorTest {

    private static final Map<String, String> ACME = Map.of("org", "acme", "username", "alice");
    private static final String TABLE = "arn:aws:dynamodb:us-east-1:000000000000:table/notes";

    private static PolicyEvaluator evaluator(String json) {
        return new PolicyEvaluator(List.of(IamPolicy.fromJson(json)));
    }

    private static String statement(String body) {
        return "{\"Version\":\"2012-10-17\",\"Statement\":[" + body + "]}";
    }

    private static final String LEADING_KEYS_WITHOUT_NULL = statement(
            "{\"Effect\":\"Allow\","
                    + "\"Action\":[\"dynamodb:GetItem\",\"dynamodb:Scan\"],\"Resource\":\"" + TABLE + "\","
                    + "\"Condition\":{\"ForAllValues:StringLike\":{\"dynamodb:LeadingKeys\":[\"${aws:PrincipalTag/org}#*\"]}}}");

    @Test
    void forAllValuesIsTrueForARequestWithoutTheKey() {
        PolicyEvaluator e = evaluator(LEADING_KEYS_WITHOUT_NULL);

        assertThat(e.evaluate("dynamodb:Scan", TABLE, Map.of(), ACME).allowed()).isTrue();
        assertThat(e.evaluate("dynamodb:Scan", TABLE, Map.of("dynamodb:LeadingKeys", List.of()), ACME)
                        .allowed())
                .isTrue();
    }

    @Test
    void forAllValuesRequiresEveryValueToMatch() {
        PolicyEvaluator e = evaluator(LEADING_KEYS_WITHOUT_NULL);

        assertThat(e.evaluate(
                                "dynamodb:GetItem",
                                TABLE,
                                Map.of("dynamodb:LeadingKeys", List.of("acme#1", "acme#2")),
                                ACME)
                        .allowed())
                .isTrue();
        assertThat(e.evaluate(
                                "dynamodb:GetItem",
                                TABLE,
                                Map.of("dynamodb:LeadingKeys", List.of("acme#1", "globex#2")),
                                ACME)
                        .effect())
                .isEqualTo(Effect.IMPLICIT_DENY);
    }

    @Test
    void aNullFalseGuardClosesTheEmptySetHole() {
        PolicyEvaluator e = evaluator(statement("{\"Effect\":\"Allow\",\"Action\":\"dynamodb:*\",\"Resource\":\""
                + TABLE + "\",\"Condition\":{\"ForAllValues:StringLike\":{\"dynamodb:LeadingKeys\":"
                + "[\"${aws:PrincipalTag/org}#*\"]},\"Null\":{\"dynamodb:LeadingKeys\":\"false\"}}}"));

        assertThat(e.evaluate("dynamodb:Scan", TABLE, Map.of(), ACME).allowed()).isFalse();
        assertThat(e.evaluate("dynamodb:Query", TABLE, Map.of("dynamodb:LeadingKeys", List.of("acme#p")), ACME)
                        .allowed())
                .isTrue();
    }

    @Test
    void forAnyValueIsFalseForARequestWithoutTheKey() {
        PolicyEvaluator e = evaluator(statement("{\"Effect\":\"Allow\",\"Action\":\"dynamodb:*\",\"Resource\":\"*\","
                + "\"Condition\":{\"ForAnyValue:StringEquals\":{\"dynamodb:LeadingKeys\":[\"a\",\"b\"]}}}"));

        assertThat(e.evaluate("dynamodb:Scan", TABLE, Map.of(), ACME).allowed()).isFalse();
        assertThat(e.evaluate("dynamodb:Query", TABLE, Map.of("dynamodb:LeadingKeys", List.of("x", "b")), ACME)
                        .allowed())
                .isTrue();
    }

    @Test
    void principalTagVariablesInResourcesConfineObjectsAndAMissingTagMatchesNothing() {
        PolicyEvaluator e = evaluator(statement("{\"Effect\":\"Allow\",\"Action\":[\"s3:GetObject\"],"
                + "\"Resource\":\"arn:aws:s3:::files/${aws:PrincipalTag/org}/*\"}"));

        assertThat(e.evaluate("s3:GetObject", "arn:aws:s3:::files/acme/a.txt", Map.of(), ACME)
                        .allowed())
                .isTrue();
        assertThat(e.evaluate("s3:GetObject", "arn:aws:s3:::files/globex/a.txt", Map.of(), ACME)
                        .allowed())
                .isFalse();
        assertThat(e.evaluate("s3:GetObject", "arn:aws:s3:::files/acme/a.txt", Map.of(), Map.of())
                        .allowed())
                .isFalse();
    }

    @Test
    void aTagValueWithWildcardCharactersIsLiteral() {
        PolicyEvaluator e = evaluator(statement("{\"Effect\":\"Allow\",\"Action\":[\"s3:GetObject\"],"
                + "\"Resource\":\"arn:aws:s3:::files/${aws:PrincipalTag/org}/*\"}"));

        assertThat(e.evaluate("s3:GetObject", "arn:aws:s3:::files/acme/a", Map.of(), Map.of("org", "*"))
                        .allowed())
                .isFalse();
        assertThat(e.evaluate("s3:GetObject", "arn:aws:s3:::files/*/a", Map.of(), Map.of("org", "*"))
                        .allowed())
                .isTrue();
    }

    @Test
    void actionsMatchCaseInsensitivelyWithWildcardsAndResourcesCaseSensitively() {
        PolicyEvaluator e = evaluator(
                statement("{\"Effect\":\"Allow\",\"Action\":\"S3:get*\"," + "\"Resource\":\"arn:aws:s3:::Files/*\"}"));

        assertThat(e.evaluate("s3:GetObject", "arn:aws:s3:::Files/a", Map.of(), ACME)
                        .allowed())
                .isTrue();
        assertThat(e.evaluate("s3:PutObject", "arn:aws:s3:::Files/a", Map.of(), ACME)
                        .allowed())
                .isFalse();
        assertThat(e.evaluate("s3:GetObject", "arn:aws:s3:::files/a", Map.of(), ACME)
                        .allowed())
                .isFalse();
    }

    @Test
    void anExplicitDenyWins() {
        PolicyEvaluator e = evaluator(statement("{\"Effect\":\"Allow\",\"Action\":\"*\",\"Resource\":\"*\"},"
                + "{\"Sid\":\"NoDelete\",\"Effect\":\"Deny\",\"Action\":\"s3:DeleteObject\",\"Resource\":\"*\"}"));

        assertThat(e.evaluate("s3:DeleteObject", "arn:aws:s3:::f/a", Map.of(), ACME))
                .isEqualTo(new PolicyEvaluator.Decision(Effect.EXPLICIT_DENY, "NoDelete"));
        assertThat(e.evaluate("s3:GetObject", "arn:aws:s3:::f/a", Map.of(), ACME)
                        .allowed())
                .isTrue();
    }

    @Test
    void singleValuedOperatorsOnAnAbsentKey() {
        PolicyEvaluator like = evaluator(statement("{\"Effect\":\"Allow\",\"Action\":\"s3:ListBucket\","
                + "\"Resource\":\"*\",\"Condition\":{\"StringLike\":{\"s3:prefix\":\"${aws:PrincipalTag/org}/*\"}}}"));
        PolicyEvaluator notLike = evaluator(statement("{\"Effect\":\"Allow\",\"Action\":\"s3:ListBucket\","
                + "\"Resource\":\"*\",\"Condition\":{\"StringNotLike\":{\"s3:prefix\":\"secret/*\"}}}"));
        PolicyEvaluator ifExists = evaluator(statement("{\"Effect\":\"Allow\",\"Action\":\"s3:ListBucket\","
                + "\"Resource\":\"*\",\"Condition\":{\"StringLikeIfExists\":{\"s3:prefix\":\"acme/*\"}}}"));

        assertThat(like.evaluate("s3:ListBucket", "arn:aws:s3:::f", Map.of(), ACME)
                        .allowed())
                .isFalse();
        assertThat(like.evaluate("s3:ListBucket", "arn:aws:s3:::f", Map.of("s3:prefix", List.of("acme/")), ACME)
                        .allowed())
                .isTrue();
        assertThat(notLike.evaluate("s3:ListBucket", "arn:aws:s3:::f", Map.of(), ACME)
                        .allowed())
                .isTrue();
        assertThat(ifExists.evaluate("s3:ListBucket", "arn:aws:s3:::f", Map.of(), ACME)
                        .allowed())
                .isTrue();
    }

    @Test
    void valuesOfOneKeyAreOredAndBlocksAreAnded() {
        PolicyEvaluator e = evaluator(statement("{\"Effect\":\"Allow\",\"Action\":\"s3:ListBucket\","
                + "\"Resource\":\"*\",\"Condition\":{\"StringEquals\":{\"s3:prefix\":[\"a/\",\"b/\"],"
                + "\"s3:delimiter\":\"/\"}}}"));

        assertThat(e.evaluate(
                                "s3:ListBucket",
                                "arn:aws:s3:::f",
                                Map.of("s3:prefix", List.of("b/"), "s3:delimiter", List.of("/")),
                                ACME)
                        .allowed())
                .isTrue();
        assertThat(e.evaluate("s3:ListBucket", "arn:aws:s3:::f", Map.of("s3:prefix", List.of("b/")), ACME)
                        .allowed())
                .isFalse();
    }

    @Test
    void globMatching() {
        assertThat(PolicyEvaluator.like("a*c", "abbbc", false)).isTrue();
        assertThat(PolicyEvaluator.like("a?c", "abc", false)).isTrue();
        assertThat(PolicyEvaluator.like("a?c", "abbc", false)).isFalse();
        assertThat(PolicyEvaluator.like("acme#*", "acme#", false)).isTrue();
        assertThat(PolicyEvaluator.like("acme#*", "acmex#1", false)).isFalse();
        assertThat(PolicyEvaluator.like("*", "", false)).isTrue();
    }
}
