/*
 * Copyright 2026 The tenant-client Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tenantclient.spring;

import dev.tenantclient.InvalidTenantTokenException;
import dev.tenantclient.TokenVerifier;
import java.util.Objects;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtException;

/**
 * Verifies ID tokens with the application's {@link JwtDecoder} (signature, issuer, expiry, and whatever validators
 * the application configured), so that tokens given to {@code TenantClient.session(...)} directly are checked as
 * strictly as the requests Spring Security authenticates. The auto-configured {@code TenantClient} uses it whenever
 * the application has one {@code JwtDecoder} bean.
 */
public final class JwtDecoderTokenVerifier implements TokenVerifier {

    private final JwtDecoder decoder;

    /**
     * Creates the verifier.
     *
     * @param decoder the application's decoder
     */
    public JwtDecoderTokenVerifier(JwtDecoder decoder) {
        this.decoder = Objects.requireNonNull(decoder, "decoder");
    }

    @Override
    public void verify(String idToken) {
        try {
            decoder.decode(idToken);
        } catch (JwtException e) {
            throw new InvalidTenantTokenException(
                    InvalidTenantTokenException.Reason.REJECTED,
                    "The token was rejected by the application's JwtDecoder ("
                            + e.getClass().getSimpleName() + ")",
                    e);
        }
    }

    @Override
    public String toString() {
        return "JwtDecoderTokenVerifier{" + decoder.getClass().getSimpleName() + "}";
    }
}
