/*
 * Copyright 2026 The tenant-client Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tenantclient.spring;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code tenant-client.*} configuration. Immutable; checked when the {@code TenantClient} bean is created.
 *
 * <pre>
 * tenant-client:
 *   identity-pool-id: eu-west-1:11111111-2222-3333-4444-555555555555
 *   user-pool-id: eu-west-1_AbCdEf123
 *   client-id: app-client-id
 *   layout:
 *     type: org             # org | user
 *   credentials:
 *     refresh-ahead: 5m
 *     maximum-tokens: 10000
 * </pre>
 *
 * @param enabled whether tenant-client is auto-configured at all (default true)
 * @param region the region of the SDK clients built here; default: the identity pool's region
 * @param identityPoolId the Cognito identity pool (required)
 * @param userPoolId the Cognito user pool that issues the ID tokens (required)
 * @param clientId the app client id; when set, tokens must name it in {@code aud}
 * @param idTokenHeader for APIs whose bearer is the Cognito access token: the request header that carries the
 *     user's ID token beside it (such as {@code X-Id-Token}); unset (default), the bearer must be the ID token
 * @param retryAfter the {@code Retry-After} answered with a 503 when Cognito cannot issue credentials
 * @param layout where tenants' data lives
 * @param credentials the credentials cache
 * @param endpoints endpoint overrides (local stacks, VPC endpoints)
 * @param doctor the optional startup check of the deployment ({@code TenantDoctor})
 * @param async work off the request thread
 */
@ConfigurationProperties("tenant-client")
public record TenantClientProperties(
        @DefaultValue("true") boolean enabled,
        String region,
        String identityPoolId,
        String userPoolId,
        String clientId,
        String idTokenHeader,
        @DefaultValue("5s") Duration retryAfter,
        @DefaultValue Layout layout,
        @DefaultValue Credentials credentials,
        @DefaultValue Endpoints endpoints,
        @DefaultValue Doctor doctor,
        @DefaultValue Async async) {

    /** The prefix of every property. */
    public static final String PREFIX = "tenant-client";

    /**
     * Work off the request thread ({@code @Async}, executors).
     *
     * @param propagateContext whether the application's task executor gets a {@link TenantSessionTaskDecorator},
     *     so that tasks see the submitting request's security context and {@code TenantSession} (default false)
     */
    public record Async(@DefaultValue("false") boolean propagateContext) {}

    /**
     * Where tenants' data lives ({@code TenantLayout}).
     *
     * @param type {@code org}: partition keys {@code <tenant>#id}, objects {@code <tenant>/key}; {@code user}: the
     *     partition key is the user's tag, objects {@code <user>/key}
     * @param tag the principal tag holding the tenant (default {@code org} or {@code username})
     * @param claim the token claim the tag is mapped from (default {@code custom:org} or {@code sub})
     */
    public record Layout(@DefaultValue("org") String type, String tag, String claim) {}

    /**
     * The credentials cache ({@code CredentialsSettings}). Every setting is optional: an unset one keeps the default
     * of {@code dev.tenantclient.credentials.CredentialsSettings} (listed in parentheses, documented there; they are
     * written only there), or what a {@link TenantClientBuilderCustomizer} set.
     *
     * @param refreshAhead how long before expiry credentials are refreshed in the background, while callers keep the
     *     current ones (5m)
     * @param minimumValidity the least remaining lifetime of credentials handed out; below {@code refresh-ahead}
     *     (30s)
     * @param maximumTokens how many tokens' credentials are cached at most (10000)
     * @param maxConcurrentExchanges how many Cognito exchanges may run at once across all tokens; also the thread
     *     count of the default exchange executor (16)
     * @param exchangeTimeout the longest a caller waits for credentials, queue, rate limits and both Cognito calls
     *     included (10s)
     * @param minBackoff the first, jittered delay after a failed exchange, during which still-valid credentials
     *     keep being served (1s)
     * @param maxBackoff the longest delay after repeated failed exchanges (1m)
     * @param getIdRate {@code GetId} calls per second at most, 0 for no limit; give each of N instances
     *     {@code quota / N} (25, Cognito's default quota)
     * @param getCredentialsRate {@code GetCredentialsForIdentity} calls per second at most, 0 for no limit (200,
     *     Cognito's default quota)
     */
    public record Credentials(
            @Nullable Duration refreshAhead,
            @Nullable Duration minimumValidity,
            @Nullable Long maximumTokens,
            @Nullable Integer maxConcurrentExchanges,
            @Nullable Duration exchangeTimeout,
            @Nullable Duration minBackoff,
            @Nullable Duration maxBackoff,
            @Nullable Double getIdRate,
            @Nullable Double getCredentialsRate) {}

    /**
     * Endpoint overrides; each one makes the auto-configuration build (and close) its own SDK client for that
     * service instead of using an application bean or the default endpoint.
     *
     * @param cognitoIdentity the Cognito Identity endpoint
     * @param dynamodb the DynamoDB endpoint
     * @param s3 the S3 endpoint (path-style addressing is used with an override)
     */
    public record Endpoints(URI cognitoIdentity, URI dynamodb, URI s3) {}

    /**
     * A {@code TenantDoctor} run at startup that logs what does not match the layout in the deployment (user pool,
     * identity pool, role policies). Needs {@code software.amazon.awssdk:iam} and
     * {@code software.amazon.awssdk:cognitoidentityprovider} on the class path, and read-only permissions.
     *
     * @param enabled whether to run it (default false)
     * @param failOnError whether an error, or a part that could not be checked, fails startup (default false: log)
     * @param tables the tables to check, each {@code name} or {@code name:index1,index2} (tenant-keyed indexes)
     * @param buckets the buckets to check
     * @param endpoint one endpoint for Cognito, Cognito Identity and IAM (a local stack); default: AWS
     */
    public record Doctor(
            @DefaultValue("false") boolean enabled,
            @DefaultValue("false") boolean failOnError,
            @DefaultValue List<String> tables,
            @DefaultValue List<String> buckets,
            URI endpoint) {}
}
