/*
 * Copyright 2026 The tenant-client Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tenantclient.internal;

import static dev.tenantclient.testing.TestTokens.CLIENT_ID;
import static dev.tenantclient.testing.TestTokens.ISSUER;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.tenantclient.InvalidTenantTokenException;
import dev.tenantclient.TenantLayout;
import dev.tenantclient.testing.RandomStrings;
import dev.tenantclient.testing.TestTokens;
import java.time.Instant;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Token parsing, the first thing an attacker reaches: any text either parses into a token that passed every check
 * or is refused with {@link InvalidTenantTokenException}, and a refusal never repeats the token.
 */
class IdTokenFuzzTest {

    private static final Instant NOW = Instant.parse("2026-11-24T10:00:00Z");

    private static IdToken parse(String token) {
        return IdToken.parse(token, ISSUER, CLIENT_ID, TenantLayout.org(), NOW);
    }

    private static String withPayload(String payload) {
        return "eyJhbGciOiJSUzI1NiJ9." + TestTokens.encode(payload) + ".c2ln";
    }

    /** Raw text, or (to reach the claim checks sooner) a JWT whose header is fixed and whose payload is fuzzed. */
    @FuzzTest
    void anyTokenParsesIntoACheckedOneOrIsRefused(FuzzedDataProvider data) {
        String token =
                data.consumeBoolean() ? data.consumeRemainingAsString() : withPayload(data.consumeRemainingAsString());
        parsesIntoACheckedTokenOrIsRefused(token);
    }

    private static void parsesIntoACheckedTokenOrIsRefused(String token) {
        IdToken parsed;
        try {
            parsed = parse(token);
        } catch (InvalidTenantTokenException refused) {
            if (token.length() > 20) {
                assertThat(refused.getMessage()).doesNotContain(token.substring(token.length() - 20));
            }
            return;
        }
        assertThat(parsed.issuer()).isEqualTo(ISSUER);
        assertThat(parsed.expiresAt()).isAfter(NOW);
        assertThat(TenantValues.problem(parsed.tenant().org())).isNull();
    }

    static Stream<String> junk() {
        return RandomStrings.seeded(1).cases(1_000, r -> r.anyString(300));
    }

    @ParameterizedTest(name = "[{index}]")
    @MethodSource("junk")
    void arbitraryTextIsNeverAcceptedAndAlwaysRefusedWithATypedException(String junk) {
        assertThatThrownBy(() -> parse(junk)).isInstanceOf(InvalidTenantTokenException.class);
    }

    static Stream<String> payloads() {
        return RandomStrings.seeded(2).cases(1_000, r -> r.random().nextBoolean() ? r.anyString(200) : jsonish(r));
    }

    /** Text that looks like claims, so that most cases get past JSON parsing into the claim checks. */
    private static String jsonish(RandomStrings r) {
        return "{\"sub\":\"" + r.from("abc-1", 0, 6) + "\",\"custom:org\":"
                + r.oneOf("\"acme\"", "\"\"", "1", "null", "[\"a\"]", "\"a#b\"") + ",\"token_use\":"
                + r.oneOf("\"id\"", "\"access\"", "7") + ",\"iss\":"
                + r.oneOf("\"" + ISSUER + "\"", "\"x\"", "{}") + ",\"exp\":" + r.oneOf("0", "1e30", "\"t\"", "-1")
                + r.anyString(10) + "}";
    }

    @ParameterizedTest(name = "[{index}]")
    @MethodSource("payloads")
    void arbitraryPayloadsAreRefusedWithATypedException(String payload) {
        assertThatThrownBy(() -> parse(withPayload(payload))).isInstanceOf(InvalidTenantTokenException.class);
    }
}
