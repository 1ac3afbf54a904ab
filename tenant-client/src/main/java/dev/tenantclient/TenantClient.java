/*
 * Copyright 2026 The tenant-client Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tenantclient;

import dev.tenantclient.credentials.CognitoCredentialsCache;
import dev.tenantclient.credentials.CredentialsSettings;
import dev.tenantclient.internal.ClientResources;
import dev.tenantclient.internal.CognitoNames;
import dev.tenantclient.internal.SdkClientSettings;
import dev.tenantclient.internal.SdkRequirements;
import dev.tenantclient.internal.credentials.CognitoCalls;
import dev.tenantclient.internal.credentials.TokenCache;
import dev.tenantclient.internal.credentials.TokenEntry;
import dev.tenantclient.internal.s3.AsyncS3Resources;
import dev.tenantclient.internal.session.DefaultTenantSession;
import java.time.Clock;
import java.util.Objects;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;
import software.amazon.awssdk.auth.credentials.AnonymousCredentialsProvider;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.async.SdkAsyncHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.cognitoidentity.CognitoIdentityAsyncClient;
import software.amazon.awssdk.services.cognitoidentity.CognitoIdentityClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbAsyncClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.s3.S3AsyncClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.multipart.MultipartConfiguration;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;

/**
 * The entry point: turns a Cognito user-pool ID token into a {@link TenantSession} whose tables, buckets and
 * credentials are confined to the token's tenant. One per application; thread-safe; close it on shutdown.
 *
 * <pre>{@code
 * TenantClient client = TenantClient.builder()
 *     .identityPoolId("eu-west-1:1111-2222")
 *     .userPoolId("eu-west-1_AbCdEf")
 *     .clientId("app-client-id")                    // optional: also checks the token's aud
 *     .layout(TenantLayout.org())                   // the default
 *     .credentials(c -> c.refreshAhead(Duration.ofMinutes(5)).maximumTokens(10_000))
 *     .build();
 *
 * TenantSession session = client.session(idToken);  // no network; cached per token
 * }</pre>
 *
 * <p>{@link #session(String)} checks the token's shape, {@code exp}, {@code token_use}, {@code iss} (the user
 * pool) and {@code aud} (when a client id is set) and the tenant claims, without network, then its signature with
 * the {@link TokenVerifier}: by default a {@link JwksTokenVerifier} for the user pool (RS256 by one of the pool's
 * keys; the JWKS is read once and cached). A token that fails either check is refused before it is cached or sent to
 * Cognito.
 *
 * <p>SDK clients passed to the builder are shared by every session (each request carries the session's
 * credentials) and are not closed by {@link #close()}; clients the builder makes itself are.
 */
public final class TenantClient implements AutoCloseable {

    private final TenantLayout layout;
    private final TokenCache cache;
    private final ClientResources resources;
    private final @Nullable CognitoIdentityClient ownedCognito;
    private final String identityPoolId;
    private final String userPoolId;
    private final TokenVerifier tokenVerifier;

    private TenantClient(Builder b, Region region, TokenVerifier verifier) {
        this.layout = b.layout;
        this.identityPoolId = Objects.requireNonNull(b.identityPoolId, "checked in build()");
        this.userPoolId = Objects.requireNonNull(b.userPoolId, "checked in build()");
        this.tokenVerifier = verifier;
        CognitoIdentityClient cognito = b.cognitoIdentityClient;
        CognitoIdentityAsyncClient cognitoAsync = b.cognitoIdentityAsyncClient;
        if (cognitoAsync != null) {
            this.ownedCognito = null;
        } else if (cognito == null) {
            // GetId and GetCredentialsForIdentity are unsigned public calls: no AWS credentials are needed.
            cognito = b.sdkClientSettings()
                    .configure(CognitoIdentityClient.builder()
                            .region(region)
                            .credentialsProvider(AnonymousCredentialsProvider.create()))
                    .build();
            this.ownedCognito = cognito;
        } else {
            this.ownedCognito = null;
        }
        CognitoCalls calls =
                cognitoAsync != null ? CognitoCalls.of(cognitoAsync) : CognitoCalls.of(Objects.requireNonNull(cognito));
        this.cache = new TokenCache(
                calls,
                b.identityPoolId,
                b.userPoolId,
                b.clientId,
                b.layout,
                verifier,
                b.credentials.build(),
                b.clock,
                b.observations);
        this.resources = new ClientResources(
                b.layout,
                region,
                b.dynamoDbClient,
                b.s3Client,
                b.s3Presigner,
                b.boundaryListener,
                b.dynamoDbAsyncClient,
                b.s3AsyncClient,
                b.s3MultipartConfiguration,
                b.sdkClientSettings(),
                b.observations);
    }

