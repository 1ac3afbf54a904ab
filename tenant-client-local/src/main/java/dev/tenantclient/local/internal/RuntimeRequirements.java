/*
 * Copyright 2026 The tenant-client Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tenantclient.local.internal;

import java.util.ArrayList;
import java.util.List;

/**
 * The dependency versions the local stack's servers need, checked before any of them starts: an application's BOM
 * (an older Spring Boot, an older AWS SDK BOM) can pin versions that s3proxy cannot run on, and the failure would
 * otherwise surface as a {@code NoSuchMethodError} deep in a server thread.
 */
public final class RuntimeRequirements {

    private RuntimeRequirements() {}

    /**
     * Checks the classpath.
     *
     * @throws IllegalStateException naming each artifact that is too old, its version and the version needed
     */
    public static void check() {
        List<String> problems = new ArrayList<>();
        if (!classExists("com.fasterxml.jackson.annotation.JsonSerializeAs")) {
            problems.add("com.fasterxml.jackson.core:jackson-annotations (Jackson " + jacksonVersion()
                    + ") is too old: s3proxy needs 2.21 or newer (it uses @JsonSerializeAs); import"
                    + " com.fasterxml.jackson:jackson-bom:2.21.x or newer");
        }
        if (!hasMethod("software.amazon.awssdk.services.s3.model.PutObjectRequest$Builder", "checksumCRC64NVME")) {
            problems.add("software.amazon.awssdk:s3 " + sdkVersion()
                    + " is too old: s3proxy needs 2.30.0 or newer (it calls checksumCRC64NVME); import"
                    + " software.amazon.awssdk:bom:2.30.0 or newer");
        }
        if (!problems.isEmpty()) {
            throw new IllegalStateException("LocalTenantStack cannot start on this classpath: "
                    + String.join("; ", problems)
                    + ". (An application BOM, such as an older Spring Boot's, may have pinned these versions.)");
        }
    }

    private static boolean classExists(String name) {
        try {
            Class.forName(name, false, RuntimeRequirements.class.getClassLoader());
            return true;
        } catch (ClassNotFoundException | LinkageError e) {
            return false;
        }
    }

    private static boolean hasMethod(String className, String method) {
        try {
            Class<?> type = Class.forName(className, false, RuntimeRequirements.class.getClassLoader());
            for (java.lang.reflect.Method m : type.getMethods()) {
                if (m.getName().equals(method)) {
                    return true;
                }
            }
            return false;
        } catch (ClassNotFoundException | LinkageError e) {
            return false;
        }
    }

    private static String jacksonVersion() {
        return com.fasterxml.jackson.databind.cfg.PackageVersion.VERSION.toString();
    }

    private static String sdkVersion() {
        return software.amazon.awssdk.core.util.VersionInfo.SDK_VERSION;
    }
}
