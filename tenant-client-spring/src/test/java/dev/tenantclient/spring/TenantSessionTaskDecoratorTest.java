/*
 * Copyright 2026 The tenant-client Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tenantclient.spring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tenantclient.TenantClient;
import dev.tenantclient.TenantSession;
import dev.tenantclient.local.LocalTenantStack;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

/** Work off the request thread: a clear error without propagation, the request's session with the decorator. */
class TenantSessionTaskDecoratorTest {

    private static final LocalTenantStack stack = LocalTenantStack.start();
    private static final TenantClient client = stack.clientBuilder().build();
    private static final ExecutorService executor = Executors.newSingleThreadExecutor();

    private final CurrentTenantSession current = new CurrentTenantSession(client);

    @AfterEach
    void leaveTheRequest() {
        SecurityContextHolder.clearContext();
        RequestContextHolder.resetRequestAttributes();
    }

    @AfterAll
    static void stop() {
        executor.shutdownNow();
        client.close();
        stack.close();
    }

    private static void enterRequestOf(String token) {
        Jwt jwt = Jwt.withTokenValue(token)
                .header("alg", "RS256")
                .claim("sub", "alice")
                .claim("token_use", "id")
                .build();
        SecurityContextHolder.getContext().setAuthentication(new JwtAuthenticationToken(jwt, java.util.List.of()));
        RequestContextHolder.setRequestAttributes(new ServletRequestAttributes(new MockHttpServletRequest()));
    }

    @Test
    void onTheRequestThreadTheSessionIsTheTokens() {
        enterRequestOf(stack.issueToken("acme", "alice"));

        assertThat(current.get().tenant().org()).isEqualTo("acme");
    }

    @Test
    void anAsyncTaskWithoutPropagationGetsAClearErrorNotA401() {
        enterRequestOf(stack.issueToken("acme", "alice"));

        assertThatThrownBy(() ->
                        CompletableFuture.supplyAsync(current::get, executor).join())
                .hasCauseInstanceOf(IllegalStateException.class)
                .hasMessageContaining("off the request thread")
                .hasMessageContaining("TenantSessionTaskDecorator");
    }

    @Test
    void aDecoratedTaskSeesTheSubmittingRequestsSessionAndLeavesNothingBehind() throws Exception {
        enterRequestOf(stack.issueToken("globex", "bob"));
        TenantSessionTaskDecorator decorator = new TenantSessionTaskDecorator(current);
        CompletableFuture<TenantSession> seen = new CompletableFuture<>();

        executor.submit(decorator.decorate(() -> seen.complete(current.get()))).get();

        assertThat(seen.get().tenant().org()).isEqualTo("globex");
        assertThat(executor.submit(() -> SecurityContextHolder.getContext().getAuthentication())
                        .get())
                .as("the worker thread is clean afterwards")
                .isNull();
        assertThat(executor.submit(TenantSessionTaskDecorator::propagated).get())
                .isNull();
    }
}