    /**
     * Starts a builder.
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * The session for an ID token: parsed and checked on first sight, then cached with the token until its
     * {@code exp}. No network call is made here; credentials are fetched when a request first needs them.
     *
     * @param idToken a Cognito user-pool ID token (the raw JWT)
     * @return the token's session
     * @throws InvalidTenantTokenException when the token is null, malformed, expired, from another user pool or app
     *     client, not an ID token, or lacks a safe tenant claim
     */
    public TenantSession session(String idToken) {
        TokenEntry entry = cache.entry(idToken);
        return entry.session(e -> new DefaultTenantSession(e, resources));
    }

    /**
     * The layout this client's keys and policies follow.
     *
     * @return the layout
     */
    public TenantLayout layout() {
        return layout;
    }

    /**
     * The credentials cache, for statistics and invalidation.
     *
     * @return the cache
     */
    public CognitoCredentialsCache credentialsCache() {
        return cache;
    }

    /** @return how new tokens' signatures are checked (for tests and diagnostics) */
    TokenVerifier tokenVerifier() {
        return tokenVerifier;
    }

    /**
     * How many items of other tenants global secondary index queries dropped since this client was built (see
     * {@link BoundaryListener#foreignItemsDropped(String, String, int)}). Zero unless someone planted items.
     *
     * @return the count
     */
    public long foreignItemsDropped() {
        return resources.boundaryEvents().foreignItemsDropped();
    }

    /** Stops background refreshes and closes the SDK clients this client built itself. Idempotent. */
    @Override
    public void close() {
        cache.close();
        try {
            resources.close();
        } finally {
            if (ownedCognito != null) {
                ownedCognito.close();
            }
        }
    }

    @Override
    public String toString() {
        return "TenantClient{identityPool=" + identityPoolId + ", userPool=" + userPoolId + ", layout=" + layout + "}";
    }

    /**
     * Builds a {@link TenantClient}. {@link #build()} fails with a message naming what to set when the
     * configuration is incomplete or inconsistent. Not thread-safe.
     */
    public static final class Builder {
        private @Nullable Region region;
        private @Nullable String identityPoolId;
        private @Nullable String userPoolId;
        private @Nullable String clientId;
        private TenantLayout layout = TenantLayout.org();
        private final CredentialsSettings.Builder credentials = CredentialsSettings.builder();
        private @Nullable DynamoDbClient dynamoDbClient;
        private @Nullable DynamoDbAsyncClient dynamoDbAsyncClient;
        private @Nullable S3Client s3Client;
        private @Nullable S3Presigner s3Presigner;
        private @Nullable S3AsyncClient s3AsyncClient;
        private @Nullable MultipartConfiguration s3MultipartConfiguration;
        private @Nullable CognitoIdentityClient cognitoIdentityClient;
        private @Nullable CognitoIdentityAsyncClient cognitoIdentityAsyncClient;
        private @Nullable TokenVerifier tokenVerifier;
        private BoundaryListener boundaryListener = BoundaryListener.NONE;
        private Clock clock = Clock.systemUTC();
        private @Nullable ClientOverrideConfiguration overrideConfiguration;
        private TenantObservations observations = TenantObservations.NONE;
        private @Nullable SdkHttpClient httpClient;
        private SdkHttpClient.@Nullable Builder<?> httpClientBuilder;
        private @Nullable SdkAsyncHttpClient asyncHttpClient;
        private SdkAsyncHttpClient.@Nullable Builder<?> asyncHttpClientBuilder;

        private Builder() {}

        /**
         * The override configuration of every SDK client this client builds itself (Cognito Identity, DynamoDB and S3,
         * sync and async): metric publishers, execution interceptors, timeouts, retry strategy, headers. Clients passed
         * to this builder are used as they are. Optional: the SDK's defaults. Replaces a configuration set before.
         *
         * @param overrideConfiguration the configuration
         * @return this builder
         */
        public Builder overrideConfiguration(ClientOverrideConfiguration overrideConfiguration) {
            this.overrideConfiguration = Objects.requireNonNull(overrideConfiguration, "overrideConfiguration");
            return this;
        }

