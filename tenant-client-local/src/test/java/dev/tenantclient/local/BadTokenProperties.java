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
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

/**
 * Bad tokens, generated: each is refused by {@code session(token)} with a typed exception before any call to
 * Cognito, and the exception never repeats the token.
 */
class BadTokenProperties {

    private static LocalTenantStack stack;
    private static TenantClient client;

    @BeforeContainer
    static void start() {
        stack = TestStacks.shared();
        client = stack.clientBuilder().build();
    }

    @AfterContainer
    static void stop() {
        client.close();
    }

    @Property(tries = 300)
    void badTokensAreRefusedBeforeAnyCognitoCall(@ForAll("badTokens") String token) {
        long calls = stack.cognito().getIdCalls() + stack.cognito().getCredentialsCalls();

        Throwable thrown = catchThrowable(() -> client.session(token));

        assertThat(thrown).isInstanceOf(InvalidTenantTokenException.class);
        if (token != null && token.length() > 20) {
            assertThat(thrown.getMessage()).doesNotContain(token).doesNotContain(token.substring(token.length() - 20));
        }
        assertThat(stack.cognito().getIdCalls() + stack.cognito().getCredentialsCalls())
                .isEqualTo(calls);
    }

    @Provide
    Arbitrary<String> badTokens() {
        Arbitrary<String> unsafeOrg = Combinators.combine(
                        Arbitraries.strings().alpha().ofMaxLength(10),
                        Arbitraries.of(
                                "*", "?", "#", "/", "$", "{", "}", "[", "]", " ", "\t", "\n", "\u0000", "\u007f"),
                        Arbitraries.strings().alpha().ofMaxLength(10))
                .as((a, bad, b) -> a + bad + b);
        Arbitrary<String> subject =
                Arbitraries.strings().alpha().numeric().ofMinLength(1).ofMaxLength(20);
        return Arbitraries.oneOf(
                // not a JWT at all
                Arbitraries.strings().ofMaxLength(200),
                Arbitraries.just(""),
                Arbitraries.strings().alpha().ofMinLength(1).ofMaxLength(40).map(s -> s + "." + s),
                // a tenant the IAM pattern could not confine, or none
                Combinators.combine(subject, unsafeOrg)
                        .as((s, org) -> stack.tokens().token(s).org(org).build()),
                subject.map(s -> stack.tokens().token(s).build()),
                subject.map(s -> stack.tokens().token(s).org("a".repeat(129)).build()),
                subject.map(s -> stack.tokens().token(s).org("").build()),
                // expired, future-dated into expiry, wrong issuer, audience, use
                Combinators.combine(subject, Arbitraries.longs().between(1, 86_400 * 30))
                        .as((s, ago) -> stack.tokens()
                                .token(s)
                                .org("acme")
                                .issuedAt(Instant.now().minusSeconds(3600 + ago))
                                .build()),
                subject.map(s -> stack.tokens()
                        .token(s)
                        .org("acme")
                        .lifetime(Duration.ofSeconds(-1))
                        .build()),
                subject.map(s -> stack.tokens()
                        .token(s)
                        .org("acme")
                        .claim("iss", "https://cognito-idp.us-east-1.amazonaws.com/us-east-1_Other")
                        .build()),
                subject.map(s -> stack.tokens()
                        .token(s)
                        .org("acme")
                        .claim("aud", "another-client")
                        .build()),
                subject.map(s -> stack.tokens()
                        .token(s)
                        .org("acme")
                        .claim("token_use", "access")
                        .build()),
                subject.map(s -> stack.tokens()
                        .token(s)
                        .org("acme")
                        .claim("exp", "tomorrow")
                        .build()),
                subject.map(s -> stack.tokens()
                        .token(s)
                        .org("acme")
                        .claim("custom:org", java.util.List.of("a", "b"))
                        .build()));
    }
}
