/*
 * Copyright 2026 The tenant-client Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tenantclient.spring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tenantclient.InvalidTenantTokenException;
import dev.tenantclient.TenantClient;
import dev.tenantclient.TenantLayout;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.security.oauth2.jwt.BadJwtException;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import software.amazon.awssdk.auth.credentials.AnonymousCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbAsyncClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

@ExtendWith(OutputCaptureExtension.class)
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

    @ParameterizedTest
    @CsvSource({
        "tenant-client.identity-pool-id, eu-west-1-not-a-pool, tenant-client.identity-pool-id",
        "tenant-client.identity-pool-id, eu-west-1:not-a-guid, tenant-client.identity-pool-id",
        "tenant-client.identity-pool-id, mars-1:11111111-2222-4333-8444-555555555555, tenant-client.identity-pool-id",
        "tenant-client.user-pool-id, eu-west-1-AbCdEf123, tenant-client.user-pool-id",
        "tenant-client.region, mars-1, tenant-client.region",
        "tenant-client.credentials.maximum-tokens, 0, tenant-client.credentials.maximum-tokens",
        "tenant-client.credentials.max-concurrent-exchanges, 0, tenant-client.credentials.max-concurrent-exchanges",
        "tenant-client.credentials.exchange-timeout, 0s, tenant-client.credentials.exchange-timeout",
        "tenant-client.credentials.refresh-ahead, -1m, tenant-client.credentials.refresh-ahead",
        "tenant-client.layout.type, tenant, tenant-client.layout.type"
    })
    void everyInvalidValueFailsWithAnAnalysisNamingItsProperty(String property, String value, String named) {
        runner.withPropertyValues(REQUIRED)
                .withPropertyValues(property + "=" + value)
                .run(context -> {
                    assertThat(context).hasFailed();
                    FailureAnalysis analysis = new TenantClientFailureAnalyzer().analyze(context.getStartupFailure());
                    assertThat(analysis).as("a failure analysis").isNotNull();
                    assertThat(analysis.getDescription()).contains(named);
                    assertThat(analysis.getAction()).contains("'" + named + "'");
                });
    }

    @Test
    void tenantClientEnabledFalseTurnsTheModuleOff() {
        runner.withPropertyValues("tenant-client.enabled=false")
                .run(context -> assertThat(context)
                        .hasNotFailed()
                        .doesNotHaveBean(TenantClient.class)
                        .doesNotHaveBean(TenantClientMetrics.class));
    }

    @Test
    void theAutoConfiguredClientVerifiesTokensWithTheApplicationsJwtDecoder() {
        runner.withPropertyValues(REQUIRED)
                .withBean(JwtDecoder.class, () -> token -> {
                    throw new BadJwtException("Signed JWT rejected: Invalid signature");
                })
                .run(context -> assertThatThrownBy(
                                () -> context.getBean(TenantClient.class).session(unsignedIdToken()))
                        .isInstanceOf(InvalidTenantTokenException.class)
                        .hasMessageContaining("rejected by the application's JwtDecoder")
                        .extracting(e -> ((InvalidTenantTokenException) e).reason())
                        .isEqualTo(InvalidTenantTokenException.Reason.REJECTED));
    }

    @Test
    void aClientBuiltFromTheInjectedBuilderGetsTheListenersAndVerifier() {
        runner.withUserConfiguration(OwnClient.class)
                .withBean(JwtDecoder.class, () -> token -> {
                    throw new BadJwtException("no");
                })
                .run(context -> {
                    assertThat(context).hasSingleBean(TenantClient.class);
                    assertThatThrownBy(() -> context.getBean(TenantClient.class).session(unsignedIdToken()))
                            .hasMessageContaining("JwtDecoder");
                });
    }

    @org.springframework.context.annotation.Configuration(proxyBeanMethods = false)
    static class OwnClient {
        @org.springframework.context.annotation.Bean
        TenantClient tenantClient(TenantClient.Builder builder) {
            return builder.identityPoolId("eu-west-1:11111111-2222-4333-8444-555555555555")
                    .userPoolId("eu-west-1_AbCdEf123")
                    .build();
        }
    }

    @Test
    void aReusedClientInAnotherRegionIsWarnedAbout(CapturedOutput output) {
        runner.withPropertyValues(REQUIRED)
                .withBean(
                        DynamoDbClient.class,
                        () -> DynamoDbClient.builder()
                                .region(Region.US_EAST_1)
                                .credentialsProvider(AnonymousCredentialsProvider.create())
                                .build())
                .run(context -> {
                    assertThat(context).hasNotFailed();
                    context.getBean(TenantClient.class);
                    assertThat(output)
                            .contains("DynamoDbClient bean is in region us-east-1")
                            .contains("eu-west-1");
                });
    }

    private static String unsignedIdToken() {
        java.util.Base64.Encoder b64 = java.util.Base64.getUrlEncoder().withoutPadding();
        String header = b64.encodeToString("{\"alg\":\"RS256\"}".getBytes(java.nio.charset.StandardCharsets.UTF_8));
        String claims = "{\"sub\":\"u\",\"custom:org\":\"acme\",\"token_use\":\"id\",\"iss\":"
                + "\"https://cognito-idp.eu-west-1.amazonaws.com/eu-west-1_AbCdEf123\",\"exp\":"
                + (System.currentTimeMillis() / 1000 + 3600) + "}";
        return header + "." + b64.encodeToString(claims.getBytes(java.nio.charset.StandardCharsets.UTF_8)) + ".c2ln";
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
    void theDynamoDbEndpointOverrideBuildsTheSharedAsyncClient() {
        runner.withConfiguration(AutoConfigurations.of(TenantClientAsyncDynamoDbAutoConfiguration.class))
                .withPropertyValues(REQUIRED)
                .withPropertyValues("tenant-client.endpoints.dynamodb=http://localhost:8000")
                .run(context -> {
                    assertThat(context).hasSingleBean(DynamoDbAsyncClient.class);
                    assertThat(context.getBean(DynamoDbAsyncClient.class)
                                    .serviceClientConfiguration()
                                    .endpointOverride())
                            .hasValueSatisfying(uri -> assertThat(uri).hasPort(8000));
                    assertThat(context).hasSingleBean(TenantClient.class);
                });
        runner.withConfiguration(AutoConfigurations.of(TenantClientAsyncDynamoDbAutoConfiguration.class))
                .withPropertyValues(REQUIRED)
                .run(context -> assertThat(context)
                        .hasSingleBean(TenantClient.class)
                        .doesNotHaveBean(DynamoDbAsyncClient.class));
    }

    @Test
    void anApplicationDynamoDbAsyncClientWinsOverTheEndpointOverride() {
        DynamoDbAsyncClient own = DynamoDbAsyncClient.builder()
                .region(Region.EU_WEST_1)
                .credentialsProvider(AnonymousCredentialsProvider.create())
                .build();
        try (own) {
            runner.withConfiguration(AutoConfigurations.of(TenantClientAsyncDynamoDbAutoConfiguration.class))
                    .withPropertyValues(REQUIRED)
                    .withPropertyValues("tenant-client.endpoints.dynamodb=http://localhost:8000")
                    .withBean(DynamoDbAsyncClient.class, () -> own, b -> b.setDestroyMethodName(""))
                    .run(context -> assertThat(context.getBean(DynamoDbAsyncClient.class))
                            .isSameAs(own));
        }
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