        /**
         * Adjusts the override configuration of every SDK client this client builds itself, starting from the one set
         * so far (or an empty one), so several callers (such as Spring customizers) can each add theirs.
         *
         * @param overrideConfiguration adjusts it, such as {@code c -> c.addMetricPublisher(publisher)}
         * @return this builder
         * @see #overrideConfiguration(ClientOverrideConfiguration)
         */
        public Builder overrideConfiguration(Consumer<ClientOverrideConfiguration.Builder> overrideConfiguration) {
            Objects.requireNonNull(overrideConfiguration, "overrideConfiguration");
            ClientOverrideConfiguration.Builder c = this.overrideConfiguration != null
                    ? this.overrideConfiguration.toBuilder()
                    : ClientOverrideConfiguration.builder();
            overrideConfiguration.accept(c);
            this.overrideConfiguration = c.build();
            return this;
        }

        /**
         * The HTTP client of every sync SDK client this client builds itself (Cognito Identity, DynamoDB, S3). Shared by
         * them and, as for any HTTP client given to an SDK client builder, never closed by them or by the
         * {@code TenantClient}: the application closes it. Optional: each client builds the SDK's default. Replaces a
         * {@link #httpClientBuilder(SdkHttpClient.Builder)}.
         *
         * @param httpClient the HTTP client
         * @return this builder
         */
        public Builder httpClient(SdkHttpClient httpClient) {
            this.httpClient = Objects.requireNonNull(httpClient, "httpClient");
            this.httpClientBuilder = null;
            return this;
        }

        /**
         * Builds the HTTP client of each sync SDK client this client builds itself; each one is closed with its SDK
         * client. Optional. Replaces an {@link #httpClient(SdkHttpClient)}.
         *
         * @param httpClientBuilder such as {@code ApacheHttpClient.builder().maxConnections(200)}
         * @return this builder
         */
        public Builder httpClientBuilder(SdkHttpClient.Builder<?> httpClientBuilder) {
            this.httpClientBuilder = Objects.requireNonNull(httpClientBuilder, "httpClientBuilder");
            this.httpClient = null;
            return this;
        }

        /**
         * The HTTP client of every async SDK client this client builds itself (DynamoDB and S3). Shared by them and
         * never closed by them or by the {@code TenantClient}. Optional: each client builds the SDK's default
         * (netty-nio-client). Replaces an {@link #asyncHttpClientBuilder(SdkAsyncHttpClient.Builder)}.
         *
         * @param asyncHttpClient the async HTTP client
         * @return this builder
         */
        public Builder asyncHttpClient(SdkAsyncHttpClient asyncHttpClient) {
            this.asyncHttpClient = Objects.requireNonNull(asyncHttpClient, "asyncHttpClient");
            this.asyncHttpClientBuilder = null;
            return this;
        }

        /**
         * Builds the HTTP client of each async SDK client this client builds itself; each one is closed with its SDK
         * client. Optional. Replaces an {@link #asyncHttpClient(SdkAsyncHttpClient)}.
         *
         * @param asyncHttpClientBuilder such as {@code NettyNioAsyncHttpClient.builder().maxConcurrency(200)}
         * @return this builder
         */
        public Builder asyncHttpClientBuilder(SdkAsyncHttpClient.Builder<?> asyncHttpClientBuilder) {
            this.asyncHttpClientBuilder = Objects.requireNonNull(asyncHttpClientBuilder, "asyncHttpClientBuilder");
            this.asyncHttpClient = null;
            return this;
        }

        /**
         * Observes the work done for each tenant: every token → credentials exchange (cache misses and background
         * refreshes) starts and stops an observation with the tenant, never the token. Default:
         * {@link TenantObservations#NONE}. The Spring module sets one backed by Micrometer's {@code Observation} when
         * the application has an {@code ObservationRegistry}.
         *
         * @param observations the observations
         * @return this builder
         */
        public Builder observations(TenantObservations observations) {
            this.observations = Objects.requireNonNull(observations, "observations");
            return this;
        }

        private SdkClientSettings sdkClientSettings() {
            return new SdkClientSettings(
                    overrideConfiguration, httpClient, httpClientBuilder, asyncHttpClient, asyncHttpClientBuilder);
        }

        /**
         * The region for the SDK clients this client builds. Optional: defaults to the identity pool's region.
         *
         * @param region the region
         * @return this builder
         */
        public Builder region(Region region) {
            this.region = Objects.requireNonNull(region, "region");
            return this;
        }

        /**
         * The Cognito identity pool that exchanges tokens for credentials. Required.
         *
         * @param identityPoolId such as {@code eu-west-1:11111111-2222-3333-4444-555555555555}
         * @return this builder
         */
        public Builder identityPoolId(String identityPoolId) {
            this.identityPoolId = Objects.requireNonNull(identityPoolId, "identityPoolId");
            return this;
        }

