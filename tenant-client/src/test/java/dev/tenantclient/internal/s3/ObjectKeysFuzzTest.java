/*
 * Copyright 2026 The tenant-client Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tenantclient.internal.s3;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.tenantclient.Tenant;
import dev.tenantclient.TenantBoundaryException;
import dev.tenantclient.TenantLayout;
import dev.tenantclient.testing.RandomStrings;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Object keys from the application: every accepted key stays in the tenant's folder, keeps its meaning on a file
 * system as on S3 (no dot segments, no empty segments, no backslashes) and comes back unchanged.
 */
class ObjectKeysFuzzTest {

    private static final ObjectKeys ACME =
            new ObjectKeys(TenantLayout.org(), new Tenant("acme", "alice", Map.of("org", "acme")));

    @FuzzTest
    void everyAcceptedKeyStaysInTheTenantsFolder(FuzzedDataProvider data) {
        boolean prefix = data.consumeBoolean();
        staysInsideOrIsRefused(data.consumeRemainingAsString(), prefix);
    }

    private static void staysInsideOrIsRefused(String key, boolean prefix) {
        Throwable refused = catchThrowable(() -> store(key, prefix));
        boolean unsafe = (key.isEmpty() && !prefix)
                || key.startsWith("/")
                || key.indexOf('\\') >= 0
                || key.chars().anyMatch(Character::isISOControl)
                || (!key.isEmpty() && !StandardCharsets.UTF_8.newEncoder().canEncode(key))
                || Arrays.stream(key.split("/", -1)).anyMatch(s -> s.equals(".") || s.equals(".."))
                || key.contains("//")
                || ("acme/" + key).getBytes(StandardCharsets.UTF_8).length > ObjectKeys.MAX_KEY_BYTES;
        if (unsafe) {
            assertThat(refused).as("key %s", key).isInstanceOf(TenantBoundaryException.class);
            return;
        }
        assertThat(refused).as("key %s", key).isNull();
        String stored = store(key, prefix);
        assertThat(stored).isEqualTo("acme/" + key);
        assertThat(ACME.owns(stored)).isTrue();
        assertThat(ACME.toApplication(stored)).isEqualTo(key);
    }

    private static String store(String key, boolean prefix) {
        return prefix ? ACME.toStoredPrefix(key) : ACME.toStored(key);
    }

    static Stream<String> keys() {
        return RandomStrings.seeded(41).cases(1_000, r -> {
            StringBuilder key = new StringBuilder();
            int segments = 1 + r.random().nextInt(5);
            for (int i = 0; i < segments; i++) {
                if (i > 0) {
                    key.append('/');
                }
                key.append(
                        r.random().nextInt(4) == 0
                                ? r.oneOf(".", "..", "", "\\", "%2e%2e", "\u0000")
                                : r.anyString(12));
            }
            return key.toString();
        });
    }

    @ParameterizedTest(name = "[{index}]")
    @MethodSource("keys")
    void generatedKeysStayInTheTenantsFolderOrAreRefused(String key) {
        staysInsideOrIsRefused(key, false);
        staysInsideOrIsRefused(key, true);
    }
}
