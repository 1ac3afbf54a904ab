/*
 * Copyright 2026 The tenant-client Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tenantclient.spring;

import dev.tenantclient.InvalidTenantTokenException;
import dev.tenantclient.InvalidTenantTokenException.Reason;
import dev.tenantclient.TenantClient;
import dev.tenantclient.TenantSession;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;
import org.springframework.core.MethodParameter;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.ReactiveSecurityContextHolder;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.reactive.BindingContext;
import org.springframework.web.reactive.result.method.HandlerMethodArgumentResolver;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * Resolves WebFlux controller parameters of type {@link TenantSession} from the {@link Jwt} Spring Security
 * authenticated ({@link ReactiveSecurityContextHolder}): {@code Mono<Note> get(TenantSession session, @PathVariable
 * String id)}. The bearer must be the user's ID token, as in Spring MVC ({@link CurrentTenantSession}).
 *
 * <p>A {@code TenantSession} parameter requires an authenticated JWT ({@link MissingTenantTokenException}, a 401,
 * without one); an {@code Optional<TenantSession>} parameter is empty then. {@code TenantClient.session(token)} runs on
 * Reactor's bounded-elastic scheduler, never on the event loop: the first sight of a token may verify its signature
 * against the user pool's JWKS over HTTP.
 */
public final class TenantSessionReactiveArgumentResolver implements HandlerMethodArgumentResolver {

    private final Supplier<TenantClient> client;

    /**
     * Creates the resolver.
     *
     * @param client supplies the tenant client (looked up when first needed)
     */
    public TenantSessionReactiveArgumentResolver(Supplier<TenantClient> client) {
        this.client = Objects.requireNonNull(client, "client");
    }

    @Override
    public boolean supportsParameter(MethodParameter parameter) {
        return TenantSession.class.equals(parameter.nestedIfOptional().getNestedParameterType());
    }

    @Override
    public Mono<Object> resolveArgument(
            MethodParameter parameter, BindingContext bindingContext, ServerWebExchange exchange) {
        boolean optional = parameter.getParameterType() == Optional.class;
        Mono<TenantSession> session = ReactiveSecurityContextHolder.getContext()
                .map(SecurityContext::getAuthentication)
                .filter(Authentication::isAuthenticated)
                .flatMap(a -> Mono.justOrEmpty(jwtOf(a)))
                .flatMap(jwt -> Mono.fromCallable(() -> sessionOf(jwt)).subscribeOn(Schedulers.boundedElastic()));
        if (optional) {
            return session.map(Optional::of).defaultIfEmpty(Optional.empty()).cast(Object.class);
        }
        return session.cast(Object.class)
                .switchIfEmpty(Mono.error(() -> new MissingTenantTokenException(
                        "A TenantSession needs a request authenticated with a Cognito JWT (the ID token as the"
                                + " bearer)")));
    }

    private TenantSession sessionOf(Jwt jwt) {
        if ("access".equals(jwt.getClaimAsString("token_use"))) {
            throw new InvalidTenantTokenException(
                    Reason.WRONG_ISSUER_OR_AUDIENCE,
                    "The bearer is a Cognito access token; an ID token is required: identity pools exchange only ID"
                            + " tokens for credentials. Send the ID token as the bearer (Amplify:"
                            + " fetchAuthSession().tokens.idToken)");
        }
        TenantClient c = client.get();
        if (c == null) {
            throw new IllegalStateException("No TenantClient bean: define one or set tenant-client.identity-pool-id"
                    + " and tenant-client.user-pool-id");
        }
        return c.session(jwt.getTokenValue());
    }

    private static Optional<Jwt> jwtOf(Authentication authentication) {
        Object credentials = authentication.getCredentials();
        Object principal = authentication.getPrincipal();
        return Optional.ofNullable(credentials instanceof Jwt j ? j : principal instanceof Jwt j ? j : null);
    }
}
