/*
 * Copyright 2026 The tenant-client Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tenantclient.local;

import dev.tenantclient.JwksTokenVerifier;
import dev.tenantclient.LayoutOverlaps;
import dev.tenantclient.TenantClient;
import dev.tenantclient.TenantLayout;
import dev.tenantclient.doctor.TenantDoctor;
import dev.tenantclient.local.internal.IamGateway;
import dev.tenantclient.local.internal.JwksEndpoint;
import dev.tenantclient.local.internal.LocalDynamoDb;
import dev.tenantclient.local.internal.LocalS3Server;
import dev.tenantclient.local.internal.TableKeys;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.auth.credentials.AnonymousCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.http.nio.netty.NettyNioAsyncHttpClient;
import software.amazon.awssdk.http.nio.netty.SdkEventLoopGroup;
import software.amazon.awssdk.policybuilder.iam.IamPolicy;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.cognitoidentity.CognitoIdentityAsyncClient;
import software.amazon.awssdk.services.cognitoidentity.CognitoIdentityClient;
import software.amazon.awssdk.services.cognitoidentityprovider.CognitoIdentityProviderClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbAsyncClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.s3.S3AsyncClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3Configuration;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;

/**
 * Everything tenant-client talks to, offline, in this JVM: a user-pool token issuer, a Cognito Identity emulator,
 * DynamoDB Local, an S3-compatible server, and an IAM-enforcing gateway in front of the last two that verifies
 * every request's signature against the credentials the emulator issued.
 *
 * <pre>{@code
 * try (LocalTenantStack stack = LocalTenantStack.start();
 *      TenantClient client = stack.clientBuilder().build()) {
 *   TenantSession acme = client.session(stack.issueToken("acme", "alice"));
 *   ...
 * }
 * }</pre>
 *
 * <p>Fixed ids, so configuration can be written down: region {@code us-east-1}, user pool {@value #USER_POOL_ID},
 * app client {@value #CLIENT_ID}, identity pool {@value #IDENTITY_POOL_ID}. Starting takes about a second.
 * Thread-safe; close it to stop every server.
 */
public final class LocalTenantStack implements AutoCloseable {

    /** The stack's region. */
    public static final Region REGION = Region.US_EAST_1;
    /** The local user pool's id. */
    public static final String USER_POOL_ID = "us-east-1_LocalPool1";
    /** The local user pool's app client id (the tokens' {@code aud}). */
    public static final String CLIENT_ID = "local-app-client";
    /** The local identity pool's id. */
    public static final String IDENTITY_POOL_ID = "us-east-1:00000000-0000-4000-8000-000000000001";
    /** The account id in ARNs. */
    public static final String ACCOUNT_ID = "000000000000";

    /** The admin key of the local services (DynamoDB Local accepts alphanumeric access keys only). */
    private static final StaticCredentialsProvider ADMIN =
            StaticCredentialsProvider.create(AwsBasicCredentials.create("LOCALADMIN", "localadminsecret"));

    private static final Logger log = LoggerFactory.getLogger(LocalTenantStack.class);

    private final Clock clock;
    private final boolean enforceIam;
    private final LocalTokenIssuer tokens;
    private final JwksEndpoint jwks;
    /** The system property that makes {@link #clientBuilder()} wire the sync Cognito Identity client only. */
    public static final String SYNC_COGNITO_PROPERTY = "tenantclient.local.syncCognito";

    private final Faults faults = new Faults();
    private final CognitoIdentityEmulator cognito;
    private final LocalDynamoDb dynamoDb;
    private final LocalS3Server s3Server;
    private final IamGateway gateway;
    private final SdkHttpClient httpClient;
    private final CognitoIdentityClient cognitoClient;
    private final CognitoIdentityAsyncClient cognitoAsyncClient;
    private final DynamoDbClient dynamoDbClient;
    private final DynamoDbAsyncClient dynamoDbAsyncClient;
    private final S3Client s3Client;
    private final S3Presigner s3Presigner;
    private final S3AsyncClient s3AsyncClient;
    private final DynamoDbClient adminDynamoDb;
    private final S3Client adminS3;
    private final Deque<AutoCloseable> closeables = new ArrayDeque<>();
    private final StackPolicies policies;
    private final List<TenantLayout> layouts;
    private LocalDeployment deployment;
    private CognitoIdentityClient controlIdentity;
    private CognitoIdentityProviderClient controlUserPools;
    private IamClient controlIam;

