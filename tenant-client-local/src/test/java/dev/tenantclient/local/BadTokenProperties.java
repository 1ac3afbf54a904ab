/*
 * Copyright 2026 The tenant-client Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tenantclient.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.tenantclient.InvalidTenantTokenException;
import dev.tenantclient.TenantClient;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Random;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Bad tokens, generated from a fixed seed: each is refused by {@code session(token)} with a typed exception before
 * any call to Cognito, and the exception never repeats the token.
 */
class BadTokenProperties {

    private static final String UNSAFE = "*?#/${}[] \t\n\u0000\u007f";
    private static final String ALPHA = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ";

    private static LocalTenantStack stack;
    private static TenantClient client;

    @BeforeAll
    static void start() {
        stack = TestStacks.shared();
        client = stack.clientBuilder().build();
    }

    @AfterAll
    static void stop() {
        client.close();
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @MethodSource("badTokens")
    void badTokensAreRefusedBeforeAnyCognitoCall(String kind, String token) {
        long calls = stack.cognito().getIdCalls() + stack.cognito().getCredentialsCalls();

        Throwable thrown = catchThrowable(() -> client.session(token));

        assertThat(thrown).as(kind).isInstanceOf(InvalidTenantTokenException.class);
        if (token.length() > 20) {
            assertThat(thrown.getMessage()).doesNotContain(token).doesNotContain(token.substring(token.length() - 20));
        }
        assertThat(stack.cognito().getIdCalls() + stack.cognito().getCredentialsCalls())
                .isEqualTo(calls);
    }

    static Stream<Arguments> badTokens() {
        LocalTokenIssuer tokens = TestStacks.shared().tokens();
        Random random = new Random(7);
        List<Function<Random, Arguments>> kinds = List.of(
                // not a JWT at all
                r -> Arguments.of("text", anyText(r, 200)),
                r -> Arguments.of("empty", ""),
                r -> {
                    String s = text(r, ALPHA, 1, 40);
                    return Arguments.of("two parts", s + "." + s);
                },
                // a tenant the IAM pattern could not confine, or none
                r -> Arguments.of(
                        "unsafe org",
                        tokens.token(subject(r))
                                .org(text(r, ALPHA, 0, 10)
                                        + UNSAFE.charAt(r.nextInt(UNSAFE.length()))
                                        + text(r, ALPHA, 0, 10))
                                .build()),
                r -> Arguments.of("no org", tokens.token(subject(r)).build()),
                r -> Arguments.of(
                        "long org",
                        tokens.token(subject(r)).org("a".repeat(129)).build()),
                r -> Arguments.of("empty org", tokens.token(subject(r)).org("").build()),
                // expired, future-dated into expiry, wrong issuer, audience, use
                r -> Arguments.of(
                        "expired",
                        tokens.token(subject(r))
                                .org("acme")
                                .issuedAt(Instant.now().minusSeconds(3600 + 1 + r.nextInt(86_400 * 30)))
                                .build()),
                r -> Arguments.of(
                        "negative lifetime",
                        tokens.token(subject(r))
                                .org("acme")
                                .lifetime(Duration.ofSeconds(-1))
                                .build()),
                r -> Arguments.of(
                        "other issuer",
                        tokens.token(subject(r))
                                .org("acme")
                                .claim("iss", "https://cognito-idp.us-east-1.amazonaws.com/us-east-1_Other")
                                .build()),
                r -> Arguments.of(
                        "other audience",
                        tokens.token(subject(r))
                                .org("acme")
                                .claim("aud", "another-client")
                                .build()),
                r -> Arguments.of(
                        "access token",
                        tokens.token(subject(r))
                                .org("acme")
                                .claim("token_use", "access")
                                .build()),
                r -> Arguments.of(
                        "text exp",
                        tokens.token(subject(r))
                                .org("acme")
                                .claim("exp", "tomorrow")
                                .build()),
                r -> Arguments.of(
                        "list org",
                        tokens.token(subject(r))
                                .org("acme")
                                .claim("custom:org", List.of("a", "b"))
                                .build()));
        return Stream.generate(() -> kinds.get(random.nextInt(kinds.size())).apply(random))
                .limit(300);
    }

    private static String subject(Random r) {
        return text(r, ALPHA + "0123456789", 1, 20);
    }

    private static String text(Random r, String alphabet, int min, int max) {
        StringBuilder s = new StringBuilder();
        int length = min + r.nextInt(max - min + 1);
        for (int i = 0; i < length; i++) {
            s.append(alphabet.charAt(r.nextInt(alphabet.length())));
        }
        return s.toString();
    }

    private static String anyText(Random r, int max) {
        StringBuilder s = new StringBuilder();
        int length = r.nextInt(max + 1);
        for (int i = 0; i < length; i++) {
            s.append((char) (r.nextBoolean() ? 0x20 + r.nextInt(0x5f) : r.nextInt(0x10000)));
        }
        return s.toString();
    }
}
