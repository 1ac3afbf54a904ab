/*
 * Copyright 2026 The tenant-client Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tenantclient.testing;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jose.util.Base64URL;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.text.ParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A user pool's signing keys for tests: RSA keys, a JWKS document served on loopback (with a request counter and an
 * outage switch), and tokens signed correctly or forged in every way the verifier must refuse.
 */
public final class TestJwks implements AutoCloseable {

    private final HttpServer server;
    private final List<RSAKey> published = new ArrayList<>();
    private final RSAKey foreign;
    private final AtomicInteger requests = new AtomicInteger();
    private volatile int failWith;

    public TestJwks() {
        this.foreign = newKey("foreign-key");
        published.add(newKey("pool-key-1"));
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        server.createContext("/pool/.well-known/jwks.json", exchange -> {
            requests.incrementAndGet();
            int status = failWith;
            byte[] body = (status == 0 ? jwksJson() : "{\"error\":\"down\"}").getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(status == 0 ? 200 : status, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        server.start();
    }

    public static RSAKey newKey(String kid) {
        try {
            return new RSAKeyGenerator(2048)
                    .keyID(kid)
                    .keyUse(KeyUse.SIGNATURE)
                    .algorithm(JWSAlgorithm.RS256)
                    .generate();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    public URI url() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/pool/.well-known/jwks.json");
    }

    public synchronized String jwksJson() {
        return new JWKSet(new ArrayList<>(published)).toPublicJWKSet().toString();
    }

    /** Publishes one more key (a rotation). */
    public synchronized RSAKey rotate(String kid) {
        RSAKey key = newKey(kid);
        published.add(key);
        return key;
    }

    /** A key the pool never published. */
    public RSAKey foreignKey() {
        return foreign;
    }

    public synchronized RSAKey key() {
        return published.get(0);
    }

    public int requests() {
        return requests.get();
    }

    /** Answers every JWKS request with this status (0: serve the keys again). */
    public void failWith(int status) {
        this.failWith = status;
    }

    /** A token with these claims, signed RS256 by the pool's first key. */
    public String sign(String unsignedToken) {
        return sign(unsignedToken, key(), key().getKeyID());
    }

    /** A token with the claims of {@code unsignedToken} (a {@link TestTokens} token), signed by {@code key}. */
    public static String sign(String unsignedToken, RSAKey key, String kid) {
        try {
            SignedJWT jwt = new SignedJWT(
                    new JWSHeader.Builder(JWSAlgorithm.RS256)
                            .keyID(kid)
                            .type(JOSEObjectType.JWT)
                            .build(),
                    claimsOf(unsignedToken));
            jwt.sign(new RSASSASigner(key));
            return jwt.serialize();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Signed by a key the pool never published, under a made-up key id. */
    public String signedWithUnknownKey(String unsignedToken) {
        return sign(unsignedToken, foreign, foreign.getKeyID());
    }

    /** Signed by a foreign key, but naming the pool's key id. */
    public String signedWithWrongKey(String unsignedToken) {
        return sign(unsignedToken, foreign, key().getKeyID());
    }

    /** HS256 with the pool's public key as the HMAC secret (the algorithm-confusion attack). */
    public String signedHs256WithPublicKey(String unsignedToken) {
        try {
            byte[] secret = key().toPublicJWK().toJSONString().getBytes(StandardCharsets.UTF_8);
            SignedJWT jwt = new SignedJWT(
                    new JWSHeader.Builder(JWSAlgorithm.HS256)
                            .keyID(key().getKeyID())
                            .build(),
                    claimsOf(unsignedToken));
            jwt.sign(new MACSigner(secret));
            return jwt.serialize();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    /** {@code alg: none} with the pool's key id and a non-empty (meaningless) signature part. */
    public String unsigned(String unsignedToken) {
        String[] parts = unsignedToken.split("\\.", -1);
        String header = TestTokens.encode("{\"alg\":\"none\",\"kid\":\"" + key().getKeyID() + "\"}");
        return header + "." + parts[1] + "." + parts[2];
    }

    /** A genuine token whose payload was replaced after signing (the signature is the original one). */
    public static String altered(String signedToken, String newUnsignedToken) {
        String[] signed = signedToken.split("\\.", -1);
        String[] replacement = newUnsignedToken.split("\\.", -1);
        return signed[0] + "." + replacement[1] + "." + signed[2];
    }

    private static JWTClaimsSet claimsOf(String unsignedToken) {
        try {
            String payload = unsignedToken.split("\\.", -1)[1];
            return JWTClaimsSet.parse(new Base64URL(payload).decodeToString());
        } catch (ParseException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