    private LocalTenantStack(Builder b) {
        long started = System.nanoTime();
        this.clock = b.clock;
        this.enforceIam = b.enforceIam;
        this.layouts = List.copyOf(b.layouts);
        try {
            this.tokens = new LocalTokenIssuer(REGION.id(), USER_POOL_ID, CLIENT_ID, clock);
            this.jwks = track(new JwksEndpoint(USER_POOL_ID, tokens::jwks));
            this.cognito = track(new CognitoIdentityEmulator(
                    REGION.id(),
                    IDENTITY_POOL_ID,
                    CLIENT_ID,
                    b.principalTags,
                    b.credentialsLifetime,
                    clock,
                    tokens,
                    faults));
            this.dynamoDb = track(LocalDynamoDb.start());
            this.s3Server = track(LocalS3Server.start());
            this.httpClient =
                    track(ApacheHttpClient.builder().maxConnections(256).build());
            this.adminDynamoDb = track(DynamoDbClient.builder()
                    .region(REGION)
                    .endpointOverride(dynamoDb.endpoint())
                    .httpClient(httpClient)
                    .credentialsProvider(ADMIN)
                    .build());
            this.adminS3 = track(S3Client.builder()
                    .region(REGION)
                    .endpointOverride(s3Server.endpoint())
                    .forcePathStyle(true)
                    .httpClient(httpClient)
                    .credentialsProvider(ADMIN)
                    .build());
            this.policies = new StackPolicies(b.layouts);
            this.gateway = track(new IamGateway(
                    clock,
                    cognito::session,
                    policies::deny,
                    REGION.id(),
                    ACCOUNT_ID,
                    dynamoDb.endpoint(),
                    s3Server.endpoint(),
                    new TableKeys(adminDynamoDb),
                    faults::next));
            Set<Fault.Kind> errors = EnumSet.of(
                    Fault.Kind.THROTTLING, Fault.Kind.INTERNAL_ERROR, Fault.Kind.SERVICE_UNAVAILABLE, Fault.Kind.ERROR);
            faults.register("dynamodb", errors);
            faults.register("s3", errors);
            URI dynamoEndpoint = gatewayOrDirect(gateway.dynamoDbEndpoint(), dynamoDb.endpoint());
            URI s3Endpoint = gatewayOrDirect(gateway.s3Endpoint(), s3Server.endpoint());
            AnonymousCredentialsProvider anonymous = AnonymousCredentialsProvider.create();
            this.cognitoClient = track(CognitoIdentityClient.builder()
                    .region(REGION)
                    .endpointOverride(cognito.endpoint())
                    .httpClient(httpClient)
                    .credentialsProvider(anonymous)
                    .build());
            // Non-blocking credentials exchanges: netty with two event-loop threads (started with the first request).
            this.cognitoAsyncClient = track(CognitoIdentityAsyncClient.builder()
                    .region(REGION)
                    .endpointOverride(cognito.endpoint())
                    .httpClient(track(NettyNioAsyncHttpClient.builder()
                            .eventLoopGroupBuilder(SdkEventLoopGroup.builder().numberOfThreads(2))
                            .maxConcurrency(256)
                            .build()))
                    .credentialsProvider(anonymous)
                    .build());
            this.dynamoDbClient = track(DynamoDbClient.builder()
                    .region(REGION)
                    .endpointOverride(dynamoEndpoint)
                    .httpClient(httpClient)
                    .credentialsProvider(anonymous)
                    .build());
            // Async tables: netty with two event-loop threads (its threads start with the first request).
            this.dynamoDbAsyncClient = track(DynamoDbAsyncClient.builder()
                    .region(REGION)
                    .endpointOverride(dynamoEndpoint)
                    .httpClient(track(NettyNioAsyncHttpClient.builder()
                            .eventLoopGroupBuilder(SdkEventLoopGroup.builder().numberOfThreads(2))
                            .maxConcurrency(256)
                            .build()))
                    .credentialsProvider(anonymous)
                    .build());
            this.s3Client = track(S3Client.builder()
                    .region(REGION)
                    .endpointOverride(s3Endpoint)
                    .forcePathStyle(true)
                    .httpClient(httpClient)
                    .credentialsProvider(anonymous)
                    .build());
            // Built here (netty threads start only when a request is made) so async buckets reach the gateway too.
            this.s3AsyncClient = track(S3AsyncClient.builder()
                    .region(REGION)
                    .endpointOverride(s3Endpoint)
                    .forcePathStyle(true)
                    .credentialsProvider(anonymous)
                    .build());
            this.s3Presigner = track(S3Presigner.builder()
                    .region(REGION)
                    .endpointOverride(s3Endpoint)
                    .serviceConfiguration(S3Configuration.builder()
                            .pathStyleAccessEnabled(true)
                            .build())
                    .credentialsProvider(anonymous)
                    .build());
        } catch (RuntimeException e) {
            closeQuietly(e);
            throw e;
        }
        log.info(
                "Local tenant stack started in {} ms: cognito {}, dynamodb {}, s3 {}, IAM gateway {}",
                (System.nanoTime() - started) / 1_000_000,
                cognito.endpoint(),
                dynamoDb.endpoint(),
                s3Server.endpoint(),
                b.enforceIam ? "on" : "off");
    }

