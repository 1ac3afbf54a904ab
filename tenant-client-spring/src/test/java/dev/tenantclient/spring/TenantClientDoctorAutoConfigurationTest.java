/*
 * Copyright 2026 The tenant-client Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tenantclient.spring;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tenantclient.TenantLayout;
import dev.tenantclient.doctor.Finding;
import dev.tenantclient.doctor.TenantDoctor;
import dev.tenantclient.local.LocalTenantStack;
import dev.tenantclient.spring.TenantClientDoctorAutoConfiguration.TenantDoctorStartupCheck;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;

/** The opt-in startup doctor against LocalTenantStack's control plane. */
class TenantClientDoctorAutoConfigurationTest {

    private static LocalTenantStack stack;
    private static final String BUCKET = "spring-doctor-files";

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(
                    TenantClientAutoConfiguration.class, TenantClientDoctorAutoConfiguration.class))
            .withPropertyValues(
                    "tenant-client.identity-pool-id=" + LocalTenantStack.IDENTITY_POOL_ID,
                    "tenant-client.user-pool-id=" + LocalTenantStack.USER_POOL_ID,
                    "tenant-client.client-id=" + LocalTenantStack.CLIENT_ID);

    @BeforeAll
    static void start() {
        stack = LocalTenantStack.builder().layouts(TenantLayout.org()).start();
        stack.adminS3Client().createBucket(b -> b.bucket(BUCKET));
    }

    @AfterEach
    void repair() {
        stack.deployment().reset();
    }

    @AfterAll
    static void stop() {
        stack.close();
    }

    @Test
    void theDoctorDoesNotRunUnlessEnabled() {
        runner.run(context -> assertThat(context)
                .hasNotFailed()
                .doesNotHaveBean(TenantDoctorStartupCheck.class)
                .doesNotHaveBean(TenantDoctor.class));
    }

    @Test
    void aDoctorBuiltFromPropertiesChecksTheDeploymentAtStartup() {
        String previousKey = System.setProperty("aws.accessKeyId", "LOCALADMIN");
        String previousSecret = System.setProperty("aws.secretAccessKey", "localadminsecret");
        try {
            runner.withPropertyValues(
                            "tenant-client.doctor.enabled=true",
                            "tenant-client.doctor.tables=notes:byAuthor",
                            "tenant-client.doctor.buckets=" + BUCKET,
                            "tenant-client.doctor.endpoint="
                                    + stack.deployment().endpoint())
                    .run(context -> {
                        assertThat(context).hasNotFailed();
                        assertThat(context.getBean(TenantDoctorStartupCheck.class)
                                        .report()
                                        .findings())
                                .isEmpty();
                    });
        } finally {
            restore("aws.accessKeyId", previousKey);
            restore("aws.secretAccessKey", previousSecret);
        }
    }

    @Test
    void theDoctorSignsWithTheApplicationsCredentialsBean() {
        // No aws.* system properties: only the bean has the local stack's admin credentials.
        runner.withBean(
                        AwsCredentialsProvider.class,
                        () -> StaticCredentialsProvider.create(
                                AwsBasicCredentials.create("LOCALADMIN", "localadminsecret")))
                .withPropertyValues(
                        "tenant-client.doctor.enabled=true",
                        "tenant-client.doctor.tables=notes:byAuthor",
                        "tenant-client.doctor.buckets=" + BUCKET,
                        "tenant-client.doctor.endpoint=" + stack.deployment().endpoint())
                .run(context -> {
                    assertThat(context).hasNotFailed();
                    assertThat(context.getBean(TenantDoctorStartupCheck.class)
                                    .report()
                                    .findings())
                            .isEmpty();
                });
    }

    @Test
    void findingsAreLoggedAndStartupGoesOnByDefault() {
        stack.deployment().appClient("support-console", "custom:org");
        runner.withBean(
                        TenantDoctor.class,
                        () -> stack.doctorBuilder().bucket(BUCKET).build())
                .withPropertyValues("tenant-client.doctor.enabled=true")
                .run(context -> {
                    assertThat(context).hasNotFailed();
                    assertThat(context.getBean(TenantDoctorStartupCheck.class)
                                    .report()
                                    .findings())
                            .extracting(Finding::check)
                            .containsExactly("user-pool.client-writes-attribute");
                });
    }

    @Test
    void failOnErrorStopsStartupWithTheFindings() {
        stack.deployment().appClient("support-console", "custom:org");
        runner.withBean(
                        TenantDoctor.class,
                        () -> stack.doctorBuilder().bucket(BUCKET).build())
                .withPropertyValues("tenant-client.doctor.enabled=true", "tenant-client.doctor.fail-on-error=true")
                .run(context -> {
                    assertThat(context).hasFailed();
                    assertThat(rootCause(context.getStartupFailure()))
                            .isInstanceOf(TenantClientConfigurationException.class)
                            .hasMessageContaining("user-pool.client-writes-attribute")
                            .hasMessageContaining("support-console");
                });
    }

    @Test
    void enablingTheDoctorWithoutTablesOrBucketsFailsNamingTheProperty() {
        runner.withPropertyValues("tenant-client.doctor.enabled=true").run(context -> {
            assertThat(context).hasFailed();
            assertThat(rootCause(context.getStartupFailure())).hasMessageContaining("tenant-client.doctor.tables");
        });
    }

    private static Throwable rootCause(Throwable t) {
        Throwable root = t;
        while (!(root instanceof TenantClientConfigurationException) && root.getCause() != null) {
            root = root.getCause();
        }
        return root;
    }

    private static void restore(String key, String previous) {
        if (previous == null) {
            System.clearProperty(key);
        } else {
            System.setProperty(key, previous);
        }
    }
}
