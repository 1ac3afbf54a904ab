/*
 * Copyright 2026 The tenant-client Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tenantclient.spring;

import dev.tenantclient.TenantClient;
import dev.tenantclient.doctor.DoctorReport;
import dev.tenantclient.doctor.Finding;
import dev.tenantclient.doctor.TenantDoctor;
import java.net.URI;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.cognitoidentity.CognitoIdentityClient;
import software.amazon.awssdk.services.cognitoidentityprovider.CognitoIdentityProviderClient;
import software.amazon.awssdk.services.iam.IamClient;

/**
 * Opt-in ({@code tenant-client.doctor.enabled=true}) startup check of the deployment with {@link TenantDoctor}: logs
 * each finding (ERROR and could-not-check at WARN, warnings at INFO) and, with
 * {@code tenant-client.doctor.fail-on-error=true}, fails startup when the deployment does not pass. A
 * {@code TenantDoctor} bean of the application's replaces the one built from properties.
 */
@AutoConfiguration(after = TenantClientAutoConfiguration.class)
@ConditionalOnClass(
        name = {
            "software.amazon.awssdk.services.iam.IamClient",
            "software.amazon.awssdk.services.cognitoidentityprovider.CognitoIdentityProviderClient"
        })
@ConditionalOnProperty(name = "tenant-client.doctor.enabled", havingValue = "true")
public class TenantClientDoctorAutoConfiguration {

    /**
     * SDK clients for a doctor endpoint override, closed with the context.
     *
     * @param properties the properties
     * @return the clients, or an empty holder without an override
     */
    @Bean(destroyMethod = "close")
    @ConditionalOnMissingBean(TenantDoctor.class)
    DoctorClients tenantClientDoctorClients(TenantClientProperties properties) {
        URI endpoint = properties.doctor().endpoint();
        if (endpoint == null) {
            return new DoctorClients(null, null, null);
        }
        Region region = TenantClientAutoConfiguration.region(properties);
        return new DoctorClients(
                CognitoIdentityClient.builder()
                        .region(region)
                        .endpointOverride(endpoint)
                        .build(),
                CognitoIdentityProviderClient.builder()
                        .region(region)
                        .endpointOverride(endpoint)
                        .build(),
                IamClient.builder()
                        .region(Region.AWS_GLOBAL)
                        .endpointOverride(endpoint)
                        .build());
    }

    /**
     * The doctor, for the client's layout and the configured tables and buckets.
     *
     * @param properties the properties
     * @param client the tenant client (for its layout)
     * @param clients endpoint-override clients, if any
     * @return the doctor
     */
    @Bean
    @ConditionalOnMissingBean
    @ConditionalOnBean(TenantClient.class)
    TenantDoctor tenantDoctor(TenantClientProperties properties, TenantClient client, DoctorClients clients) {
        TenantClientProperties.Doctor doctor = properties.doctor();
        if (doctor.tables().isEmpty() && doctor.buckets().isEmpty()) {
            throw new TenantClientConfigurationException(
                    "tenant-client.doctor.tables",
                    "tenant-client.doctor.enabled=true needs tenant-client.doctor.tables or tenant-client.doctor.buckets",
                    null);
        }
        TenantDoctor.Builder builder = TenantDoctor.builder()
                .layout(client.layout())
                .region(TenantClientAutoConfiguration.region(properties))
                .identityPoolId(properties.identityPoolId())
                .userPoolId(properties.userPoolId())
                .clientId(properties.clientId());
        for (String table : doctor.tables()) {
            int colon = table.indexOf(':');
            builder.table(
                    colon < 0 ? table : table.substring(0, colon),
                    colon < 0 ? new String[0] : table.substring(colon + 1).split(","));
        }
        doctor.buckets().forEach(builder::bucket);
        if (clients.identity() != null) {
            builder.cognitoIdentityClient(clients.identity())
                    .userPoolsClient(clients.userPools())
                    .iamClient(clients.iam());
        }
        return builder.build();
    }

    /**
     * Runs the doctor once all singletons exist.
     *
     * @param doctor the doctor
     * @param properties the properties
     * @return the check
     */
    @Bean
    @ConditionalOnBean(TenantDoctor.class)
    TenantDoctorStartupCheck tenantDoctorStartupCheck(TenantDoctor doctor, TenantClientProperties properties) {
        return new TenantDoctorStartupCheck(doctor, properties.doctor().failOnError());
    }

    /** Clients built for a doctor endpoint override (all null without one). */
    record DoctorClients(CognitoIdentityClient identity, CognitoIdentityProviderClient userPools, IamClient iam)
            implements AutoCloseable {
        @Override
        public void close() {
            if (identity != null) {
                identity.close();
                userPools.close();
                iam.close();
            }
        }
    }

    /** Runs {@link TenantDoctor} at startup, logs the report, and fails startup when asked to. */
    public static final class TenantDoctorStartupCheck implements SmartInitializingSingleton {
        private static final Logger log = LoggerFactory.getLogger(TenantDoctorStartupCheck.class);

        private final TenantDoctor doctor;
        private final boolean failOnError;
        private volatile DoctorReport report;

        TenantDoctorStartupCheck(TenantDoctor doctor, boolean failOnError) {
            this.doctor = doctor;
            this.failOnError = failOnError;
        }

        @Override
        public void afterSingletonsInstantiated() {
            DoctorReport r = doctor.examine();
            this.report = r;
            if (r.isClean()) {
                log.info("tenant-client doctor: no findings; the deployment matches the layout");
                return;
            }
            for (Finding f : r.findings()) {
                if (f.severity() == Finding.Severity.WARNING) {
                    log.info("tenant-client doctor: {}", f.describe());
                } else {
                    log.warn("tenant-client doctor: {}", f.describe());
                }
            }
            if (failOnError && !r.passed()) {
                throw new TenantClientConfigurationException(
                        "tenant-client.doctor.fail-on-error",
                        "The deployment does not match the tenant layout:" + System.lineSeparator() + r.describe(),
                        null);
            }
        }

        /** @return the report of the startup run, or null before it ran */
        public DoctorReport report() {
            return report;
        }
    }
}