    /**
     * Starts a stack with the defaults.
     *
     * @return the running stack
     */
    public static LocalTenantStack start() {
        return builder().start();
    }

    /**
     * Starts configuring a stack.
     *
     * @return a builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Issues a valid one-hour ID token for a user of a tenant, signed by the local user pool.
     *
     * @param org the tenant ({@code custom:org})
     * @param subject the user ({@code sub})
     * @return the token
     */
    public String issueToken(String org, String subject) {
        return tokens.issue(org, subject);
    }

    /**
     * The local user pool's token issuer, for tokens with unusual claims (expired, other audience, no tenant).
     *
     * @return the issuer
     */
    public LocalTokenIssuer tokens() {
        return tokens;
    }

    /**
     * The Cognito Identity emulator: call counts, issued sessions, and the identity pool's configuration (its
     * principal-tag map, read and changed through its control plane or {@link #deployment()}).
     *
     * @return the emulator
     */
    public CognitoIdentityEmulator cognito() {
        return cognito;
    }

    /**
     * The one fault-injection API of the stack's emulated services: faults and quotas for the Cognito Identity
     * emulator ({@code cognito-identity:GetId}, ...) and for DynamoDB and S3 behind the IAM gateway
     * ({@code dynamodb:PutItem}, {@code s3:PutObject}, ...).
     *
     * @return the stack's faults
     */
    public Faults faults() {
        return faults;
    }

    /**
     * A {@code TenantClient} builder wired to this stack: region, pools, app client, the stack's clock, a token
     * verifier reading the local user pool's {@linkplain #jwksUrl() JWKS}, and shared SDK clients pointed at the
     * Cognito emulator and the IAM gateway. Change what you need (layout, credentials settings) and build; the SDK
     * clients belong to the stack.
     *
     * <p>The credentials exchanges run on the stack's async Cognito Identity client
     * ({@link TenantClient.Builder#cognitoIdentityAsyncClient}), unless the system property
     * {@value #SYNC_COGNITO_PROPERTY} is {@code true}: then on the sync one, as without an async client.
     *
     * @return a preconfigured builder
     */
    public TenantClient.Builder clientBuilder() {
        return clientBuilder(!Boolean.getBoolean(SYNC_COGNITO_PROPERTY));
    }

