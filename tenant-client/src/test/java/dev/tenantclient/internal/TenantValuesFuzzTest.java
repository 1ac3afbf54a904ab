/*
 * Copyright 2026 The tenant-client Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tenantclient.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.tenantclient.InvalidTenantTokenException;
import dev.tenantclient.Tenant;
import dev.tenantclient.TenantLayout;
import dev.tenantclient.testing.RandomStrings;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Tenant values become IAM tag values and key prefixes: an accepted value must be one no IAM pattern or other
 * tenant's prefix can be widened by.
 */
class TenantValuesFuzzTest {

    private static final String FORBIDDEN = "*?#/$}{[] \t\n\r\u0000\u007f\u00a0\u2028\u200b\u202e\ufeff";

    /** The rule, written independently of {@link TenantValues}. */
    private static boolean safe(String value) {
        return !value.isEmpty()
                && value.length() <= 128
                && !value.equals(".")
                && !value.equals("..")
                && value.codePoints()
                        .noneMatch(c -> "*?#/${}[]".indexOf(c) >= 0
                                || Character.isWhitespace(c)
                                || Character.isISOControl(c)
                                || Character.isSpaceChar(c)
                                || Character.getType(c) == Character.FORMAT
                                || Character.getType(c) == Character.SURROGATE
                                || Character.getType(c) == Character.PRIVATE_USE
                                || Character.getType(c) == Character.UNASSIGNED);
    }

    @FuzzTest
    void acceptedValuesAreSafeAndNeverPrefixOneAnother(FuzzedDataProvider data) {
        String a = data.consumeString(140);
        String b = data.consumeRemainingAsString();
        checkedAsTheRuleSays(a);
        checkedAsTheRuleSays(b);
        if (safe(a) && safe(b)) {
            prefixesDoNotOverlap(a, b);
        }
    }

    private static void checkedAsTheRuleSays(String value) {
        if (safe(value)) {
            assertThat(TenantValues.check("custom:org", value)).isEqualTo(value);
        } else {
            assertThatThrownBy(() -> TenantValues.check("custom:org", value))
                    .isInstanceOf(InvalidTenantTokenException.class)
                    .hasMessageContaining("custom:org")
                    .satisfies(e -> assertThat(((InvalidTenantTokenException) e).isTenantProblem())
                            .isTrue());
        }
    }

    private static void prefixesDoNotOverlap(String a, String b) {
        TenantLayout layout = TenantLayout.org();
        Tenant ta = layout.tenantFromClaims(Map.of("sub", "s", "custom:org", a));
        Tenant tb = layout.tenantFromClaims(Map.of("sub", "s", "custom:org", b));
        if (!a.equals(b)) {
            assertThat(layout.partitionKeyPrefix(ta)).doesNotStartWith(layout.partitionKeyPrefix(tb));
            assertThat(layout.objectKeyPrefix(ta)).doesNotStartWith(layout.objectKeyPrefix(tb));
        }
    }

    static Stream<String> safeValues() {
        return RandomStrings.seeded(11).cases(1_000, r -> r.from("abcdefghijklmnopqrstuvwxyz0123456789", 1, 128));
    }

    @ParameterizedTest(name = "[{index}]")
    @MethodSource("safeValues")
    void safeValuesAreAcceptedAsTheyAre(String value) {
        assertThat(TenantValues.check("custom:org", value)).isEqualTo(value);
    }

    static Stream<String> valuesWithAForbiddenCharacter() {
        String az = "abcdefghijklmnopqrstuvwxyz";
        return RandomStrings.seeded(12)
                .cases(
                        1_000,
                        r -> r.from(az, 0, 60)
                                + FORBIDDEN.charAt(r.random().nextInt(FORBIDDEN.length()))
                                + r.from(az, 0, 60));
    }

    @ParameterizedTest(name = "[{index}]")
    @MethodSource("valuesWithAForbiddenCharacter")
    void anyValueWithAForbiddenCharacterIsRefused(String value) {
        assertThat(safe(value)).isFalse();
        checkedAsTheRuleSays(value);
    }

    static Stream<Arguments> pairs() {
        return RandomStrings.seeded(13)
                .cases(1_000, r -> Arguments.of(r.from("abc-_.:x1", 1, 6), r.from("abc-_.:x1", 1, 6)))
                // '.' and '..' are refused (dot segments); the property is about accepted values
                .filter(a -> safe((String) a.get()[0]) && safe((String) a.get()[1]));
    }

    @ParameterizedTest(name = "[{index}]")
    @MethodSource("pairs")
    void acceptedValuesNeverMakeOnePrefixTheStartOfAnother(String a, String b) {
        prefixesDoNotOverlap(a, b);
    }

    static Stream<String> anyValues() {
        return RandomStrings.seeded(14).cases(1_000, r -> r.anyString(140));
    }

    @ParameterizedTest(name = "[{index}]")
    @MethodSource("anyValues")
    void anyValueIsCheckedAsTheRuleSays(String value) {
        checkedAsTheRuleSays(value);
    }
}
