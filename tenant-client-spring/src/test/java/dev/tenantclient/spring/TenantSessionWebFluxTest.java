/*
 * Copyright 2026 The tenant-client Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tenantclient.spring;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tenantclient.JwksTokenVerifier;
import dev.tenantclient.TenantClient;
import dev.tenantclient.TenantSession;
import dev.tenantclient.local.LocalTenantStack;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ReactiveWebApplicationContextRunner;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.context.ReactiveSecurityContextHolder;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.reactive.config.EnableWebFlux;
import org.springframework.web.server.WebFilter;
import reactor.core.publisher.Mono;
import software.amazon.awssdk.auth.credentials.AnonymousCredentialsProvider;
import software.amazon.awssdk.core.async.AsyncRequestBody;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbEnhancedClient;
import software.amazon.awssdk.enhanced.dynamodb.Key;
import software.amazon.awssdk.enhanced.dynamodb.TableSchema;
import software.amazon.awssdk.enhanced.dynamodb.mapper.annotations.DynamoDbBean;
import software.amazon.awssdk.enhanced.dynamodb.mapper.annotations.DynamoDbPartitionKey;
import software.amazon.awssdk.services.dynamodb.DynamoDbAsyncClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * WebFlux controllers take a {@link TenantSession} resolved from the reactive security context, and reach the
 * tenant's own objects through {@code asyncBucket} on the local stack.
 */
class TenantSessionWebFluxTest {

    private static final String BUCKET = "webflux-files";
    private static final String MEMOS = "webflux-memos";
    private static final TableSchema<Memo> MEMO = TableSchema.fromBean(Memo.class);
    private static LocalTenantStack stack;
    private static TenantClient client;

    @RestController
    static class FilesController {
        @PutMapping("/files/{name}")
        Mono<String> put(TenantSession session, @PathVariable String name, @RequestBody String body) {
            return Mono.fromFuture(() -> session.asyncBucket(BUCKET).putObject(name, AsyncRequestBody.fromString(body)))
                    .map(r -> session.tenant().org());
        }

        @GetMapping("/files/{name}")
        Mono<String> get(TenantSession session, @PathVariable String name) {
            return Mono.fromFuture(() -> session.asyncBucket(BUCKET).getObjectAsBytes(name))
                    .map(b -> b.asString(StandardCharsets.UTF_8));
        }

        @GetMapping("/whoami")
        String whoami(Optional<TenantSession> session) {
            return session.map(s -> s.tenant().org()).orElse("anonymous");
        }

        @ExceptionHandler(dev.tenantclient.spring.MissingTenantTokenException.class)
        @ResponseStatus(HttpStatus.UNAUTHORIZED)
        String missing() {
            return "no token";
        }
    }

    /** A memo, in the async table of the auto-configuration test. */
    @DynamoDbBean
    public static class Memo {
        private String id;
        private String text;

        /**
         * The memo's id, the partition key.
         *
         * @return the id
         */
        @DynamoDbPartitionKey
        public String getId() {
            return id;
        }

        /**
         * Sets the id.
         *
         * @param id the id
         */
        public void setId(String id) {
            this.id = id;
        }

        /**
         * The memo's text.
         *
         * @return the text
         */
        public String getText() {
            return text;
        }

        /**
         * Sets the text.
         *
         * @param text the text
         */
        public void setText(String text) {
            this.text = text;
        }
    }

    /** A WebFlux application whose controller writes and reads through {@code session.asyncTable(...)}. */
    @Configuration(proxyBeanMethods = false)
    @EnableWebFlux
    @RestController
    static class MemosApp {
        @PutMapping("/memos/{id}")
        Mono<String> put(TenantSession session, @PathVariable String id, @RequestBody String text) {
            Memo memo = new Memo();
            memo.setId(id);
            memo.setText(text);
            return Mono.fromFuture(() -> session.asyncTable(MEMOS, MEMO).putItem(memo))
                    .thenReturn(session.tenant().org());
        }

        @GetMapping("/memos/{id}")
        Mono<String> get(TenantSession session, @PathVariable String id) {
            return Mono.fromFuture(() -> session.asyncTable(MEMOS, MEMO)
                            .getItem(Key.builder().partitionValue(id).build()))
                    .map(Memo::getText)
                    .defaultIfEmpty("none");
        }
    }

    @BeforeAll
    static void start() {
        stack = LocalTenantStack.start();
        stack.adminS3Client().createBucket(r -> r.bucket(BUCKET));
        DynamoDbEnhancedClient.builder()
                .dynamoDbClient(stack.adminDynamoDbClient())
                .build()
                .table(MEMOS, MEMO)
                .createTable();
        client = stack.clientBuilder().build();
    }

    @AfterAll
    static void stop() {
        client.close();
        stack.close();
    }

    private static WebTestClient as(String org, String subject) {
        TenantSessionReactiveArgumentResolver resolver = new TenantSessionReactiveArgumentResolver(() -> client);
        WebTestClient.ControllerSpec spec = WebTestClient.bindToController(new FilesController())
                .argumentResolvers(c -> c.addCustomResolver(resolver));
        if (org != null) {
            spec.webFilter(authenticated(org, subject));
        }
        // the first request exchanges a token and starts the async HTTP client: not a timing assertion
        return spec.configureClient().responseTimeout(Duration.ofMinutes(2)).build();
    }

