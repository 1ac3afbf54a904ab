/*
 * Copyright 2026 The tenant-client Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tenantclient.internal;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** An SDK pinned too old by a BOM is named at build() time, not met as a NoSuchMethodError on the first table call. */
class SdkRequirementsTest {

    @Test
    void theSdkOfThisBuildPasses() {
        assertThatCode(SdkRequirements::check).doesNotThrowAnyException();
    }

    @Test
    void anOlderEnhancedClientIsNamedWithTheVersionFoundAndTheFix() {
        // Object has no partitionKeys(): the shape of IndexMetadata in SDK 2.31
        assertThatThrownBy(() -> SdkRequirements.check(Object.class, "2.31.78"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("found 2.31.78")
                .hasMessageContaining("2.40.2 or newer")
                .hasMessageContaining("import software.amazon.awssdk:bom:2.40.2 before it");
    }
}
