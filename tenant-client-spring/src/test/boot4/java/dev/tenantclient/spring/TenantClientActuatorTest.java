/*
 * Copyright 2026 The tenant-client Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tenantclient.spring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tenantclient.CredentialsUnavailableException;
import dev.tenantclient.TenantClient;
import dev.tenantclient.local.CognitoIdentityEmulator.Fault;
import dev.tenantclient.local.LocalTenantStack;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.actuate.info.Info;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import software.amazon.awssdk.auth.credentials.AnonymousCredentialsProvider;
import software.amazon.awssdk.services.cognitoidentity.CognitoIdentityClient;

/**
 * Health and info against LocalTenantStack, with Cognito faults injected into its emulator. The client is the
 * application's own, built from the injected builder: the health tracker is attached to it all the same.
 */
class TenantClientActuatorTest {

    private static final LocalTenantStack stack = LocalTenantStack.start();

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(
                    TenantClientMetricsAutoConfiguration.class,
                    TenantClientActuatorAutoConfiguration.class,
                    TenantClientAutoConfiguration.class))
            .withPropertyValues(
                    "tenant-client.identity-pool-id=" + LocalTenantStack.IDENTITY_POOL_ID,
                    "tenant-client.user-pool-id=" + LocalTenantStack.USER_POOL_ID)
            .withUserConfiguration(OwnClient.class);

    @Configuration(proxyBeanMethods = false)
    static class OwnClient {
        @Bean(destroyMethod = "close")
        CognitoIdentityClient cognito() {
            return CognitoIdentityClient.builder()
                    .region(LocalTenantStack.REGION)
                    .endpointOverride(stack.cognitoEndpoint())
                    .credentialsProvider(AnonymousCredentialsProvider.create())
                    .build();
        }

        @Bean(destroyMethod = "close")
        TenantClient tenantClient(TenantClient.Builder builder, CognitoIdentityClient cognito) {
            return builder.identityPoolId(LocalTenantStack.IDENTITY_POOL_ID)
                    .userPoolId(LocalTenantStack.USER_POOL_ID)
                    .cognitoIdentityClient(cognito)
                    // the local user pool's keys, not the real Cognito JWKS (offline)
                    .tokenVerifier(dev.tenantclient.JwksTokenVerifier.builder()
                            .jwksUrl(stack.jwksUrl())
                            .build())
                    .build();
        }
    }

    @AfterEach
    void clearFaults() {
        stack.cognito().clearFaults();
    }

    @AfterAll
    static void stop() {
        stack.close();
    }

    private static Health health(AssertableApplicationContext context) {
        return context.getBean(TenantClientHealthIndicator.class).health();
    }

    private static void exchange(AssertableApplicationContext context, String subject) {
        context.getBean(TenantClient.class)
                .session(stack.issueToken("acme", subject))
                .credentialsProvider()
                .resolveCredentials();
    }

    @Test
    void healthGoesDownWhileCognitoFailsAndUpAgainAfterASuccess() {
        runner.run(context -> {
            assertThat(health(context).getStatus()).isEqualTo(Status.UP);
            exchange(context, "first");
            assertThat(health(context).getStatus()).isEqualTo(Status.UP);
            assertThat(health(context).getDetails()).containsEntry("cacheSize", 1L);

            stack.cognito().injectFault(Fault.serviceUnavailable(), 20);
            assertThatThrownBy(() -> exchange(context, "during-outage"))
                    .isInstanceOf(CredentialsUnavailableException.class);
            Health down = health(context);
            assertThat(down.getStatus()).isEqualTo(Status.DOWN);
            assertThat(down.getDetails())
                    .containsEntry("lastFailure", "ServiceUnavailableException")
                    .containsEntry("throttled", false)
                    .containsKey("lastFailureAt");

            stack.cognito().clearFaults();
            exchange(context, "after-outage");
            assertThat(health(context).getStatus()).isEqualTo(Status.UP);
            assertThat(health(context).getDetails()).containsEntry("recentFailures", 0);
        });
    }

    @Test
    void throttlingIsReportedAsSuch() {
        runner.run(context -> {
            stack.cognito().injectFault(Fault.throttling(), 20);
            assertThatThrownBy(() -> exchange(context, "throttled"))
                    .isInstanceOf(CredentialsUnavailableException.class);

            Health health = health(context);
            assertThat(health.getStatus()).isEqualTo(Status.DOWN);
            assertThat(health.getDetails())
                    .containsEntry("throttled", true)
                    .containsEntry("lastFailure", "TooManyRequestsException");
        });
    }

    @Test
    void theHealthIndicatorCanBeTurnedOff() {
        runner.withPropertyValues("management.health.tenant-client.enabled=false")
                .run(context -> assertThat(context).doesNotHaveBean(TenantClientHealthIndicator.class));
    }

    @Test
    @SuppressWarnings("unchecked")
    void infoShowsThePoolsRegionAndLayout() {
        runner.withPropertyValues("tenant-client.client-id=" + LocalTenantStack.CLIENT_ID)
                .run(context -> {
                    Info.Builder builder = new Info.Builder();
                    context.getBean(TenantClientInfoContributor.class).contribute(builder);
                    Map<String, Object> info =
                            (Map<String, Object>) builder.build().getDetails().get("tenant-client");
                    assertThat(info)
                            .containsEntry("identityPoolId", LocalTenantStack.IDENTITY_POOL_ID)
                            .containsEntry("userPoolId", LocalTenantStack.USER_POOL_ID)
                            .containsEntry("clientId", LocalTenantStack.CLIENT_ID)
                            .containsEntry("region", "us-east-1");
                    assertThat((Map<String, Object>) info.get("layout"))
                            .containsEntry("type", "org")
                            .containsEntry("principalTags", Map.of("org", "custom:org"));
                });
    }
}
