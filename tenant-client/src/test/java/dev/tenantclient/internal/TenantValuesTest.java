/*
 * Copyright 2026 The tenant-client Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tenantclient.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tenantclient.InvalidTenantTokenException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TenantValuesTest {

    @Test
    void overLongValuesAreRefusedWithTheirLength() {
        assertThatThrownBy(() -> TenantValues.check("custom:org", "a".repeat(129)))
                .isInstanceOf(InvalidTenantTokenException.class)
                .hasMessageContaining("129 characters long; at most 128");
        assertThat(TenantValues.check("custom:org", "a".repeat(128))).hasSize(128);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "",
                "acme#",
                "other#x",
                "ac*me",
                "a/b",
                "${aws:username}",
                "[x]",
                "acme ",
                "\u0007",
                ".",
                "..",
                "a\u2028b",
                "a\u0085b",
                "a\udb40\udc41b",
                "a\ud800b"
            })
    void handPickedUnsafeValuesAreRefused(String value) {
        assertThat(TenantValues.problem(value)).isNotNull();
    }

    @ParameterizedTest
    @ValueSource(strings = {"...", ".acme", "a.b", "acme-1", "A_b:c=d+e@f", "\u00e9t\u00e9", "\ud835\udc00"})
    void ordinaryValuesWithDotsLettersAndSymbolsAreAccepted(String value) {
        assertThat(TenantValues.problem(value)).isNull();
    }

    @Test
    void unsafeTagValuePatternsNameTheSeparatorsTheDotSegmentsAndEverySpaceSeparator() {
        assertThat(TenantValues.unsafeTagValuePatterns())
                .startsWith("", ".", "..", "*#*", "*/*", "* *")
                .contains("*\u00a0*", "*\u2028*", "*\u2029*", "*\u3000*", "?".repeat(129) + "*")
                .doesNotContain("*.*", "*:*", "*-*");
    }

    @Test
    void nullIsMissing() {
        assertThat(TenantValues.problem(null)).isEqualTo("is missing");
    }
}
