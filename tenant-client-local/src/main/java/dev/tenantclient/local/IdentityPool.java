/*
 * Copyright 2026 The tenant-client Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tenantclient.local;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * The local identity pool's configuration, the one place it is held: its principal-tag map, login providers,
 * authenticated role and role mapping. The {@link CognitoIdentityEmulator} issues credentials from it and answers the
 * control-plane calls ({@code DescribeIdentityPool}, {@code GetPrincipalTagAttributeMap}, ...) from it, and
 * {@link LocalDeployment} changes it, so what {@code TenantDoctor} reads is what the exchange does. Thread-safe.
 */
final class IdentityPool {

    private final Map<String, String> defaultPrincipalTags;
    private final Map<String, String> principalTags = new LinkedHashMap<>();
    private final Map<String, String> otherProviders = new LinkedHashMap<>();
    private boolean useDefaultPrincipalTags;
    private boolean userPoolRegistered;
    private boolean authenticatedRole;
    private @Nullable String roleMappingType;

    IdentityPool(Map<String, String> principalTags) {
        this.defaultPrincipalTags = Map.copyOf(principalTags);
        reset();
    }

    /** Back to the stack's configuration: the layouts' tags, the user pool as the only provider, the role. */
    synchronized void reset() {
        principalTags.clear();
        principalTags.putAll(defaultPrincipalTags);
        otherProviders.clear();
        useDefaultPrincipalTags = false;
        userPoolRegistered = true;
        authenticatedRole = true;
        roleMappingType = null;
    }

    synchronized void principalTags(Map<String, String> tagToClaim, boolean useDefaults) {
        principalTags.clear();
        principalTags.putAll(tagToClaim);
        useDefaultPrincipalTags = useDefaults;
    }

    synchronized void principalTags(Map<String, String> tagToClaim) {
        principalTags.clear();
        principalTags.putAll(tagToClaim);
    }

    synchronized void useDefaultPrincipalTags() {
        useDefaultPrincipalTags = true;
    }

    /** The tag-to-claim map as configured. */
    synchronized Map<String, String> principalTagMap() {
        return Map.copyOf(principalTags);
    }

    synchronized boolean usesDefaultPrincipalTags() {
        return useDefaultPrincipalTags;
    }

    /**
     * The tag-to-claim map the exchange applies: Cognito's defaults ({@code username} from {@code sub},
     * {@code client} from {@code aud}) when the pool uses them, else its map.
     */
    synchronized Map<String, String> effectivePrincipalTags() {
        if (useDefaultPrincipalTags) {
            Map<String, String> defaults = new LinkedHashMap<>();
            defaults.put("username", "sub");
            defaults.put("client", "aud");
            return defaults;
        }
        return new LinkedHashMap<>(principalTags);
    }

    synchronized void userPoolRegistered(boolean registered) {
        userPoolRegistered = registered;
    }

    synchronized boolean userPoolRegistered() {
        return userPoolRegistered;
    }

    synchronized void otherLoginProvider(String name, String appId) {
        otherProviders.put(Objects.requireNonNull(name, "name"), Objects.requireNonNull(appId, "appId"));
    }

    synchronized Map<String, String> otherProviders() {
        return new LinkedHashMap<>(otherProviders);
    }

    synchronized void authenticatedRole(boolean present) {
        authenticatedRole = present;
    }

    synchronized boolean hasAuthenticatedRole() {
        return authenticatedRole;
    }

    synchronized void roleMapping(String type) {
        roleMappingType = Objects.requireNonNull(type, "type");
    }

    synchronized @Nullable String roleMappingType() {
        return roleMappingType;
    }
}
