/*
 * Copyright 2026 The tenant-client Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tenantclient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tenantclient.InvalidTenantTokenException.Reason;
import dev.tenantclient.TenantClientBuilderTest.MutableClock;
import dev.tenantclient.testing.TestJwks;
import dev.tenantclient.testing.TestTokens;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The default verifier against a JWKS served on loopback, with a clock the tests move. */
class JwksTokenVerifierTest {

    private static final Instant NOW = Instant.parse("2026-11-24T10:00:00Z");
    private static TestJwks jwks;

    private MutableClock clock;
    private JwksTokenVerifier verifier;

    @BeforeAll
    static void startJwks() {
        jwks = new TestJwks();
    }

    @AfterAll
    static void stopJwks() {
        jwks.close();
    }

    @BeforeEach
    void newVerifier() {
        jwks.failWith(0);
        clock = new MutableClock(NOW);
        verifier = JwksTokenVerifier.builder()
                .jwksUrl(jwks.url())
                .clock(clock)
                .minimumRefreshInterval(Duration.ofSeconds(10))
                .cacheLifetime(Duration.ofMinutes(15))
                .build();
    }

    private static String claims() {
        return TestTokens.token(NOW).build();
    }

    private static void assertRejected(Runnable call, String messagePart) {
        assertThatThrownBy(call::run)
                .isInstanceOf(InvalidTenantTokenException.class)
                .hasMessageContaining(messagePart)
                .extracting(e -> ((InvalidTenantTokenException) e).reason())
                .isEqualTo(Reason.REJECTED);
    }

    @Test
    void aTokenSignedByThePoolsKeyVerifiesWithOneReadOfTheJwks() {
        int before = jwks.requests();
        verifier.verify(jwks.sign(claims()));
        verifier.verify(jwks.sign(TestTokens.token(NOW).claim("sub", "bob").build()));
        assertThat(jwks.requests() - before).isEqualTo(1);
    }

    @Test
    void forgedTokensOfEveryKindAreRejected() {
        String genuine = jwks.sign(claims());
        assertRejected(() -> verifier.verify(jwks.unsigned(claims())), "alg 'none'");
        assertRejected(() -> verifier.verify(jwks.signedHs256WithPublicKey(claims())), "'HS256'");
        assertRejected(() -> verifier.verify(jwks.signedWithUnknownKey(claims())), "not one of the user pool's keys");
        assertRejected(() -> verifier.verify(jwks.signedWithWrongKey(claims())), "does not verify");
        String otherTenant = TestTokens.token(NOW).claim("custom:org", "globex").build();
        assertRejected(() -> verifier.verify(TestJwks.altered(genuine, otherTenant)), "does not verify");
        assertRejected(() -> verifier.verify(claims()), "not one of"); // TestTokens: kid "test", placeholder signature
        String noKid = TestJwks.sign(claims(), jwks.key(), null);
        assertRejected(() -> verifier.verify(noKid), "no signing key");
        assertRejected(() -> verifier.verify("not.a.jwt"), "not a signed JWT");
    }

    @Test
    void unknownKeyIdsReadTheJwksAtMostOncePerInterval() {
        verifier.verify(jwks.sign(claims()));
        int before = jwks.requests();
        assertRejected(() -> verifier.verify(jwks.signedWithUnknownKey(claims())), "not one of");
        assertThat(jwks.requests()).isEqualTo(before); // read just now: the interval has not passed
        clock.advance(Duration.ofSeconds(10));
        for (int i = 0; i < 50; i++) {
            String forged = TestJwks.sign(claims(), jwks.foreignKey(), "made-up-" + i);
            assertRejected(() -> verifier.verify(forged), "not one of the user pool's keys");
        }
        assertThat(jwks.requests() - before).isEqualTo(1);
        clock.advance(Duration.ofSeconds(9));
        assertRejected(() -> verifier.verify(jwks.signedWithUnknownKey(claims())), "not one of");
        assertThat(jwks.requests() - before).isEqualTo(1);
        clock.advance(Duration.ofSeconds(1));
        assertRejected(() -> verifier.verify(jwks.signedWithUnknownKey(claims())), "not one of");
        assertRejected(() -> verifier.verify(jwks.signedWithUnknownKey(claims())), "not one of");
        assertThat(jwks.requests() - before).isEqualTo(2);
    }

    @Test
    void aRotatedKeyIsPickedUpByTheFirstTokenThatNamesIt() {
        verifier.verify(jwks.sign(claims()));
        clock.advance(Duration.ofSeconds(11));
        var rotated = jwks.rotate("pool-key-" + System.nanoTime());
        int before = jwks.requests();
        assertThatCode(() -> verifier.verify(TestJwks.sign(claims(), rotated, rotated.getKeyID())))
                .doesNotThrowAnyException();
        assertThat(jwks.requests() - before).isEqualTo(1);
    }