    /** What Spring Security's resource server leaves in the reactive context for a verified token. */
    private static WebFilter authenticated(String org, String subject) {
        String token = stack.issueToken(org, subject);
        Jwt jwt = Jwt.withTokenValue(token)
                .header("alg", "RS256")
                .claim("sub", subject)
                .claim("token_use", "id")
                .issuedAt(Instant.now())
                .expiresAt(Instant.now().plusSeconds(3600))
                .build();
        return (exchange, chain) -> chain.filter(exchange)
                .contextWrite(ReactiveSecurityContextHolder.withAuthentication(
                        new JwtAuthenticationToken(jwt, java.util.List.of())));
    }

    @Test
    void twoTenantsWriteTheSameNameAndEachReadsTheirOwn() {
        WebTestClient acme = as("acme", "alice");
        WebTestClient globex = as("globex", "bob");

        acme.put()
                .uri("/files/n.txt")
                .bodyValue("acme's")
                .exchange()
                .expectBody(String.class)
                .isEqualTo("acme");
        globex.put()
                .uri("/files/n.txt")
                .bodyValue("globex's")
                .exchange()
                .expectStatus()
                .isOk();

        acme.get().uri("/files/n.txt").exchange().expectBody(String.class).isEqualTo("acme's");
        globex.get().uri("/files/n.txt").exchange().expectBody(String.class).isEqualTo("globex's");
        assertThat(stack.adminS3Client().listObjectsV2(r -> r.bucket(BUCKET)).contents())
                .extracting(o -> o.key())
                .contains("acme/n.txt", "globex/n.txt");
    }

    @Test
    void withoutAJwtARequiredSessionIsA401AndAnOptionalOneIsEmpty() {
        WebTestClient anonymous = as(null, null);

        anonymous.get().uri("/files/n.txt").exchange().expectStatus().isUnauthorized();
        anonymous.get().uri("/whoami").exchange().expectBody(String.class).isEqualTo("anonymous");
        as("acme", "carol")
                .get()
                .uri("/whoami")
                .exchange()
                .expectBody(String.class)
                .isEqualTo("acme");
    }

    @Test
    void theAutoConfigurationRegistersTheResolverAndTheStartupCheckStandsDown() {
        new ReactiveWebApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(
                        TenantClientReactiveGuardAutoConfiguration.class, TenantClientWebFluxAutoConfiguration.class))
                .withUserConfiguration(FilesController.class)
                .withBean(TenantClient.class, () -> client, b -> b.setDestroyMethodName(""))
                .run(context -> {
                    assertThat(context).hasNotFailed();
                    assertThat(context).hasSingleBean(TenantSessionReactiveArgumentResolver.class);
                });
    }

    @Test
    void theApplicationsDynamoDbAsyncClientServesAsyncTablesOfTheAutoConfiguredClient() {
        AtomicInteger requests = new AtomicInteger();
        DynamoDbAsyncClient own = DynamoDbAsyncClient.builder()
                .region(LocalTenantStack.REGION)
                .endpointOverride(stack.dynamoDbEndpoint())
                .credentialsProvider(AnonymousCredentialsProvider.create())
                .overrideConfiguration(o -> o.addExecutionInterceptor(new ExecutionInterceptor() {
                    @Override
                    public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
                        requests.incrementAndGet();
                    }
                }))
                .build();
        new ReactiveWebApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(
                        TenantClientAutoConfiguration.class,
                        TenantClientAsyncDynamoDbAutoConfiguration.class,
                        TenantClientWebFluxAutoConfiguration.class))
                .withPropertyValues(
                        "tenant-client.region=" + LocalTenantStack.REGION.id(),
                        "tenant-client.identity-pool-id=" + LocalTenantStack.IDENTITY_POOL_ID,
                        "tenant-client.user-pool-id=" + LocalTenantStack.USER_POOL_ID,
                        "tenant-client.client-id=" + LocalTenantStack.CLIENT_ID,
                        "tenant-client.endpoints.cognito-identity=" + stack.cognitoEndpoint(),
                        "tenant-client.endpoints.dynamodb=" + stack.dynamoDbEndpoint())
                .withUserConfiguration(MemosApp.class)
                .withBean(DynamoDbAsyncClient.class, () -> own)
                .withBean(
                        TenantClientBuilderCustomizer.class,
                        () -> b -> b.tokenVerifier(JwksTokenVerifier.builder()
                                .jwksUrl(stack.jwksUrl())
                                .timeout(Duration.ofSeconds(60))
                                .build()))
                .run(context -> {
                    assertThat(context).hasNotFailed().hasSingleBean(DynamoDbAsyncClient.class);
                    WebTestClient acme = WebTestClient.bindToApplicationContext(context)
                            .webFilter(authenticated("acme", "alice"))
                            .configureClient()
                            .responseTimeout(Duration.ofMinutes(2))
                            .build();
                    acme.put()
                            .uri("/memos/m1")
                            .bodyValue("acme's memo")
                            .exchange()
                            .expectBody(String.class)
                            .isEqualTo("acme");
                    acme.get()
                            .uri("/memos/m1")
                            .exchange()
                            .expectBody(String.class)
                            .isEqualTo("acme's memo");
                });
        assertThat(requests)
                .as("DynamoDB requests through the application's bean")
                .hasValueGreaterThanOrEqualTo(2);
        assertThat(stack.adminDynamoDbClient()
                        .getItem(r -> r.tableName(MEMOS).key(Map.of("id", AttributeValue.fromS("acme#m1"))))
                        .item())
                .containsEntry("text", AttributeValue.fromS("acme's memo"));
    }
}
