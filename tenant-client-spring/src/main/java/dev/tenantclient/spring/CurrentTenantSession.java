/*
 * Copyright 2026 The tenant-client Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tenantclient.spring;

import dev.tenantclient.InvalidTenantTokenException;
import dev.tenantclient.InvalidTenantTokenException.Reason;
import dev.tenantclient.TenantClient;
import dev.tenantclient.TenantSession;
import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtException;
import org.springframework.web.context.request.RequestAttributes;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

/**
 * The {@link TenantSession} of the current request, resolved from the {@link Jwt} Spring Security authenticated
 * (the resource server has already verified its signature, issuer and expiry). Inject it into services; in
 * controllers, declare a {@code TenantSession} parameter instead.
 *
 * <p><b>Which token.</b> Cognito identity pools exchange only <em>ID tokens</em> for credentials, so the bearer
 * must be the user's ID token. APIs whose bearer is the access token set {@code tenant-client.id-token-header}:
 * the ID token then comes in that header, is verified with the application's {@link JwtDecoder}, and is accepted
 * only when its {@code sub} (and its {@code aud}, against the access token's {@code client_id}) match the
 * authenticated bearer. An access token without that mode is refused with a 401 that says an ID token is needed.
 *
 * <p><b>Failures</b> are tenant-client's exceptions, answered by {@link TenantClientExceptionHandler}: no
 * authenticated JWT, {@link MissingTenantTokenException} (401); a token without a usable tenant claim,
 * {@link InvalidTenantTokenException} with {@link Reason#INVALID_TENANT} (403); any other refused token,
 * {@link InvalidTenantTokenException} (401).
 *
 * <p><b>Threads.</b> The session belongs to the request thread. In {@code @Async} methods, executors and
 * {@code CompletableFuture}s, pass the {@code TenantSession} into the task (it is immutable and thread-safe), or
 * decorate the executor with {@link TenantSessionTaskDecorator}. Called on another thread without either, this
 * throws {@link IllegalStateException} saying so, not a misleading 401.
 */
public final class CurrentTenantSession {

    private final Supplier<TenantClient> client;
    private final String idTokenHeader;
    private final JwtDecoder idTokenDecoder;

    /**
     * Creates the lookup for ID tokens sent as the bearer.
     *
     * @param client the tenant client
     */
    public CurrentTenantSession(TenantClient client) {
        this(() -> client, null, null);
    }

    /**
     * Creates the lookup.
     *
     * @param client supplies the tenant client (looked up when first needed, so that test doubles defined later work)
     * @param idTokenHeader the header carrying the ID token beside an access token, or null when the bearer is the
     *     ID token
     * @param idTokenDecoder verifies the header's ID token; required with a header
     */
    public CurrentTenantSession(Supplier<TenantClient> client, String idTokenHeader, JwtDecoder idTokenDecoder) {
        this.client = Objects.requireNonNull(client, "client");
        if (idTokenHeader != null && !idTokenHeader.isBlank() && idTokenDecoder == null) {
            throw new IllegalArgumentException("An ID token header needs a JwtDecoder to verify the ID token");
        }
        this.idTokenHeader = idTokenHeader == null || idTokenHeader.isBlank() ? null : idTokenHeader.trim();
        this.idTokenDecoder = idTokenDecoder;
    }

    /**
     * The current request's session.
     *
     * @return the session
     * @throws MissingTenantTokenException without an authenticated JWT
     * @throws InvalidTenantTokenException for a token the library refuses
     * @throws IllegalStateException when called off the request thread without {@link TenantSessionTaskDecorator}
     */
    public TenantSession get() {
        return find().orElseThrow(() -> new MissingTenantTokenException(
                "A TenantSession needs a request authenticated with a Cognito JWT (the ID token as the bearer"
                        + (idTokenHeader == null ? "" : ", or an access token with the ID token in " + idTokenHeader)
                        + ")"));
    }