    @Test
    void concurrentUnknownKeyIdsShareOneRead() throws Exception {
        verifier.verify(jwks.sign(claims()));
        clock.advance(Duration.ofSeconds(11));
        int before = jwks.requests();
        List<String> forged = new ArrayList<>();
        for (int i = 0; i < 64; i++) {
            forged.add(TestJwks.sign(claims(), jwks.foreignKey(), "made-up-" + i));
        }
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<?>> calls = new ArrayList<>();
            for (String token : forged) {
                calls.add(pool.submit(() -> {
                    start.await();
                    assertRejected(() -> verifier.verify(token), "not one of");
                    return null;
                }));
            }
            start.countDown();
            for (Future<?> call : calls) {
                call.get();
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(jwks.requests() - before).isEqualTo(1);
    }

    @Test
    void anUnreadableJwksFailsClosedWithCredentialsUnavailable() {
        jwks.failWith(503);
        assertThatThrownBy(() -> verifier.verify(jwks.sign(claims())))
                .isInstanceOf(CredentialsUnavailableException.class)
                .hasMessageContaining("signing keys could not be read")
                .hasMessageContaining("503");
        // Within the interval nobody asks again, and nothing is accepted.
        int before = jwks.requests();
        assertThatThrownBy(() -> verifier.verify(jwks.sign(claims())))
                .isInstanceOf(CredentialsUnavailableException.class);
        assertThat(jwks.requests()).isEqualTo(before);
        // Once the keys can be read, tokens verify again.
        jwks.failWith(0);
        clock.advance(Duration.ofSeconds(10));
        assertThatCode(() -> verifier.verify(jwks.sign(claims()))).doesNotThrowAnyException();
    }

    @Test
    void anUnreachableJwksFailsClosed() throws Exception {
        int port;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = socket.getLocalPort();
        }
        JwksTokenVerifier nowhere = JwksTokenVerifier.builder()
                .jwksUrl(URI.create("http://127.0.0.1:" + port + "/pool/.well-known/jwks.json"))
                .timeout(Duration.ofSeconds(2))
                .clock(clock)
                .build();
        assertThatThrownBy(() -> nowhere.verify(jwks.sign(claims())))
                .isInstanceOf(CredentialsUnavailableException.class)
                .hasMessageContaining("could not be read");
    }

    @Test
    void aJwksThatIsNotAJwksFailsClosed() {
        JwksTokenVerifier wrongDocument = JwksTokenVerifier.builder()
                .jwksUrl(jwks.url().resolve("/pool/nothing-here"))
                .clock(clock)
                .build();
        assertThatThrownBy(() -> wrongDocument.verify(jwks.sign(claims())))
                .isInstanceOf(CredentialsUnavailableException.class);
    }

    @Test
    void keysReadBeforeKeepVerifyingThroughAShortOutageButNotForever() {
        verifier.verify(jwks.sign(claims()));
        jwks.failWith(500);
        clock.advance(Duration.ofMinutes(16)); // past the lifetime: a read is due, and fails
        assertThatCode(() -> verifier.verify(jwks.sign(claims()))).doesNotThrowAnyException();
        clock.advance(Duration.ofMinutes(15)); // past twice the lifetime without a successful read
        assertThatThrownBy(() -> verifier.verify(jwks.sign(claims())))
                .isInstanceOf(CredentialsUnavailableException.class);
    }

    @Test
    void keysAreReadAgainAfterTheirLifetime() {
        verifier.verify(jwks.sign(claims()));
        int before = jwks.requests();
        clock.advance(Duration.ofMinutes(15));
        verifier.verify(jwks.sign(claims()));
        verifier.verify(jwks.sign(claims()));
        assertThat(jwks.requests() - before).isEqualTo(1);
    }

    @Test
    void theDefaultUrlIsTheUserPoolsJwks() {
        assertThat(JwksTokenVerifier.forUserPool("eu-west-1_AbCdEf123").jwksUrl())
                .hasToString("https://cognito-idp.eu-west-1.amazonaws.com/eu-west-1_AbCdEf123/.well-known/jwks.json");
        assertThat(JwksTokenVerifier.forUserPool("eu-west-1_AbCdEf123").toString())
                .contains("cognito-idp.eu-west-1.amazonaws.com");
    }

    @Test
    void settingsAreValidated() {
        assertThatThrownBy(() -> JwksTokenVerifier.builder().build()).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> JwksTokenVerifier.builder().userPoolId("pool"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> JwksTokenVerifier.builder().jwksUrl(URI.create("file:///etc/passwd")))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> JwksTokenVerifier.builder().cacheLifetime(Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> JwksTokenVerifier.builder()
                        .userPoolId("eu-west-1_AbCdEf123")
                        .cacheLifetime(Duration.ofSeconds(5))
                        .minimumRefreshInterval(Duration.ofSeconds(10))
                        .build())
                .isInstanceOf(IllegalStateException.class);
    }

    @Test
    void messagesNeverContainTheToken() {
        String forged = jwks.signedWithWrongKey(claims());
        assertThatThrownBy(() -> verifier.verify(forged))
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain(forged.substring(0, 30)));
    }
}
