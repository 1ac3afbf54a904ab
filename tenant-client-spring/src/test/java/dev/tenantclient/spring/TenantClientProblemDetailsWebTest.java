/*
 * Copyright 2026 The tenant-client Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tenantclient.spring;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tenantclient.TenantSession;
import dev.tenantclient.local.CognitoIdentityEmulator.Fault;
import dev.tenantclient.local.LocalTenantStack;
import dev.tenantclient.spring.test.AutoConfigureLocalTenantStack;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/**
 * Every HTTP answer of {@link TenantClientExceptionHandler}, end to end: a resource server with real tokens, the
 * Cognito emulator (with injected faults) and the IAM gateway of LocalTenantStack.
 */
@SpringBootTest(
        classes = TenantClientProblemDetailsWebTest.App.class,
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@AutoConfigureLocalTenantStack
class TenantClientProblemDetailsWebTest {

    private static final HttpClient http = HttpClient.newHttpClient();
    private static final String BUCKET = "problem-files";

    @Autowired
    Environment environment;

    @Autowired
    LocalTenantStack stack;

    @SpringBootConfiguration
    @EnableAutoConfiguration
    @RestController
    static class App {
        @Bean
        SecurityFilterChain security(HttpSecurity http) throws Exception {
            return http.authorizeHttpRequests(a -> a.requestMatchers("/open/**")
                            .permitAll()
                            .anyRequest()
                            .authenticated())
                    .oauth2ResourceServer(o -> o.jwt(Customizer.withDefaults()))
                    .build();
        }

        @GetMapping("/files/{name}")
        String get(TenantSession session, @PathVariable String name) {
            return session.bucket(BUCKET).getObjectAsBytes(name).asUtf8String();
        }

        @GetMapping("/open/optional")
        String optional(Optional<TenantSession> session) {
            return session.map(s -> s.tenant().org()).orElse("anonymous");
        }

        @GetMapping("/open/nullable")
        String nullable(@Nullable TenantSession session) {
            return session == null ? "anonymous" : session.tenant().org();
        }

        @GetMapping("/open/required")
        String required(TenantSession session) {
            return session.tenant().org();
        }
    }

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        registry.add("tenant-client.retry-after", () -> "7s");
    }

    @BeforeEach
    void bucket() {
        if (stack.adminS3Client().listBuckets().buckets().stream()
                .noneMatch(b -> b.name().equals(BUCKET))) {
            stack.adminS3Client().createBucket(r -> r.bucket(BUCKET));
        }
    }

    @AfterEach
    void clearFaults() {
        stack.cognito().clearFaults();
    }

    private HttpResponse<String> get(String path, String token) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + environment.getProperty("local.server.port") + path));
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static void assertProblem(HttpResponse<String> response, int status, String reason) {
        assertThat(response.statusCode()).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type"))
                .hasValueSatisfying(t -> assertThat(t).startsWith("application/problem+json"));
        assertThat(response.body())
                .contains("\"status\":" + status)
                .contains("\"reason\":\"" + reason + "\"")
                .contains("\"detail\":")
                .doesNotContain("Exception\",\"trace");
    }

    @Test
    void aKeyOutsideTheTenantIs400() throws Exception {
        String token = stack.issueToken("acme", "alice");

        HttpResponse<String> response = get("/files/" + "n".repeat(1100), token);

        assertProblem(response, 400, "tenant-boundary");
        assertThat(response.body()).doesNotContain(token);
    }

    @Test
    void aTokenCognitoRejectsIs401WithABearerChallenge() throws Exception {
        stack.cognito()
                .injectFault(Fault.error(400, "NotAuthorizedException", "Invalid login token. Token is revoked."), 3);
        String token = stack.issueToken("acme", "revoked");

        HttpResponse<String> response = get("/files/x", token);

        assertProblem(response, 401, "rejected");
        assertThat(response.headers().firstValue("WWW-Authenticate"))
                .hasValueSatisfying(h -> assertThat(h)
                        .startsWith("Bearer error=\"invalid_token\", error_description=\"")
                        .contains("NotAuthorizedException"));
        assertThat(response.body()).doesNotContain(token);
    }

    @Test
    void anUnsafeTenantClaimIs403() throws Exception {
        String token = stack.tokens().token("mallory").org("acme/../globex").build();

        HttpResponse<String> response = get("/files/x", token);

        assertProblem(response, 403, "invalid-tenant");
        assertThat(response.headers().firstValue("WWW-Authenticate")).isEmpty();
    }

    @Test
    void aMissingTenantClaimIs403() throws Exception {
        assertProblem(get("/files/x", stack.tokens().token("nobody").build()), 403, "invalid-tenant");
    }

    @Test
    void cognitoUnavailableIs503WithRetryAfter() throws Exception {
        stack.cognito().injectFault(Fault.serviceUnavailable(), 20);

        HttpResponse<String> response = get("/files/x", stack.issueToken("acme", "during-outage"));

        assertProblem(response, 503, "credentials-unavailable");
        assertThat(response.headers().firstValue("Retry-After")).hasValue("7");
    }

    @Test
    void anAccessTokenAsTheBearerIs401SayingAnIdTokenIsNeeded() throws Exception {
        String access = stack.tokens()
                .token("alice")
                .org(null)
                .claim("token_use", "access")
                .claim("aud", null)
                .claim("client_id", LocalTenantStack.CLIENT_ID)
                .build();

        HttpResponse<String> response = get("/files/x", access);

        assertProblem(response, 401, "wrong-issuer-or-audience");
        assertThat(response.headers().firstValue("WWW-Authenticate"))
                .hasValueSatisfying(
                        h -> assertThat(h).contains("error=\"invalid_token\"").contains("an ID token is required"));
    }

    @Test
    void anAnonymousRequestNeedingASessionIs401WithABareChallenge() throws Exception {
        HttpResponse<String> response = get("/open/required", null);

        assertProblem(response, 401, "missing-token");
        assertThat(response.headers().firstValue("WWW-Authenticate")).hasValue("Bearer");
    }

    @Test
    void optionalAndNullableSessionsAreEmptyWithoutATokenAndResolvedWithOne() throws Exception {
        String token = stack.issueToken("initech", "carol");

        assertThat(get("/open/optional", null).body()).isEqualTo("anonymous");
        assertThat(get("/open/nullable", null).body()).isEqualTo("anonymous");
        assertThat(get("/open/optional", token).body()).isEqualTo("initech");
        assertThat(get("/open/nullable", token).body()).isEqualTo("initech");
    }

    @Test
    void anOptionalSessionWithARefusedTokenIsStillRefused() throws Exception {
        assertProblem(get("/open/optional", stack.tokens().token("nobody").build()), 403, "invalid-tenant");
    }
}
