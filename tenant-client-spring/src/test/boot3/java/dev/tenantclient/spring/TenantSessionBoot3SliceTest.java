/*
 * Copyright 2026 The tenant-client Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tenantclient.spring;

import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import dev.tenantclient.InvalidTenantTokenException;
import dev.tenantclient.Tenant;
import dev.tenantclient.TenantClient;
import dev.tenantclient.TenantSession;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.web.servlet.WebMvcTest;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.test.context.ContextConfiguration;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Spring Boot 3.5 ({@code org.springframework.boot.test.autoconfigure.web.servlet}): a {@code @WebMvcTest} slice with a {@code @MockitoBean TenantClient}: the resolver and the problem-details advice
 * are part of the slice, and sessions come from the mock, never a null-backed object.
 */
@WebMvcTest(controllers = TenantSessionBoot3SliceTest.SliceController.class)
@ContextConfiguration(classes = TenantSessionBoot3SliceTest.SliceController.class)
class TenantSessionBoot3SliceTest {

    @Autowired
    MockMvc mvc;

    @MockitoBean
    TenantClient client;

    @RestController
    static class SliceController {
        @GetMapping("/org")
        String org(TenantSession session) {
            return session.tenant().org();
        }

        @GetMapping("/maybe")
        String maybe(Optional<TenantSession> session) {
            return session.map(s -> s.tenant().org()).orElse("none");
        }
    }

    /** The slice runs without the security filter chain: the test is the authenticated request's thread. */
    @BeforeEach
    void authenticate() {
        Jwt jwt = Jwt.withTokenValue("id-token")
                .header("alg", "RS256")
                .claim("sub", "alice")
                .claim("token_use", "id")
                .build();
        SecurityContextHolder.getContext().setAuthentication(new JwtAuthenticationToken(jwt, List.of()));
    }

    @AfterEach
    void leave() {
        SecurityContextHolder.clearContext();
    }

    private static TenantSession sessionOf(String org) {
        TenantSession session = mock(TenantSession.class);
        when(session.tenant()).thenReturn(new Tenant(org, "alice", Map.of("org", org)));
        return session;
    }

    @Test
    void aControllerGetsTheSessionTheMockedClientGives() throws Exception {
        TenantSession session = sessionOf("acme");
        when(client.session("id-token")).thenReturn(session);

        mvc.perform(get("/org")).andExpect(status().isOk()).andExpect(content().string("acme"));
    }

    @Test
    void anOptionalSessionIsResolvedInTheSlice() throws Exception {
        TenantSession session = sessionOf("globex");
        when(client.session("id-token")).thenReturn(session);

        mvc.perform(get("/maybe"))
                .andExpect(status().isOk())
                .andExpect(content().string("globex"));
    }

    @Test
    void aRefusedTokenIsAProblemDetailInTheSlice() throws Exception {
        when(client.session(anyString()))
                .thenThrow(new InvalidTenantTokenException(
                        InvalidTenantTokenException.Reason.INVALID_TENANT, "The token has no 'custom:org' claim"));

        mvc.perform(get("/org"))
                .andExpect(status().isForbidden())
                .andExpect(header().string("Content-Type", "application/problem+json"))
                .andExpect(jsonPath("$.reason").value("invalid-tenant"))
                .andExpect(jsonPath("$.detail").value("The token has no 'custom:org' claim"));
    }
}
