/*
 * Copyright 2026 The tenant-client Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tenantclient.spring;

import dev.tenantclient.InvalidTenantTokenException;
import dev.tenantclient.TenantClient;
import dev.tenantclient.TenantSession;
import java.util.Optional;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.server.ResponseStatusException;

/**
 * The {@link TenantSession} of the current request, resolved from the {@link Jwt} Spring Security authenticated
 * (the resource server has already verified its signature, issuer and expiry). Inject it into services; in
 * controllers, declare a {@code TenantSession} parameter instead.
 *
 * <p>No authenticated JWT: {@code 401}. A token whose tenant claim is missing or unsafe: {@code 403}. An expired
 * or malformed token: {@code 401}. Each as a {@link ResponseStatusException}, never a 500.
 */
public final class CurrentTenantSession {

    private final TenantClient client;

    /**
     * Creates the resolver.
     *
     * @param client the tenant client
     */
    public CurrentTenantSession(TenantClient client) {
        this.client = client;
    }

    /**
     * The current request's session.
     *
     * @return the session
     * @throws ResponseStatusException 401 or 403 as described above
     */
    public TenantSession get() {
        return find().orElseThrow(() -> new ResponseStatusException(
                HttpStatus.UNAUTHORIZED, "A TenantSession needs an authenticated request with a Cognito ID token"));
    }

    /**
     * The current request's session, if the request carries an authenticated JWT.
     *
     * @return the session, or empty without one
     * @throws ResponseStatusException 401 or 403 for a token the library refuses
     */
    public Optional<TenantSession> find() {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        if (authentication == null || !authentication.isAuthenticated()) {
            return Optional.empty();
        }
        Object credentials = authentication.getCredentials();
        Object principal = authentication.getPrincipal();
        Jwt jwt = credentials instanceof Jwt j ? j : principal instanceof Jwt j ? j : null;
        if (jwt == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(client.session(jwt.getTokenValue()));
        } catch (InvalidTenantTokenException e) {
            throw new ResponseStatusException(
                    e.isTenantProblem() ? HttpStatus.FORBIDDEN : HttpStatus.UNAUTHORIZED, e.getMessage(), e);
        }
    }

    @Override
    public String toString() {
        return "CurrentTenantSession{" + client + "}";
    }
}
