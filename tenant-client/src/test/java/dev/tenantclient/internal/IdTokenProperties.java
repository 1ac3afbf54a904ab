/*
 * Copyright 2026 The tenant-client Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tenantclient.internal;

import static dev.tenantclient.testing.TestTokens.CLIENT_ID;
import static dev.tenantclient.testing.TestTokens.ISSUER;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tenantclient.InvalidTenantTokenException;
import dev.tenantclient.TenantLayout;
import dev.tenantclient.testing.TestTokens;
import java.time.Instant;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.StringLength;

class IdTokenProperties {

    private static final Instant NOW = Instant.parse("2026-11-24T10:00:00Z");

    private static IdToken parse(String token) {
        return IdToken.parse(token, ISSUER, CLIENT_ID, TenantLayout.org(), NOW);
    }

    @Property(tries = 300)
    void arbitraryTextIsNeverAcceptedAndAlwaysRefusedWithATypedException(@ForAll @StringLength(max = 300) String junk) {
        assertThatThrownBy(() -> parse(junk)).isInstanceOf(InvalidTenantTokenException.class);
    }

    @Property(tries = 300)
    void arbitraryPayloadsAreRefusedWithATypedException(@ForAll @StringLength(max = 200) String payload) {
        String token = "eyJhbGciOiJSUzI1NiJ9." + TestTokens.encode(payload) + ".c2ln";
        assertThatThrownBy(() -> parse(token)).isInstanceOf(InvalidTenantTokenException.class);
    }
}
