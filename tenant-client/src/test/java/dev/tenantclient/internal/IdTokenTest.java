/*
 * Copyright 2026 The tenant-client Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tenantclient.internal;

import static dev.tenantclient.testing.TestTokens.CLIENT_ID;
import static dev.tenantclient.testing.TestTokens.ISSUER;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tenantclient.InvalidTenantTokenException;
import dev.tenantclient.InvalidTenantTokenException.Reason;
import dev.tenantclient.TenantLayout;
import dev.tenantclient.testing.TestTokens;
import dev.tenantclient.testing.TestTokens.RawJson;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class IdTokenTest {

    private static final Instant NOW = Instant.parse("2026-11-24T10:00:00Z");

    private static IdToken parse(String token) {
        return IdToken.parse(token, ISSUER, CLIENT_ID, TenantLayout.org(), NOW);
    }

    private static void assertRefused(String token, Reason reason, String messagePart) {
        assertThatThrownBy(() -> parse(token))
                .isInstanceOf(InvalidTenantTokenException.class)
                .hasMessageContaining(messagePart)
                .satisfies(e ->
                        assertThat(((InvalidTenantTokenException) e).reason()).isEqualTo(reason))
                .satisfies(e -> {
                    if (token != null && token.length() > 20) {
                        assertThat(e.getMessage()).doesNotContain(token.substring(0, 20));
                    }
                });
    }

    @Test
    void aValidTokenGivesTheTenantAndExpiry() {
        IdToken token = parse(TestTokens.token(NOW).build());
        assertThat(token.tenant().org()).isEqualTo("acme");
        assertThat(token.tenant().subject()).isEqualTo("alice-sub");
        assertThat(token.expiresAt()).isEqualTo(NOW.plusSeconds(3600));
        assertThat(token.issuer()).isEqualTo(ISSUER);
    }

    @Test
    void anAudienceListContainingTheClientIsAccepted() {
        String token = TestTokens.token(NOW)
                .claim("aud", new RawJson("[\"other\",\"" + CLIENT_ID + "\"]"))
                .build();
        assertThat(parse(token).tenant().org()).isEqualTo("acme");
    }

    @Test
    void withoutAConfiguredClientIdAnyAudienceIsAccepted() {
        String token = TestTokens.token(NOW).claim("aud", "someone-else").build();
        assertThat(IdToken.parse(token, ISSUER, null, TenantLayout.org(), NOW)
                        .tenant()
                        .org())
                .isEqualTo("acme");
    }

    @Test
    void nullAndEmptyTokensAreMalformed() {
        assertRefused(null, Reason.MALFORMED, "null");
        assertRefused("", Reason.MALFORMED, "empty");
    }

    @ParameterizedTest
    @ValueSource(strings = {"abc", "a.b", "a.b.c.d", ".b.c", "a..c", "a.b.", "...."})
    void tokensWithoutThreePartsAreMalformed(String token) {
        assertRefused(token, Reason.MALFORMED, "not a JWT");
    }

    @Test
    void nonBase64AndNonJsonPayloadsAreMalformed() {
        assertRefused("eyJhbGciOiJSUzI1NiJ9.!!!.sig", Reason.MALFORMED, "not base64url");
        assertRefused(
                "eyJhbGciOiJSUzI1NiJ9." + TestTokens.encode("not json") + ".sig", Reason.MALFORMED, "not valid JSON");
        assertRefused(
                "eyJhbGciOiJSUzI1NiJ9." + TestTokens.encode("[1,2]") + ".sig", Reason.MALFORMED, "not a JSON object");
    }

    @Test
    void unsignedTokensAreMalformed() {
        assertRefused(
                TestTokens.token(NOW).header("{\"alg\":\"none\"}").build(), Reason.MALFORMED, "signing algorithm");
    }

    @Test
    void overLongTokensAreRefusedBeforeParsing() {
        assertRefused("a".repeat(IdToken.MAX_LENGTH + 1), Reason.MALFORMED, "at most " + IdToken.MAX_LENGTH);
    }

    @Test
    void expiredTokensAreRefusedWithTheirExpiry() {
        assertRefused(TestTokens.token(NOW).claim("exp", NOW.getEpochSecond()).build(), Reason.EXPIRED, "expired at");
        assertRefused(TestTokens.token(NOW).claim("exp", null).build(), Reason.MALFORMED, "'exp'");
        assertRefused(TestTokens.token(NOW).claim("exp", "tomorrow").build(), Reason.MALFORMED, "'exp'");
    }

    @ParameterizedTest
    @ValueSource(strings = {"9.3e15", "9300000000000000", "31556889864403200", "1e300", "-1e300", "253402300800"})
    void outOfRangeExpiriesAreMalformedNotArithmeticErrors(String exp) {
        assertRefused(
                TestTokens.token(NOW).claim("exp", new RawJson(exp)).build(),
                Reason.MALFORMED,
                "'exp' is out of range");
    }

    @Test
    void theLatestAcceptedExpiryStillWorksInMillis() {
        IdToken token =
                parse(TestTokens.token(NOW).claim("exp", IdToken.MAX_EXP).build());
        assertThat(token.expiresAt().toEpochMilli()).isEqualTo(IdToken.MAX_EXP * 1000);
        assertThat(parse(TestTokens.token(NOW)
                                .claim("exp", new RawJson(NOW.getEpochSecond() + 60 + ".75"))
                                .build())
                        .expiresAt())
                .isEqualTo(NOW.plusSeconds(60));
    }

    @Test
    void duplicateClaimsAndNonStandardJsonAreMalformed() {
        String dup = "{\"sub\":\"a\",\"custom:org\":\"acme\",\"custom:org\":\"globex\"}";
        assertRefused("eyJhbGciOiJSUzI1NiJ9." + TestTokens.encode(dup) + ".sig", Reason.MALFORMED, "not valid JSON");
        assertRefused("eyJhbGciOiJSUzI1NiJ9." + TestTokens.encode("{sub:'a'}") + ".sig", Reason.MALFORMED, "JSON");
        assertRefused("eyJhbGciOiJSUzI1NiJ9." + TestTokens.encode("null") + ".sig", Reason.MALFORMED, "JSON object");
    }

    @Test
    void headersWithoutASigningAlgorithmAreMalformed() {
        assertRefused(TestTokens.token(NOW).header("{\"typ\":\"JWT\"}").build(), Reason.MALFORMED, "signing algorithm");
        assertRefused(TestTokens.token(NOW).header("{\"alg\":7}").build(), Reason.MALFORMED, "signing algorithm");
        assertRefused(
                TestTokens.token(NOW)
                        .header("{\"alg\":\"RSA-OAEP\",\"enc\":\"A128GCM\"}")
                        .build(),
                Reason.MALFORMED,
                "signing algorithm");
    }

    @Test
    void accessTokensAreRefused() {
        assertRefused(
                TestTokens.token(NOW).claim("token_use", "access").build(),
                Reason.WRONG_ISSUER_OR_AUDIENCE,
                "token_use 'access'");
    }

    @Test
    void anotherIssuerIsRefused() {
        assertRefused(
                TestTokens.token(NOW).claim("iss", "https://evil.example/pool").build(),
                Reason.WRONG_ISSUER_OR_AUDIENCE,
                "is not the configured user pool");
    }

    @Test
    void anotherAudienceIsRefused() {
        assertRefused(
                TestTokens.token(NOW).claim("aud", "other-client").build(),
                Reason.WRONG_ISSUER_OR_AUDIENCE,
                "audience");
        assertRefused(TestTokens.token(NOW).claim("aud", null).build(), Reason.WRONG_ISSUER_OR_AUDIENCE, "audience");
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "",
                "*",
                "acme*",
                "ac?me",
                "other#x",
                "a/b",
                "${aws:username}",
                "{x}",
                "[a]",
                "ac me",
                "acme\n",
                "acme\u0000"
            })
    void unsafeTenantClaimsAreATenantProblem(String org) {
        assertRefused(TestTokens.token(NOW).claim("custom:org", org).build(), Reason.INVALID_TENANT, "custom:org");
    }

    @Test
    void aMissingOrNonStringTenantClaimIsATenantProblem() {
        assertRefused(TestTokens.token(NOW).claim("custom:org", null).build(), Reason.INVALID_TENANT, "missing");
        assertRefused(TestTokens.token(NOW).claim("custom:org", 42).build(), Reason.INVALID_TENANT, "missing");
    }

    @Test
    void printableCutsAndCleansClaimValues() {
        assertThat(IdToken.printable("a\u0000b")).isEqualTo("a?b");
        assertThat(IdToken.printable("x".repeat(200))).hasSize(83).endsWith("...");
        assertThat(IdToken.printable(null)).isEqualTo("(missing)");
    }
}
