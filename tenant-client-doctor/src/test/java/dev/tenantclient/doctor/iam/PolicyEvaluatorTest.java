/*
 * Copyright 2026 The tenant-client Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tenantclient.doctor.iam;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tenantclient.doctor.iam.PolicyEvaluator.Effect;
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

    private static PolicyEvaluator allowWhen(String operator, String key, String values) {
        return evaluator(statement("{\"Sid\":\"S\",\"Effect\":\"Allow\",\"Action\":\"s3:GetObject\",\"Resource\":\"*\","
                + "\"Condition\":{\"" + operator + "\":{\"" + key + "\":" + values + "}}}"));
    }

    private static boolean allows(PolicyEvaluator e, Map<String, List<String>> context, Map<String, String> tags) {
        return e.evaluate("s3:GetObject", "arn:aws:s3:::f/a", context, tags).allowed();
    }

    @Test
    void aTagValueWithWildcardsIsLiteralUnderEveryStringOperator() {
        Map<String, String> star = Map.of("org", "a*");
        Map<String, List<String>> literal = Map.of("s3:prefix", List.of("a*"));
        Map<String, List<String>> other = Map.of("s3:prefix", List.of("abc"));
        String value = "\"${aws:PrincipalTag/org}\"";

        assertThat(allows(allowWhen("StringEquals", "s3:prefix", value), literal, star))
                .isTrue();
        assertThat(allows(allowWhen("StringEquals", "s3:prefix", value), other, star))
                .isFalse();
        assertThat(allows(
                        allowWhen("StringEqualsIgnoreCase", "s3:prefix", value),
                        Map.of("s3:prefix", List.of("A*")),
                        star))
                .isTrue();
        assertThat(allows(allowWhen("StringNotEquals", "s3:prefix", value), literal, star))
                .isFalse();
        assertThat(allows(allowWhen("StringNotEquals", "s3:prefix", value), other, star))
                .isTrue();
        assertThat(allows(allowWhen("StringNotEqualsIgnoreCase", "s3:prefix", value), literal, star))
                .isFalse();
        assertThat(allows(allowWhen("StringLike", "s3:prefix", value), literal, star))
                .isTrue();
        assertThat(allows(allowWhen("StringLike", "s3:prefix", value), other, star))
                .isFalse();
        assertThat(allows(allowWhen("StringNotLike", "s3:prefix", value), literal, star))
                .isFalse();
        assertThat(allows(allowWhen("StringNotLike", "s3:prefix", value), other, star))
                .isTrue();
        Map<String, String> question = Map.of("org", "a?");
        assertThat(allows(allowWhen("StringLike", "s3:prefix", value), Map.of("s3:prefix", List.of("ab")), question))
                .isFalse();
        assertThat(allows(allowWhen("StringEquals", "s3:prefix", value), Map.of("s3:prefix", List.of("a?")), question))
                .isTrue();
    }

    @Test
    void theSpecialVariablesAreLiteralCharacters() {
        PolicyEvaluator e = allowWhen("StringLike", "s3:prefix", "\"a${*}b${?}c${$}\"");
        PolicyEvaluator eq = allowWhen("StringEquals", "s3:prefix", "\"a${*}\"");

        assertThat(allows(e, Map.of("s3:prefix", List.of("a*b?c$")), ACME)).isTrue();
        assertThat(allows(e, Map.of("s3:prefix", List.of("axxbyc$")), ACME)).isFalse();
        assertThat(allows(eq, Map.of("s3:prefix", List.of("a*")), ACME)).isTrue();
        assertThat(allows(eq, Map.of("s3:prefix", List.of("ab")), ACME)).isFalse();
    }

    @Test
    void anEmptyTagValueSubstitutesAsEmptyTextAndADefaultStandsInForAnAbsentTag() {
        PolicyEvaluator e = evaluator(statement("{\"Effect\":\"Allow\",\"Action\":\"s3:GetObject\","
                + "\"Resource\":\"arn:aws:s3:::files/${aws:PrincipalTag/org}/*\"}"));
        PolicyEvaluator defaulted = evaluator(statement("{\"Effect\":\"Allow\",\"Action\":\"s3:GetObject\","
                + "\"Resource\":\"arn:aws:s3:::files/${aws:PrincipalTag/org, 'none'}/*\"}"));
        PolicyEvaluator isNull = allowWhen("Null", "aws:PrincipalTag/org", "\"false\"");

        assertThat(e.evaluate("s3:GetObject", "arn:aws:s3:::files//a", Map.of(), Map.of("org", ""))
                        .allowed())
                .isTrue();
        assertThat(e.evaluate("s3:GetObject", "arn:aws:s3:::files/acme/a", Map.of(), Map.of("org", ""))
                        .allowed())
                .isFalse();
        assertThat(allows(isNull, Map.of(), Map.of("org", ""))).isTrue();
        assertThat(defaulted
                        .evaluate("s3:GetObject", "arn:aws:s3:::files/none/a", Map.of(), Map.of())
                        .allowed())
                .isTrue();
    }

    @Test
    void numericOperators() {
        Map<String, List<String>> five = Map.of("s3:max-keys", List.of("5"));
        assertThat(allows(allowWhen("NumericEquals", "s3:max-keys", "\"5.0\""), five, ACME))
                .isTrue();
        assertThat(allows(allowWhen("NumericNotEquals", "s3:max-keys", "\"5\""), five, ACME))
                .isFalse();
        assertThat(allows(allowWhen("NumericLessThan", "s3:max-keys", "\"10\""), five, ACME))
                .isTrue();
        assertThat(allows(allowWhen("NumericLessThanEquals", "s3:max-keys", "\"4\""), five, ACME))
                .isFalse();
        assertThat(allows(allowWhen("NumericGreaterThan", "s3:max-keys", "\"4\""), five, ACME))
                .isTrue();
        assertThat(allows(allowWhen("NumericGreaterThanEquals", "s3:max-keys", "\"6\""), five, ACME))
                .isFalse();
        assertThat(allows(allowWhen("NumericLessThan", "s3:max-keys", "\"10\""), Map.of(), ACME))
                .isFalse();
        assertThat(allows(allowWhen("NumericNotEquals", "s3:max-keys", "\"10\""), Map.of(), ACME))
                .isTrue();
    }

    @Test
    void dateOperators() {
        Map<String, List<String>> now = Map.of("aws:CurrentTime", List.of("2026-11-27T10:00:00Z"));
        assertThat(allows(allowWhen("DateLessThan", "aws:CurrentTime", "\"2027-01-01T00:00:00Z\""), now, ACME))
                .isTrue();
        assertThat(allows(allowWhen("DateGreaterThan", "aws:CurrentTime", "\"2027-01-01\""), now, ACME))
                .isFalse();
        assertThat(allows(allowWhen("DateEquals", "aws:CurrentTime", "\"1795773600\""), now, ACME))
                .isTrue();
        assertThat(allows(allowWhen("DateNotEquals", "aws:CurrentTime", "\"1795773600\""), now, ACME))
                .isFalse();
        assertThat(allows(allowWhen("DateLessThanEquals", "aws:CurrentTime", "\"2026-11-27T10:00:00Z\""), now, ACME))
                .isTrue();
        assertThat(allows(allowWhen("DateGreaterThanEquals", "aws:CurrentTime", "\"2026-11-27T10:00:01Z\""), now, ACME))
                .isFalse();
    }

    @Test
    void boolBinaryIpAndArnOperators() {
        Map<String, List<String>> https = Map.of("aws:SecureTransport", List.of("true"));
        assertThat(allows(allowWhen("Bool", "aws:SecureTransport", "\"true\""), https, ACME))
                .isTrue();
        assertThat(allows(allowWhen("Bool", "aws:SecureTransport", "\"false\""), https, ACME))
                .isFalse();
        assertThat(allows(allowWhen("Bool", "aws:SecureTransport", "\"true\""), Map.of(), ACME))
                .isFalse();

        Map<String, List<String>> bin = Map.of("k:bin", List.of("QmluYXJ5"));
        assertThat(allows(allowWhen("BinaryEquals", "k:bin", "\"QmluYXJ5\""), bin, ACME))
                .isTrue();
        assertThat(allows(allowWhen("BinaryEquals", "k:bin", "\"T3RoZXI=\""), bin, ACME))
                .isFalse();

        Map<String, List<String>> ip = Map.of("aws:SourceIp", List.of("203.0.113.7"));
        assertThat(allows(allowWhen("IpAddress", "aws:SourceIp", "\"203.0.113.0/24\""), ip, ACME))
                .isTrue();
        assertThat(allows(allowWhen("IpAddress", "aws:SourceIp", "\"198.51.100.0/24\""), ip, ACME))
                .isFalse();
        assertThat(allows(allowWhen("NotIpAddress", "aws:SourceIp", "\"203.0.113.0/24\""), ip, ACME))
                .isFalse();
        assertThat(allows(
                        allowWhen("IpAddress", "aws:SourceIp", "\"2001:db8::/32\""),
                        Map.of("aws:SourceIp", List.of("2001:db8::1")),
                        ACME))
                .isTrue();

        Map<String, List<String>> arn = Map.of("aws:PrincipalArn", List.of("arn:aws:iam::123456789012:role/app"));
        assertThat(allows(allowWhen("ArnLike", "aws:PrincipalArn", "\"arn:aws:iam::*:role/*\""), arn, ACME))
                .isTrue();
        assertThat(allows(
                        allowWhen("ArnEquals", "aws:PrincipalArn", "\"arn:aws:iam::123456789012:role/app\""),
                        arn,
                        ACME))
                .isTrue();
        assertThat(allows(allowWhen("ArnNotLike", "aws:PrincipalArn", "\"arn:aws:iam::*:role/*\""), arn, ACME))
                .isFalse();
        assertThat(allows(allowWhen("ArnNotEquals", "aws:PrincipalArn", "\"arn:aws:iam::1:role/x\""), arn, ACME))
                .isTrue();
        assertThat(allows(allowWhen("ArnLike", "aws:PrincipalArn", "\"arn:aws:iam::*\""), arn, ACME))
                .isFalse();
    }

    @Test
    void setQualifiersApplyToEveryOperatorFamily() {
        Map<String, List<String>> tags = Map.of("aws:TagKeys", List.of("a", "b"));
        assertThat(allows(allowWhen("ForAllValues:StringEquals", "aws:TagKeys", "[\"a\",\"b\",\"c\"]"), tags, ACME))
                .isTrue();
        assertThat(allows(allowWhen("ForAllValues:StringNotEquals", "aws:TagKeys", "[\"c\"]"), tags, ACME))
                .isTrue();
        assertThat(allows(allowWhen("ForAnyValue:StringNotEquals", "aws:TagKeys", "[\"a\"]"), tags, ACME))
                .isTrue();
        assertThat(allows(allowWhen("ForAllValues:StringNotEquals", "aws:TagKeys", "[\"a\"]"), tags, ACME))
                .isFalse();
        assertThat(allows(allowWhen("ForAnyValue:StringLike", "aws:TagKeys", "[\"x*\"]"), tags, ACME))
                .isFalse();
    }

    @Test
    void ifExistsPassesAnAbsentKeyAndChecksAPresentOne() {
        PolicyEvaluator e = allowWhen("NumericLessThanIfExists", "s3:max-keys", "\"10\"");
        assertThat(allows(e, Map.of(), ACME)).isTrue();
        assertThat(allows(e, Map.of("s3:max-keys", List.of("50")), ACME)).isFalse();
        assertThat(allows(allowWhen("BoolIfExists", "aws:SecureTransport", "\"true\""), Map.of(), ACME))
                .isTrue();
    }

    @Test
    void anUnknownOperatorCannotBeEvaluatedAndIsReadTheSafeWayForEnforcement() {
        PolicyEvaluator allow = allowWhen("StringMatchesRegex", "s3:prefix", "\".*\"");
        PolicyEvaluator.Decision d = allow.evaluate("s3:GetObject", "arn:aws:s3:::f/a", Map.of(), ACME);

        assertThat(d.allowed()).isFalse();
        assertThat(d.possiblyAllowed()).isTrue();
        assertThat(d.unevaluated()).containsExactly("StringMatchesRegex s3:prefix in S");

        PolicyEvaluator deny = evaluator(statement("{\"Effect\":\"Allow\",\"Action\":\"*\",\"Resource\":\"*\"},"
                + "{\"Sid\":\"D\",\"Effect\":\"Deny\",\"Action\":\"*\",\"Resource\":\"*\","
                + "\"Condition\":{\"ForSomeValues:StringEquals\":{\"s3:prefix\":\"x\"}}}"));
        PolicyEvaluator.Decision denied = deny.evaluate("s3:GetObject", "arn:aws:s3:::f/a", Map.of(), ACME);
        assertThat(denied.effect()).isEqualTo(Effect.EXPLICIT_DENY);
        assertThat(denied.possiblyAllowed()).isTrue();
        assertThat(allows(
                        allowWhen("NumericLessThan", "s3:max-keys", "\"ten\""),
                        Map.of("s3:max-keys", List.of("5")),
                        ACME))
                .isFalse();
        assertThat(allows(allowWhen("NullIfExists", "s3:prefix", "\"true\""), Map.of(), ACME))
                .isFalse();
    }

    @Test
    void partialEvaluationTreatsKeysItCannotSeeAsUnknown() {
        PolicyEvaluator e = evaluator(statement("{\"Sid\":\"Debug\",\"Effect\":\"Allow\",\"Action\":\"dynamodb:Scan\","
                + "\"Resource\":\"*\",\"Condition\":{\"Bool\":{\"aws:SecureTransport\":\"true\"}}}"));

        PolicyEvaluator.Decision complete = e.evaluate("dynamodb:Scan", TABLE, Map.of(), ACME);
        PolicyEvaluator.Decision partial =
                e.evaluatePartially("dynamodb:Scan", TABLE, Map.of(), ACME, java.util.Set.of("dynamodb:LeadingKeys"));

        assertThat(complete.allowed()).isFalse();
        assertThat(complete.possiblyAllowed()).isFalse();
        assertThat(partial.allowed()).isFalse();
        assertThat(partial.possiblyAllowed()).isTrue();
        assertThat(partial.unevaluated()).containsExactly("Bool aws:SecureTransport in Debug");
    }
}