    /**
     * {@link #clientBuilder()}, choosing the Cognito Identity client the credentials exchanges run on.
     *
     * @param asyncCognito true for the stack's async client (exchanges as chains of futures), false for the sync one
     * @return a preconfigured builder
     */
    public TenantClient.Builder clientBuilder(boolean asyncCognito) {
        TenantClient.Builder builder = syncCognitoClientBuilder();
        return asyncCognito ? builder.cognitoIdentityAsyncClient(cognitoAsyncClient) : builder;
    }

    private TenantClient.Builder syncCognitoClientBuilder() {
        return TenantClient.builder()
                .region(REGION)
                .identityPoolId(IDENTITY_POOL_ID)
                .userPoolId(USER_POOL_ID)
                .clientId(CLIENT_ID)
                .clock(clock)
                .tokenVerifier(JwksTokenVerifier.builder()
                        .jwksUrl(jwks.url())
                        .clock(clock)
                        // Loopback: a timeout here only means a loaded test machine, not an outage.
                        .timeout(Duration.ofSeconds(60))
                        .build())
                .cognitoIdentityClient(cognitoClient)
                .dynamoDbClient(dynamoDbClient)
                .dynamoDbAsyncClient(dynamoDbAsyncClient)
                .s3Client(s3Client)
                .s3AsyncClient(s3AsyncClient)
                .s3Presigner(s3Presigner);
    }

    /**
     * The local user pool's JWKS ({@code /<userPoolId>/.well-known/jwks.json} on loopback), as Cognito publishes it
     * at {@code https://cognito-idp.<region>.amazonaws.com/<userPoolId>/.well-known/jwks.json}: for
     * {@code JwksTokenVerifier.builder().jwksUrl(...)} or a resource server's JWK set URI.
     *
     * @return the URL
     */
    public URI jwksUrl() {
        return jwks.url();
    }

    /**
     * Requests the JWKS endpoint answered so far.
     *
     * @return the count
     */
    public long jwksRequests() {
        return jwks.requests();
    }

    /**
     * The Cognito emulator's endpoint.
     *
     * @return the endpoint
     */
    public URI cognitoEndpoint() {
        return cognito.endpoint();
    }

    /**
     * Where tenant requests to DynamoDB go: the IAM gateway (or DynamoDB Local itself when IAM is not enforced).
     *
     * @return the endpoint
     */
    public URI dynamoDbEndpoint() {
        return gatewayOrDirect(gateway.dynamoDbEndpoint(), dynamoDb.endpoint());
    }

    /**
     * Where tenant requests to S3 go (path-style): the IAM gateway (or the S3 server itself when IAM is not enforced).
     *
     * @return the endpoint
     */
    public URI s3Endpoint() {
        return gatewayOrDirect(gateway.s3Endpoint(), s3Server.endpoint());
    }

    /**
     * A DynamoDB client that bypasses the gateway: create tables, inspect raw items. Owned by the stack.
     *
     * @return the admin client
     */
    public DynamoDbClient adminDynamoDbClient() {
        return adminDynamoDb;
    }

    /**
     * An S3 client that bypasses the gateway: create buckets, list raw keys. Owned by the stack.
     *
     * @return the admin client
     */
    public S3Client adminS3Client() {
        return adminS3;
    }

    /**
     * Requests the gateway allowed so far.
     *
     * @return the count
     */
    public long gatewayAllowed() {
        return gateway.allowedCount();
    }

    /**
     * Requests the gateway denied so far (bad signature, expired credentials, IAM denial).
     *
     * @return the count
     */
    public long gatewayDenied() {
        return gateway.deniedCount();
    }

    /**
     * Makes the gateway fail requests for one IAM action with a 500 in the service's error format: it lets
     * {@code skip} such requests through, then fails the next {@code count}. For testing how code copes with
     * DynamoDB or S3 failing midway (a multipart upload's third part, say).
     *
     * <p>Delegates to the stack's one fault API; prefer it in new code: {@link #faults()}: {@code faults().inject(Fault.internalError().on(action).after(skip)
     *     .times(count))}
     *
     * @param action such as {@code s3:PutObject} (multipart parts are PutObject) or {@code dynamodb:PutItem}
     * @param skip matching requests to let through first
     * @param count matching requests to fail
     */
    public void injectFault(String action, int skip, int count) {
        Objects.requireNonNull(action, "action");
        if (skip < 0 || count < 1) {
            throw new IllegalArgumentException("skip must be >= 0 and count >= 1");
        }
        faults.inject(Fault.internalError().on(action).after(skip).times(count));
    }