    /**
     * The current request's session, if the request carries an authenticated JWT.
     *
     * @return the session, or empty without one
     * @throws InvalidTenantTokenException for a token the library refuses
     * @throws IllegalStateException when called off the request thread without {@link TenantSessionTaskDecorator}
     */
    public Optional<TenantSession> find() {
        TenantSession propagated = TenantSessionTaskDecorator.propagated();
        if (propagated != null) {
            return Optional.of(propagated);
        }
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        Jwt jwt = authentication != null && authentication.isAuthenticated() ? jwtOf(authentication) : null;
        RequestAttributes request = RequestContextHolder.getRequestAttributes();
        if (jwt == null) {
            if (request == null) {
                throw offRequestThread();
            }
            return Optional.empty();
        }
        if (idTokenHeader == null) {
            if (isAccessToken(jwt)) {
                throw new InvalidTenantTokenException(
                        Reason.WRONG_ISSUER_OR_AUDIENCE,
                        "The bearer is a Cognito access token; an ID token is required: identity pools exchange only"
                                + " ID tokens for credentials. Send the ID token as the bearer (Amplify:"
                                + " fetchAuthSession().tokens.idToken), or configure tenant-client.id-token-header");
            }
            return Optional.of(sessionOf(jwt.getTokenValue()));
        }
        String idToken = null;
        if (request instanceof ServletRequestAttributes servlet) {
            HttpServletRequest r = servlet.getRequest();
            idToken = r.getHeader(idTokenHeader);
        } else if (request == null && isAccessToken(jwt)) {
            throw offRequestThread();
        }
        if (idToken == null || idToken.isBlank()) {
            if (isAccessToken(jwt)) {
                throw new InvalidTenantTokenException(
                        Reason.WRONG_ISSUER_OR_AUDIENCE,
                        "The bearer is a Cognito access token and the request has no " + idTokenHeader
                                + " header; send the user's ID token in it");
            }
            return Optional.of(sessionOf(jwt.getTokenValue()));
        }
        return Optional.of(sessionOf(checkedIdToken(jwt, idToken.trim())));
    }

    /** Verifies the header's ID token and checks it belongs to the bearer's user and app client. */
    private String checkedIdToken(Jwt bearer, String idToken) {
        Jwt id;
        try {
            id = idTokenDecoder.decode(idToken);
        } catch (JwtException e) {
            throw new InvalidTenantTokenException(
                    Reason.REJECTED,
                    "The ID token in " + idTokenHeader + " was rejected by the application's JwtDecoder ("
                            + e.getClass().getSimpleName() + ")",
                    e);
        }
        if (!"id".equals(id.getClaimAsString("token_use"))) {
            throw new InvalidTenantTokenException(
                    Reason.WRONG_ISSUER_OR_AUDIENCE, "The token in " + idTokenHeader + " is not an ID token");
        }
        if (bearer.getSubject() == null || !bearer.getSubject().equals(id.getSubject())) {
            throw new InvalidTenantTokenException(
                    Reason.REJECTED,
                    "The ID token in " + idTokenHeader + " belongs to another user than the bearer token ('sub'"
                            + " differs)");
        }
        String bearerClient = bearer.getClaimAsString("client_id");
        if (bearerClient == null) {
            List<String> audience = bearer.getAudience();
            bearerClient = audience == null || audience.isEmpty() ? null : audience.get(0);
        }
        List<String> idAudience = id.getAudience();
        if (bearerClient != null && (idAudience == null || !idAudience.contains(bearerClient))) {
            throw new InvalidTenantTokenException(
                    Reason.REJECTED,
                    "The ID token in " + idTokenHeader + " was issued to another app client than the bearer token"
                            + " (its 'aud' is not the bearer's client '" + bearerClient + "')");
        }
        return idToken;
    }

    private TenantSession sessionOf(String token) {
        TenantSession session = tenantClient().session(token);
        if (session == null) {
            // Only a test double does this (a TenantClient mock whose session(...) is not stubbed).
            throw new IllegalStateException("TenantClient.session(...) returned null: stub it in tests"
                    + " (when(client.session(any())).thenReturn(session))");
        }
        return session;
    }

    private TenantClient tenantClient() {
        TenantClient c = client.get();
        if (c == null) {
            throw new IllegalStateException(
                    "No TenantClient bean: define one (in a @WebMvcTest slice, a"
                            + " @MockitoBean TenantClient) or set tenant-client.identity-pool-id and tenant-client.user-pool-id");
        }
        return c;
    }

    private static boolean isAccessToken(Jwt jwt) {
        return "access".equals(jwt.getClaimAsString("token_use"));
    }

    private static Jwt jwtOf(Authentication authentication) {
        Object credentials = authentication.getCredentials();
        Object principal = authentication.getPrincipal();
        return credentials instanceof Jwt j ? j : principal instanceof Jwt j ? j : null;
    }

    private static IllegalStateException offRequestThread() {
        return new IllegalStateException("CurrentTenantSession was called off the request thread (in @Async work, a"
                + " CompletableFuture or another executor), where there is no authenticated request: pass the"
                + " TenantSession into the task, or decorate the executor with TenantSessionTaskDecorator"
                + " (tenant-client.async.propagate-context=true)");
    }

    @Override
    public String toString() {
        return "CurrentTenantSession{idTokenHeader=" + idTokenHeader + "}";
    }
}
