/*
 * Copyright 2026 The tenant-client Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tenantclient.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tenantclient.InvalidTenantTokenException;
import dev.tenantclient.Tenant;
import dev.tenantclient.TenantLayout;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.CharRange;
import net.jqwik.api.constraints.NumericChars;
import net.jqwik.api.constraints.StringLength;

class TenantValuesProperties {

    @Property
    void safeValuesAreAcceptedAsTheyAre(
            @ForAll @StringLength(min = 1, max = 128) @CharRange(from = 'a', to = 'z') @NumericChars String value) {
        assertThat(TenantValues.check("custom:org", value)).isEqualTo(value);
    }

    @Property
    void anyValueWithAForbiddenCharacterIsRefused(
            @ForAll @StringLength(max = 60) @CharRange(from = 'a', to = 'z') String before,
            @ForAll("forbidden") char bad,
            @ForAll @StringLength(max = 60) @CharRange(from = 'a', to = 'z') String after) {
        String value = before + bad + after;
        assertThatThrownBy(() -> TenantValues.check("custom:org", value))
                .isInstanceOf(InvalidTenantTokenException.class)
                .hasMessageContaining("custom:org")
                .satisfies(e -> assertThat(((InvalidTenantTokenException) e).isTenantProblem())
                        .isTrue());
    }

    @Provide
    Arbitrary<Character> forbidden() {
        return Arbitraries.of(
                '*', '?', '#', '/', '$', '{', '}', '[', ']', ' ', '\t', '\n', '\r', '\u0000', '\u007f', '\u00a0',
                '\u2028', '\u200b', '\u202e', '\ufeff');
    }

    @Property
    void acceptedValuesNeverMakeOnePrefixTheStartOfAnother(
            @ForAll("tenantIds") String a, @ForAll("tenantIds") String b) {
        TenantLayout layout = TenantLayout.org();
        Tenant ta = layout.tenantFromClaims(Map.of("sub", "s", "custom:org", a));
        Tenant tb = layout.tenantFromClaims(Map.of("sub", "s", "custom:org", b));
        if (!a.equals(b)) {
            assertThat(layout.partitionKeyPrefix(ta)).doesNotStartWith(layout.partitionKeyPrefix(tb));
            assertThat(layout.objectKeyPrefix(ta)).doesNotStartWith(layout.objectKeyPrefix(tb));
        }
    }

    @Provide
    Arbitrary<String> tenantIds() {
        return Arbitraries.strings()
                .withChars("abc-_.:x1")
                .ofMinLength(1)
                .ofMaxLength(6)
                .filter(v -> !v.equals(".") && !v.equals(".."));
    }
}