    /**
     * Drops every fault queued that has not been served (and every quota).
     *
     * <p>Delegates to the stack's one fault API; prefer it in new code: {@link #faults()}{@code .clear()}
     *
     */
    public void clearInjectedFaults() {
        faults.clear();
    }

    /**
     * The role's permission policies for a bucket, as the gateway evaluates them: one generated policy per layout,
     * on every table of the local account and on that bucket.
     *
     * @param bucket a bucket name
     * @return the policies
     */
    public List<IamPolicy> permissionPolicies(String bucket) {
        return policies.forBucket(bucket);
    }

    /**
     * The stack's deployment as a control plane reports it (user pool, identity pool, role and its policies), started
     * on first use. Correct until a test breaks it on purpose; see {@link LocalDeployment}.
     *
     * @return the deployment, owned by the stack
     */
    public synchronized LocalDeployment deployment() {
        if (deployment == null) {
            deployment = track(new LocalDeployment(
                    layouts,
                    cognito,
                    () -> policies.forBuckets(adminS3.listBuckets().buckets().stream()
                            .map(b -> b.name())
                            .toList())));
            controlIdentity = track(CognitoIdentityClient.builder()
                    .region(REGION)
                    .endpointOverride(deployment.endpoint())
                    .httpClient(httpClient)
                    .credentialsProvider(ADMIN)
                    .build());
            controlUserPools = track(CognitoIdentityProviderClient.builder()
                    .region(REGION)
                    .endpointOverride(deployment.endpoint())
                    .httpClient(httpClient)
                    .credentialsProvider(ADMIN)
                    .build());
            controlIam = track(IamClient.builder()
                    .region(Region.AWS_GLOBAL)
                    .endpointOverride(deployment.endpoint())
                    .httpClient(httpClient)
                    .credentialsProvider(ADMIN)
                    .build());
        }
        return deployment;
    }

    /**
     * A {@link TenantDoctor} builder for this stack's {@link #deployment()}: layouts, region, pools and clients set;
     * add the tables and buckets to check.
     *
     * @return a preconfigured builder
     */
    public synchronized TenantDoctor.Builder doctorBuilder() {
        deployment();
        TenantDoctor.Builder builder = TenantDoctor.builder()
                .region(REGION)
                .identityPoolId(IDENTITY_POOL_ID)
                .userPoolId(USER_POOL_ID)
                .clientId(CLIENT_ID)
                .cognitoIdentityClient(controlIdentity)
                .userPoolsClient(controlUserPools)
                .iamClient(controlIam);
        layouts.forEach(builder::layout);
        return builder;
    }

    /**
     * Makes the IAM gateway enforce the role policies {@link #deployment()} reports (its inline and managed policies,
     * as changed by {@link LocalDeployment#putRolePolicy} and friends, or by a template applied with
     * {@link TemplateDeployment}) instead of the policies generated for the stack's layouts; {@code false} goes back.
     * Only the permission policies change; principal tags come from the identity pool's principal-tag map, which the
     * deployment and the Cognito emulator share.
     *
     * @param deployed whether to enforce the deployment's policies
     */
    public void enforceDeployedPolicies(boolean deployed) {
        LocalDeployment d = deployment();
        policies.useDeployed(deployed ? d::rolePolicies : null);
    }

    StackPolicies policies() {
        return policies;
    }

    IamGateway gateway() {
        return gateway;
    }

    private URI gatewayOrDirect(URI viaGateway, URI direct) {
        return enforceIam ? viaGateway : direct;
    }

    @Override
    public void close() {
        closeQuietly(null);
    }

