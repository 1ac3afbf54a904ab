/*
 * Copyright 2026 The tenant-client Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tenantclient.spring;

import dev.tenantclient.TenantClient;
import dev.tenantclient.TenantLayout;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.actuate.info.Info;
import org.springframework.boot.actuate.info.InfoContributor;

/**
 * {@code tenant-client} in {@code /actuator/info}: the identity and user pools, the app client, the region and the
 * layout (principal tags, key templates). Nothing secret: these are the same values the IAM policy shows.
 */
public final class TenantClientInfoContributor implements InfoContributor {

    private final TenantClientProperties properties;
    private final ObjectProvider<TenantClient> client;

    /**
     * Creates the contributor.
     *
     * @param properties the properties (pools, region)
     * @param client the client (its layout), looked up when info is asked
     */
    public TenantClientInfoContributor(TenantClientProperties properties, ObjectProvider<TenantClient> client) {
        this.properties = properties;
        this.client = client;
    }

    @Override
    public void contribute(Info.Builder builder) {
        Map<String, Object> info = new LinkedHashMap<>();
        putIfSet(info, "identityPoolId", properties.identityPoolId());
        putIfSet(info, "userPoolId", properties.userPoolId());
        putIfSet(info, "clientId", properties.clientId());
        if (properties.identityPoolId() != null || properties.region() != null) {
            try {
                info.put(
                        "region",
                        TenantClientAutoConfiguration.region(properties).id());
            } catch (TenantClientConfigurationException e) {
                info.put("region", "invalid");
            }
        }
        TenantClient c = client.getIfAvailable();
        if (c != null) {
            TenantLayout layout = c.layout();
            Map<String, Object> l = new LinkedHashMap<>();
            l.put(
                    "type",
                    layout.equals(TenantLayout.org()) ? "org" : layout.equals(TenantLayout.user()) ? "user" : "custom");
            l.put("principalTags", layout.principalTags());
            l.put("partitionKey", layout.partitionKeyTemplate());
            l.put("objectKeyPrefix", layout.objectKeyPrefixTemplate());
            info.put("layout", l);
        }
        if (properties.idTokenHeader() != null) {
            info.put("idTokenHeader", properties.idTokenHeader());
        }
        builder.withDetail("tenant-client", info);
    }

    private static void putIfSet(Map<String, Object> info, String key, String value) {
        if (value != null && !value.isBlank()) {
            info.put(key, value);
        }
    }
}
