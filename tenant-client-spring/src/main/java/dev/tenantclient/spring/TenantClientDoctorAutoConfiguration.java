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
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.cognitoidentity.CognitoIdentityClient;
import software.amazon.awssdk.services.cognitoidentity.CognitoIdentityClientBuilder;
import software.amazon.awssdk.services.cognitoidentityprovider.CognitoIdentityProviderClient;
import software.amazon.awssdk.services.cognitoidentityprovider.CognitoIdentityProviderClientBuilder;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.IamClientBuilder;

/**
 * Opt-in ({@code tenant-client.doctor.enabled=true}) startup check of the deployment with {@link TenantDoctor}: logs
 * each finding (ERROR and could-not-check at WARN, warnings at INFO) and, with
 * {@code tenant-client.doctor.fail-on-error=true}, fails startup when the deployment does not pass. A
 * {@code TenantDoctor} bean of the application's replaces the one built from properties.
 */
@AutoConfiguration(after = TenantClientAutoConfiguration.class)
@ConditionalOnClass(
        name = {
            "dev.tenantclient.doctor.TenantDoctor",
            "software.amazon.awssdk.services.iam.IamClient",
            "software.amazon.awssdk.services.cognitoidentityprovider.CognitoIdentityProviderClient"
        })
@ConditionalOnProperty(name = "tenant-client.doctor.enabled", havingValue = "true")
public class TenantClientDoctorAutoConfiguration {

    /**
     * The doctor's SDK clients, signed with the application's {@code AwsCredentialsProvider} bean when it has one
     * (otherwise the doctor uses the default credentials chain); closed with the context.
     *
     * @param properties the properties
     * @param credentials the application's credentials provider, if any
     * @return the clients, empty without a credentials bean
     */
    @Bean(destroyMethod = "close")
    @ConditionalOnMissingBean(TenantDoctor.class)
    DoctorClients tenantDoctorClients(
            TenantClientProperties properties, ObjectProvider<AwsCredentialsProvider> credentials) {
        AwsCredentialsProvider provider = credentials.getIfUnique();
        if (provider == null) {
            return new DoctorClients(null, null, null);
        }
        Region region = TenantClientAutoConfiguration.region(properties);
        URI endpoint = properties.doctor().endpoint();
        IamClientBuilder iam = IamClient.builder().region(Region.AWS_GLOBAL).credentialsProvider(provider);
        CognitoIdentityProviderClientBuilder userPools =
                CognitoIdentityProviderClient.builder().region(region).credentialsProvider(provider);
        CognitoIdentityClientBuilder identity =
                CognitoIdentityClient.builder().region(region).credentialsProvider(provider);
        if (endpoint != null) {
            iam.endpointOverride(endpoint);
            userPools.endpointOverride(endpoint);
            identity.endpointOverride(endpoint);
        }
        return new DoctorClients(iam.build(), userPools.build(), identity.build());
    }

    /**
     * The doctor, for the client's layout and the configured tables and buckets.
     *
     * @param properties the properties
     * @param client the tenant client (for its layout)
     * @param clients the doctor's clients, when the application has a credentials bean
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
        doctor.tables().forEach(builder::tableSpec);
        doctor.buckets().forEach(builder::bucket);
        if (doctor.endpoint() != null) {
            builder.endpointOverride(doctor.endpoint());
        }
        if (clients.iam() != null) {
            builder.iamClient(clients.iam())
                    .userPoolsClient(clients.userPools())
                    .cognitoIdentityClient(clients.identity());
        }
        return builder.build();
    }

    /**
     * The doctor's SDK clients built with the application's credentials, or all null.
     *
     * @param iam the IAM client
     * @param userPools the Cognito user pools client
     * @param identity the Cognito Identity client
     */
    record DoctorClients(IamClient iam, CognitoIdentityProviderClient userPools, CognitoIdentityClient identity)
            implements AutoCloseable {
        @Override
        public void close() {
            for (AutoCloseable c : new AutoCloseable[] {iam, userPools, identity}) {
                if (c != null) {
                    try {
                        c.close();
                    } catch (Exception e) {
                        // closing SDK clients at shutdown: nothing to do about a failure
                    }
                }
            }
        }
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