        /**
         * The Cognito user pool that issues the ID tokens: tokens must carry its issuer, and it is the login
         * provider for the identity pool. Required.
         *
         * @param userPoolId such as {@code eu-west-1_AbCdEf123}
         * @return this builder
         */
        public Builder userPoolId(String userPoolId) {
            this.userPoolId = Objects.requireNonNull(userPoolId, "userPoolId");
            return this;
        }

        /**
         * The app client id tokens must name in {@code aud}. Optional: without it any audience is accepted (the
         * identity pool still only accepts its configured app clients).
         *
         * @param clientId the app client id
         * @return this builder
         */
        public Builder clientId(String clientId) {
            this.clientId = Objects.requireNonNull(clientId, "clientId");
            return this;
        }

        /**
         * Where tenants' data lives; the same layout must generate the IAM policy. Default {@link TenantLayout#org()}.
         *
         * @param layout the layout
         * @return this builder
         */
        public Builder layout(TenantLayout layout) {
            this.layout = Objects.requireNonNull(layout, "layout");
            return this;
        }

        /**
         * Adjusts the credentials cache, starting from the defaults of {@link CredentialsSettings}.
         *
         * @param settings adjusts the settings, such as {@code c -> c.refreshAhead(Duration.ofMinutes(5))}
         * @return this builder
         */
        public Builder credentials(Consumer<CredentialsSettings.Builder> settings) {
            Objects.requireNonNull(settings, "settings").accept(credentials);
            return this;
        }

        /**
         * A shared DynamoDB client for every session. Optional: otherwise one is built on first use and closed with
         * this client.
         *
         * @param dynamoDbClient the client; its own credentials are never used for tenant requests
         * @return this builder
         */
        public Builder dynamoDbClient(DynamoDbClient dynamoDbClient) {
            this.dynamoDbClient = Objects.requireNonNull(dynamoDbClient, "dynamoDbClient");
            return this;
        }

        /**
         * A shared async DynamoDB client for every session's {@link TenantSession#asyncTable async tables}. Optional:
         * otherwise one is built on first use, with the SDK's default async HTTP client (netty-nio-client), and
         * closed with this client.
         *
         * @param dynamoDbAsyncClient the client; its own credentials are never used for tenant requests
         * @return this builder
         */
        public Builder dynamoDbAsyncClient(DynamoDbAsyncClient dynamoDbAsyncClient) {
            this.dynamoDbAsyncClient = Objects.requireNonNull(dynamoDbAsyncClient, "dynamoDbAsyncClient");
            return this;
        }

        /**
         * A shared S3 client for every session. Optional, as {@link #dynamoDbClient(DynamoDbClient)}.
         *
         * @param s3Client the client
         * @return this builder
         */
        public Builder s3Client(S3Client s3Client) {
            this.s3Client = Objects.requireNonNull(s3Client, "s3Client");
            return this;
        }

        /**
         * A shared async S3 client for {@link TenantSession#asyncBucket(String)} and transfers. Optional: otherwise one
         * is built on first use for the region with the SDK's default async HTTP client (netty-nio-client), anonymous
         * default credentials, owned and closed by the {@code TenantClient}. Its own credentials are never used for
         * tenant requests.
         *
         * <p>A Java-based client, multipart enabled or not: tenant-client adds the SDK's multipart layer above each
         * tenant's credentials itself, because AWS SDK 2.40's multipart client signs the parts of an upload with the
         * client's credentials instead of the request's (aws-sdk-java-v2 issue 5386), so a multipart-enabled client is
         * used through the plain client it wraps. The CRT-based client ({@code S3AsyncClient.crtBuilder()}) cannot sign
         * with per-request credentials at all (issue 5354) and is refused.
         *
         * @param s3AsyncClient the client
         * @return this builder
         * @throws IllegalArgumentException for a CRT-based client, or a multipart client wrapped below another layer
         */
        public Builder s3AsyncClient(S3AsyncClient s3AsyncClient) {
            this.s3AsyncClient =
                    AsyncS3Resources.requireRequestCredentials(Objects.requireNonNull(s3AsyncClient, "s3AsyncClient"));
            return this;
        }

        /**
         * The multipart settings of async puts, copies and transfers (threshold, part size, buffer). Optional: the
         * SDK's defaults (8 MiB threshold and parts).
         *
         * @param multipart the settings
         * @return this builder
         */
        public Builder s3MultipartConfiguration(MultipartConfiguration multipart) {
            this.s3MultipartConfiguration = Objects.requireNonNull(multipart, "multipart");
            return this;
        }

        /**
         * A shared S3 presigner. Optional, as {@link #dynamoDbClient(DynamoDbClient)}.
         *
         * @param s3Presigner the presigner
         * @return this builder
         */
        public Builder s3Presigner(S3Presigner s3Presigner) {
            this.s3Presigner = Objects.requireNonNull(s3Presigner, "s3Presigner");
            return this;
        }

