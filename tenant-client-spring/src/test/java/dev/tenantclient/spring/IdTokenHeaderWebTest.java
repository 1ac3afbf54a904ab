/*
 * Copyright 2026 The tenant-client Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tenantclient.spring;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tenantclient.TenantSession;
import dev.tenantclient.local.LocalTenantStack;
import dev.tenantclient.spring.test.AutoConfigureLocalTenantStack;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.core.env.Environment;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code tenant-client.id-token-header}: an API whose bearer is the Cognito access token takes the ID token in a
 * header, verified by the application's JwtDecoder and bound to the bearer's user and app client.
 */
@SpringBootTest(classes = IdTokenHeaderWebTest.App.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@AutoConfigureLocalTenantStack
class IdTokenHeaderWebTest {

    private static final HttpClient http = HttpClient.newHttpClient();

    @Autowired
    LocalTenantStack stack;

    @Autowired
    Environment environment;

    @Autowired
    CurrentTenantSession current;

    @SpringBootConfiguration
    @EnableAutoConfiguration
    @RestController
    static class App {
        @GetMapping("/whoami")
        String whoami(TenantSession session) {
            return session.tenant().org() + "/" + session.tenant().subject();
        }
    }

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        registry.add("tenant-client.id-token-header", () -> "X-Id-Token");
    }

    private String accessToken(String subject, String clientId) {
        return stack.tokens()
                .token(subject)
                .claim("token_use", "access")
                .claim("aud", null)
                .claim("client_id", clientId)
                .build();
    }

    private HttpResponse<String> whoami(String bearer, String idToken) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + environment.getProperty("local.server.port") + "/whoami"))
                .header("Authorization", "Bearer " + bearer);
        if (idToken != null) {
            b.header("X-Id-Token", idToken);
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static void assertRefused(HttpResponse<String> response, String why) {
        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(response.headers().firstValue("Content-Type"))
                .hasValueSatisfying(t -> assertThat(t).startsWith("application/problem+json"));
        assertThat(response.headers().firstValue("WWW-Authenticate"))
                .hasValueSatisfying(
                        h -> assertThat(h).contains("error=\"invalid_token\"").contains(why));
    }

    @Test
    void anAccessTokenWithTheUsersIdTokenInTheHeaderGetsTheSession() throws Exception {
        HttpResponse<String> response =
                whoami(accessToken("alice", LocalTenantStack.CLIENT_ID), stack.issueToken("acme", "alice"));

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo("acme/alice");
    }

    @Test
    void anIdTokenAsTheBearerStillWorksWithoutTheHeader() throws Exception {
        assertThat(whoami(stack.issueToken("globex", "bob"), null).body()).isEqualTo("globex/bob");
    }

    @Test
    void aForgedIdTokenInTheHeaderIsRefused() throws Exception {
        String real = stack.issueToken("acme", "alice");
        String[] parts = real.split("\\.", -1);
        String claims = new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8)
                .replace("\"acme\"", "\"globex\"");
        String forged = parts[0] + "."
                + Base64.getUrlEncoder().withoutPadding().encodeToString(claims.getBytes(StandardCharsets.UTF_8))
                + "." + parts[2];

        HttpResponse<String> response = whoami(accessToken("alice", LocalTenantStack.CLIENT_ID), forged);

        assertRefused(response, "rejected by the application's JwtDecoder");
        assertThat(response.body()).doesNotContain(forged).doesNotContain("globex/alice");
    }

    @Test
    void anotherUsersIdTokenInTheHeaderIsRefused() throws Exception {
        HttpResponse<String> response =
                whoami(accessToken("alice", LocalTenantStack.CLIENT_ID), stack.issueToken("globex", "bob"));

        assertRefused(response, "belongs to another user");
    }

    @Test
    void anIdTokenOfAnotherAppClientIsRefused() throws Exception {
        HttpResponse<String> response =
                whoami(accessToken("alice", "another-app-client"), stack.issueToken("acme", "alice"));

        assertRefused(response, "another app client");
    }

    @Test
    void anAccessTokenWithoutTheHeaderIsRefusedNamingTheHeader() throws Exception {
        assertRefused(whoami(accessToken("alice", LocalTenantStack.CLIENT_ID), null), "X-Id-Token");
    }

    @Test
    void offTheRequestThreadTheLookupSaysSoInsteadOfAnswering401() {
        org.assertj.core.api.Assertions.assertThatThrownBy(
                        () -> java.util.concurrent.CompletableFuture.supplyAsync(current::get)
                                .join())
                .hasCauseInstanceOf(IllegalStateException.class)
                .hasMessageContaining("off the request thread")
                .hasMessageContaining("pass the TenantSession into the task");
    }
}