    private <T extends AutoCloseable> T track(T closeable) {
        closeables.push(closeable);
        return closeable;
    }

    private void closeQuietly(RuntimeException primary) {
        RuntimeException failure = primary;
        while (!closeables.isEmpty()) {
            try {
                closeables.pop().close();
            } catch (Exception e) {
                if (failure == null) {
                    failure = new IllegalStateException("Could not stop the local tenant stack cleanly", e);
                } else {
                    failure.addSuppressed(e);
                }
            }
        }
        if (failure != null && primary == null) {
            throw failure;
        }
    }

    @Override
    public String toString() {
        return "LocalTenantStack{cognito=" + cognito.endpoint() + ", dynamodb=" + dynamoDbEndpoint() + ", s3="
                + s3Endpoint() + "}";
    }

    /** Configures a {@link LocalTenantStack}. */
    public static final class Builder {
        private Clock clock = Clock.systemUTC();
        private Duration credentialsLifetime = Duration.ofHours(1);
        private final Map<String, String> principalTags = new LinkedHashMap<>();
        private List<TenantLayout> layouts = List.of(TenantLayout.org());
        private boolean enforceIam = true;

        private Builder() {
            for (TenantLayout layout : layouts) {
                principalTags.putAll(layout.principalTags());
            }
        }

        /**
         * The time source for token issue and expiry checks and credential expiry. Default: the system clock. Pass the
         * same clock to the client (as {@link #clientBuilder()} does) to test refresh and expiry.
         *
         * @param clock the clock
         * @return this builder
         */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /**
         * How long issued credentials last. Default one hour, as Cognito's enhanced flow.
         *
         * @param lifetime a positive duration
         * @return this builder
         */
        public Builder credentialsLifetime(Duration lifetime) {
            if (lifetime == null || lifetime.isNegative() || lifetime.isZero()) {
                throw new IllegalArgumentException("credentialsLifetime must be positive, was " + lifetime);
            }
            this.credentialsLifetime = lifetime;
            return this;
        }

        /**
         * The layouts clients of this stack use. They decide the identity pool's principal-tag map (the union of their
         * tags) and the role's permission policy (the statements {@code TenantPolicies} generates for each, on every
         * table and bucket of the local account). Default: {@link TenantLayout#org()} only ({@code org ← custom:org}).
         *
         * <p>Every layout of a stack shares its tables and buckets, so no two may {@linkplain TenantLayout#overlaps
         * overlap}: IAM allows each layout's statement on its own, and with {@code org()} and {@code user()} together
         * an org named like a user's {@code sub} would list, read and delete that user's folder. Use a stack per
         * layout ({@code layouts(TenantLayout.user())} for the user layout), or custom layouts with distinct literal
         * prefixes ({@code o/{org}/} and {@code u/{username}/}, partition keys {@code o#{org}#} and
         * {@code u#{username}}).
         *
         * @param layouts the layouts, none overlapping another
         * @return this builder
         * @throws IllegalArgumentException when there is none, or two of them overlap (naming both and the fix)
         */
        public Builder layouts(TenantLayout... layouts) {
            if (layouts.length == 0) {
                throw new IllegalArgumentException("at least one layout is needed");
            }
            List<TenantLayout> chosen = List.of(layouts);
            LayoutOverlaps.requireDisjoint(chosen);
            this.layouts = chosen;
            principalTags.clear();
            for (TenantLayout layout : layouts) {
                principalTags.putAll(Objects.requireNonNull(layout, "layout").principalTags());
            }
            return this;
        }

        /**
         * Whether tenant clients go through the IAM gateway (default) or straight to DynamoDB Local and the S3 server.
         *
         * @param enforce false to bypass the gateway
         * @return this builder
         */
        public Builder enforceIam(boolean enforce) {
            this.enforceIam = enforce;
            return this;
        }

        /**
         * Starts the stack.
         *
         * @return the running stack
         */
        public LocalTenantStack start() {
            dev.tenantclient.local.internal.RuntimeRequirements.check();
            return new LocalTenantStack(this);
        }
    }
}
