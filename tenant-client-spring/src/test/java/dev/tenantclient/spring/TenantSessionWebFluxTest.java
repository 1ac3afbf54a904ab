/*
 * Copyright 2026 The tenant-client Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tenantclient.spring;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tenantclient.TenantClient;
import dev.tenantclient.TenantSession;
import dev.tenantclient.local.LocalTenantStack;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ReactiveWebApplicationContextRunner;
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
import reactor.core.publisher.Mono;
import software.amazon.awssdk.core.async.AsyncRequestBody;

/**
 * WebFlux controllers take a {@link TenantSession} resolved from the reactive security context, and reach the
 * tenant's own objects through {@code asyncBucket} on the local stack.
 */
class TenantSessionWebFluxTest {

    private static final String BUCKET = "webflux-files";
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

    @BeforeAll
    static void start() {
        stack = LocalTenantStack.start();
        stack.adminS3Client().createBucket(r -> r.bucket(BUCKET));
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
            String token = stack.issueToken(org, subject);
            Jwt jwt = Jwt.withTokenValue(token)
                    .header("alg", "RS256")
                    .claim("sub", subject)
                    .claim("token_use", "id")
                    .issuedAt(Instant.now())
                    .expiresAt(Instant.now().plusSeconds(3600))
                    .build();
            spec.webFilter((exchange, chain) -> chain.filter(exchange)
                    .contextWrite(ReactiveSecurityContextHolder.withAuthentication(
                            new JwtAuthenticationToken(jwt, java.util.List.of()))));
        }
        // the first request exchanges a token and starts the async HTTP client: not a timing assertion
        return spec.configureClient().responseTimeout(Duration.ofMinutes(2)).build();
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
}
