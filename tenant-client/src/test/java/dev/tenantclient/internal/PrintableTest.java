/*
 * Copyright 2026 The tenant-client Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tenantclient.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tenantclient.InvalidTenantTokenException;
import dev.tenantclient.policy.PolicyResources;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PrintableTest {

    @ParameterizedTest
    @ValueSource(
            strings = {"\u2028", "\u2029", "\u0085", "\n", "\r", "\t", "\u000b", "\u200b", "\u202e", "\ufeff", "\u00a0"
            })
    void lineSeparatorsControlAndFormatCharactersAreEscaped(String invisible) {
        String printed = Printable.of("a" + invisible + "b");

        assertThat(printed).doesNotContain(invisible).startsWith("a\\u").endsWith("b");
    }

    @Test
    void ordinaryTextStaysAsItIsAndBackslashesAreDoubled() {
        assertThat(Printable.of("acme files é 中 \ud835\udc00")).isEqualTo("acme files é 中 \ud835\udc00");
        assertThat(Printable.of("a\\u2028b")).isEqualTo("a\\\\u2028b");
        assertThat(Printable.of("a\ud800b")).isEqualTo("a\\ud800b");
        assertThat(Printable.of(null)).isEqualTo("null");
    }

    @Test
    void longTextIsCut() {
        assertThat(Printable.of("x".repeat(1000))).hasSizeLessThan(300).endsWith("(1000 characters)");
    }

    @Test
    void messagesCarryingOutsideTextEscapeIt() {
        assertThatThrownBy(() -> TenantValues.check("custom:org\u2028forged", "a#b"))
                .isInstanceOf(InvalidTenantTokenException.class)
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\u2028"));
        assertThatThrownBy(() -> PolicyResources.builder().bucket("files\u2029x"))
                .isInstanceOf(IllegalArgumentException.class)
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\u2029"));
    }
}
