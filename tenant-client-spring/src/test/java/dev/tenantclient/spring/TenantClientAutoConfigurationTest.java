/*
 * Copyright 2026 The tenant-client Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tenantclient.spring;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tenantclient.TenantClient;
import dev.tenantclient.TenantLayout;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import software.amazon.awssdk.regions.Region;

class TenantClientAutoConfigurationTest {

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(
                    TenantClientMetricsAutoConfiguration.class,
                    TenantClientAutoConfiguration.class,
                    TenantClientWebMvcAutoConfiguration.class));

    private static final String[] REQUIRED = {
        "tenant-client.identity-pool-id=eu-west-1:11111111-2222-4333-8444-555555555555",
        "tenant-client.user-pool-id=eu-west-1_AbCdEf123"
    };

    @Test
    void aTenantClientIsConfiguredFromProperties() {
        runner.withPropertyValues(REQUIRED)
                .withPropertyValues(
                        "tenant-client.client-id=app",
                        "tenant-client.credentials.refresh-ahead=2m",
                        "tenant-client.credentials.maximum-tokens=500")
                .run(context -> {
                    assertThat(context)
                            .hasSingleBean(TenantClient.class)
                            .hasSingleBean(TenantClientMetrics.class)
                            .doesNotHaveBean(CurrentTenantSession.class);
                    TenantClient client = context.getBean(TenantClient.class);
                    assertThat(client.layout()).isEqualTo(TenantLayout.org());
                    assertThat(client.credentialsCache().toString())
                            .contains("refreshAhead=PT2M")
                            .contains("maximumTokens=500");
                });
    }

    @Test
    void theUserLayoutAndCustomClaimsBind() {
        runner.withPropertyValues(REQUIRED)
                .withPropertyValues("tenant-client.layout.type=user")
                .run(context ->
                        assertThat(context.getBean(TenantClient.class).layout()).isEqualTo(TenantLayout.user()));
        runner.withPropertyValues(REQUIRED)
                .withPropertyValues("tenant-client.layout.tag=tenant", "tenant-client.layout.claim=custom:tenant")
                .run(context -> assertThat(
                                context.getBean(TenantClient.class).layout().principalTags())
                        .containsEntry("tenant", "custom:tenant"));
    }

    @Test
    void aMissingIdentityPoolFailsStartupNamingTheProperty() {
        runner.withPropertyValues("tenant-client.user-pool-id=eu-west-1_AbCdEf123")
                .run(context -> {
                    assertThat(context).hasFailed();
                    Throwable root = context.getStartupFailure();
                    while (!(root instanceof TenantClientConfigurationException) && root.getCause() != null) {
                        root = root.getCause();
                    }
                    assertThat(root)
                            .isInstanceOf(TenantClientConfigurationException.class)
                            .hasMessageContaining("tenant-client.identity-pool-id");
                    FailureAnalysis analysis = new TenantClientFailureAnalyzer().analyze(context.getStartupFailure());
                    assertThat(analysis.getAction()).contains("tenant-client.identity-pool-id");
                });
    }

    @Test
    void anUnknownLayoutTypeFailsStartup() {
        runner.withPropertyValues(REQUIRED)
                .withPropertyValues("tenant-client.layout.type=tenant")
                .run(context -> assertThat(context).getFailure().rootCause().hasMessageContaining("'org' or 'user'"));
    }

    @Test
    void anApplicationTenantClientWins() {
        runner.withBean(
                        TenantClient.class,
                        () -> TenantClient.builder()
                                .region(Region.EU_WEST_1)
                                .identityPoolId("eu-west-1:11111111-2222-4333-8444-555555555555")
                                .userPoolId("eu-west-1_Mine1234")
                                .layout(TenantLayout.user())
                                .build())
                .run(context -> {
                    assertThat(context).hasSingleBean(TenantClient.class).doesNotHaveBean(TenantClientSdkClients.class);
                    assertThat(context.getBean(TenantClient.class).layout()).isEqualTo(TenantLayout.user());
                });
    }

    @Test
    void endpointOverridesBuildDedicatedClients() {
        runner.withPropertyValues(REQUIRED)
                .withPropertyValues(
                        "tenant-client.endpoints.dynamodb=http://localhost:8000",
                        "tenant-client.endpoints.s3=http://localhost:9000")
                .run(context -> {
                    TenantClientSdkClients clients = context.getBean(TenantClientSdkClients.class);
                    assertThat(clients.dynamoDb().serviceClientConfiguration().endpointOverride())
                            .hasValueSatisfying(uri -> assertThat(uri).hasPort(8000));
                    assertThat(clients.s3()).isNotNull();
                    assertThat(clients.cognito()).isNull();
                });
    }

    @Test
    void aServletApplicationGetsTheSessionResolver() {
        new WebApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(
                        TenantClientAutoConfiguration.class, TenantClientWebMvcAutoConfiguration.class))
                .withPropertyValues(REQUIRED)
                .run(context -> assertThat(context).hasSingleBean(CurrentTenantSession.class));
    }
}
