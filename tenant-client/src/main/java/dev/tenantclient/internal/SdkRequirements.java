/*
 * Copyright 2026 The tenant-client Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tenantclient.internal;

import software.amazon.awssdk.core.util.VersionInfo;
import software.amazon.awssdk.enhanced.dynamodb.IndexMetadata;

/**
 * Fails fast, when a client is built, on an AWS SDK older than the one the library needs, instead of a
 * {@code NoSuchMethodError} on the first table call. A dependency manager that pins an older SDK (Spring Cloud AWS
 * 3.4's BOM pins 2.31) is the usual cause.
 */
public final class SdkRequirements {

    /** The SDK version this release is built and tested with. */
    public static final String BUILT_WITH = "2.40.2";

    private SdkRequirements() {}

    /**
     * Checks the SDK on the class path.
     *
     * @throws IllegalStateException naming the SDK version found and the one needed
     */
    public static void check() {
        check(IndexMetadata.class, VersionInfo.SDK_VERSION);
    }

    /**
     * Checks that the Enhanced Client's index metadata has the multi-key accessors (added late in 2025).
     *
     * @param indexMetadata the class to inspect
     * @param sdkVersion the SDK version, for the message
     * @throws IllegalStateException when it lacks them
     */
    static void check(Class<?> indexMetadata, String sdkVersion) {
        try {
            indexMetadata.getMethod("partitionKeys");
        } catch (NoSuchMethodException e) {
            throw new IllegalStateException(
                    "tenant-client needs the AWS SDK for Java " + BUILT_WITH
                            + " or newer (software.amazon.awssdk:dynamodb-enhanced with IndexMetadata.partitionKeys()), but"
                            + " found " + sdkVersion
                            + ". A BOM is pinning an older SDK (Spring Cloud AWS 3.4's pins 2.31):"
                            + " import software.amazon.awssdk:bom:" + BUILT_WITH
                            + " before it in <dependencyManagement>",
                    e);
        }
    }
}