        /**
         * The Cognito Identity client (for endpoint overrides or a local stack). Optional: otherwise one is built for
         * the region, with anonymous credentials, as {@code GetId} and {@code GetCredentialsForIdentity} need none.
         *
         * @param cognitoIdentityClient the client
         * @return this builder
         */
        public Builder cognitoIdentityClient(CognitoIdentityClient cognitoIdentityClient) {
            this.cognitoIdentityClient = Objects.requireNonNull(cognitoIdentityClient, "cognitoIdentityClient");
            return this;
        }

        /**
         * An async Cognito Identity client for the credentials exchanges (optional). When given, every exchange
         * ({@code GetId} and {@code GetCredentialsForIdentity}, foreground or refresh, for sync and async callers
         * alike) runs on it as a chain of futures, so no thread (event loop or exchange pool) waits for Cognito;
         * the cache, single flight, rate limits and statistics are the same. It takes precedence over
         * {@link #cognitoIdentityClient(CognitoIdentityClient)}, which the cache then does not use. Shared: not
         * closed by the client.
         *
         * @param cognitoIdentityAsyncClient the async client
         * @return this builder
         */
        public Builder cognitoIdentityAsyncClient(CognitoIdentityAsyncClient cognitoIdentityAsyncClient) {
            this.cognitoIdentityAsyncClient =
                    Objects.requireNonNull(cognitoIdentityAsyncClient, "cognitoIdentityAsyncClient");
            return this;
        }

        /**
         * How each new token's signature is checked. Default: {@link JwksTokenVerifier#forUserPool(String)} with this
         * builder's clock, which reads the user pool's JWKS from Cognito. Pass a {@link JwksTokenVerifier} built with
         * {@link JwksTokenVerifier.Builder#jwksUrl(java.net.URI)} for another endpoint, a verifier over code that
         * already verified the token (a Spring {@code JwtDecoder}), or, knowingly,
         * {@link TokenVerifier#skipSignatureVerification()}.
         *
         * @param tokenVerifier the verifier
         * @return this builder
         */
        public Builder tokenVerifier(TokenVerifier tokenVerifier) {
            this.tokenVerifier = Objects.requireNonNull(tokenVerifier, "tokenVerifier");
            return this;
        }

        /**
         * Hears what the tenant boundary filters out, such as items of another tenant dropped from an index query.
         * Default: none (the events are still counted and logged at WARN).
         *
         * @param boundaryListener the listener
         * @return this builder
         */
        public Builder boundaryListener(BoundaryListener boundaryListener) {
            this.boundaryListener = Objects.requireNonNull(boundaryListener, "boundaryListener");
            return this;
        }

        /**
         * The time source for token and credential expiry. Default: the system UTC clock. Tests pass a controllable
         * clock.
         *
         * @param clock the clock
         * @return this builder
         */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /**
         * Validates the configuration and builds the client.
         *
         * @return the client
         * @throws IllegalStateException naming the missing or inconsistent setting, or an AWS SDK older than the one
         *     this release needs (a BOM pinning an old SDK)
         */
        public TenantClient build() {
            SdkRequirements.check();
            if (identityPoolId == null) {
                throw new IllegalStateException("identityPoolId is required: the Cognito identity pool that exchanges"
                        + " ID tokens for credentials, such as 'eu-west-1:11111111-2222-3333-4444-555555555555'");
            }
            if (!CognitoNames.IDENTITY_POOL_ID.matcher(identityPoolId).matches()) {
                throw new IllegalStateException(
                        "identityPoolId '" + identityPoolId + "' is not an identity pool id ('<region>:<guid>')");
            }
            if (userPoolId == null) {
                throw new IllegalStateException("userPoolId is required: the Cognito user pool that issues the ID"
                        + " tokens, such as 'eu-west-1_AbCdEf123'");
            }
            if (!CognitoNames.USER_POOL_ID.matcher(userPoolId).matches()) {
                throw new IllegalStateException(
                        "userPoolId '" + userPoolId + "' is not a user pool id ('<region>_<id>')");
            }
            Region resolved =
                    region != null ? region : Region.of(identityPoolId.substring(0, identityPoolId.indexOf(':')));
            TokenVerifier verifier = tokenVerifier != null
                    ? tokenVerifier
                    : JwksTokenVerifier.builder()
                            .userPoolId(userPoolId)
                            .clock(clock)
                            .build();
            return new TenantClient(this, resolved, verifier);
        }
    }
}
