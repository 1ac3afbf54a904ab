/*
 * Copyright 2026 The tenant-client Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tenantclient.local.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.tenantclient.local.internal.SigV4Verifier.Secret;
import dev.tenantclient.local.internal.SigV4Verifier.SignatureException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * SigV4 parsing is the gateway's front door: whatever a client sends (headers, query, presigned parameters), the
 * verifier answers with a {@link SignatureException} (which the gateway turns into AWS's error) and never with any
 * other exception, and it never accepts a request it cannot have been signed for.
 */
class SigV4VerifierFuzzTest {

    private static final Instant NOW = Instant.parse("2026-11-24T10:00:00Z");
    private static final SigV4Verifier VERIFIER = new SigV4Verifier(Clock.fixed(NOW, ZoneOffset.UTC));
    private static final String DATE = "20261124T100000Z";
    private static final List<String> PARAMETERS = List.of(
            "X-Amz-Algorithm",
            "X-Amz-Credential",
            "X-Amz-SignedHeaders",
            "X-Amz-Signature",
            "X-Amz-Date",
            "X-Amz-Expires",
            "X-Amz-Security-Token",
            "prefix",
            "list-type");
    private static final List<String> VALUES = List.of(
            "AWS4-HMAC-SHA256",
            "AKID/20261124/us-east-1/s3/aws4_request",
            "host;x-amz-date",
            "0".repeat(64),
            DATE,
            "300",
            "-9223372036854775808",
            "99999999999999999999",
            "%",
            "%zz",
            "+",
            "");

    /** A request as the gateway hands it over. */
    record Received(String method, String path, String query, Map<String, List<String>> headers, String body) {}

    /** Where the parts of a request come from: the fuzzer, or a seeded random. */
    interface Source {
        boolean bool();

        String string(int max);

        String pick(List<String> values);

        /** A known token half the time (to get deep into the parser), fuzzed text otherwise. */
        default String part(List<String> known, int max) {
            return bool() ? pick(known) : string(max);
        }
    }

    static Received request(Source in) {
        boolean presigned = in.bool();
        StringBuilder query = new StringBuilder();
        Map<String, List<String>> headers = new TreeMap<>();
        headers.put("host", List.of("localhost"));
        if (presigned) {
            for (String name : PARAMETERS) {
                if (in.bool()) {
                    query.append(query.length() == 0 ? "" : "&")
                            .append(name)
                            .append('=')
                            .append(in.part(VALUES, 30));
                }
            }
        } else {
            headers.put("x-amz-date", List.of(in.part(List.of(DATE, "20261124T000000Z", "x"), 20)));
            headers.put(
                    "authorization",
                    List.of("AWS4-HMAC-SHA256 Credential=" + in.part(VALUES, 60) + ", SignedHeaders="
                            + in.part(List.of("host;x-amz-date", "host", "", "nope;x-amz-date"), 30) + ", Signature="
                            + in.part(VALUES, 70) + in.string(30)));
        }
        if (in.bool()) {
            query.append('&').append(in.string(40));
        }
        return new Received(
                in.pick(List.of("GET", "PUT", "POST", "HEAD")),
                "/" + in.string(40),
                query.toString(),
                headers,
                in.string(40));
    }

    /** Every key is known (so a request gets to the signature check); no session token is required. */
    private static void refusedWithASignatureException(Received r) {
        try {
            VERIFIER.verify(
                    r.method(),
                    r.path(),
                    r.query(),
                    r.headers(),
                    r.body().getBytes(StandardCharsets.UTF_8),
                    key -> Optional.of(new Secret("s", null)));
        } catch (SignatureException refused) {
            assertThat(refused.code()).isNotBlank();
            return;
        }
        throw new AssertionError("a request nobody signed was accepted: " + r);
    }

    @FuzzTest
    void anyRequestIsRefusedWithASignatureException(FuzzedDataProvider data) {
        refusedWithASignatureException(request(new Source() {
            @Override
            public boolean bool() {
                return data.consumeBoolean();
            }

            @Override
            public String string(int max) {
                return data.consumeString(max);
            }

            @Override
            public String pick(List<String> values) {
                return data.pickValue(values);
            }
        }));
    }

    static Stream<Received> requests() {
        Random random = new Random(51);
        Source seeded = new Source() {
            @Override
            public boolean bool() {
                return random.nextBoolean();
            }

            @Override
            public String string(int max) {
                StringBuilder s = new StringBuilder();
                int length = random.nextInt(max + 1);
                for (int i = 0; i < length; i++) {
                    s.append(
                            random.nextInt(3) == 0
                                    ? "%&=+/;,. ".charAt(random.nextInt(9))
                                    : (char) (0x20 + random.nextInt(0x5f)));
                }
                return s.toString();
            }

            @Override
            public String pick(List<String> values) {
                return values.get(random.nextInt(values.size()));
            }
        };
        return Stream.generate(() -> request(seeded)).limit(1_000);
    }

    @ParameterizedTest(name = "[{index}]")
    @MethodSource("requests")
    void generatedRequestsAreRefusedWithASignatureException(Received request) {
        refusedWithASignatureException(request);
    }
}
