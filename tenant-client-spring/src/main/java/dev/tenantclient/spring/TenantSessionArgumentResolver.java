/*
 * Copyright 2026 The tenant-client Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tenantclient.spring;

import dev.tenantclient.TenantSession;
import java.lang.annotation.Annotation;
import java.util.Optional;
import org.springframework.core.MethodParameter;
import org.springframework.web.bind.support.WebDataBinderFactory;
import org.springframework.web.context.request.NativeWebRequest;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.method.support.ModelAndViewContainer;

/**
 * Resolves controller parameters of type {@link TenantSession} from the authenticated request:
 * {@code @GetMapping("/notes/{id}") Note get(TenantSession session, @PathVariable String id)}.
 *
 * <p>A {@code TenantSession} parameter requires a session ({@link CurrentTenantSession#get()}: 401 without a JWT).
 * An {@code Optional<TenantSession>} or a {@code @Nullable TenantSession} parameter is empty or null for a request
 * without a JWT (an endpoint open to anonymous callers); a token the library refuses is refused either way.
 */
public final class TenantSessionArgumentResolver implements HandlerMethodArgumentResolver {

    private final CurrentTenantSession current;

    /**
     * Creates the resolver.
     *
     * @param current the current-request session lookup
     */
    public TenantSessionArgumentResolver(CurrentTenantSession current) {
        this.current = current;
    }

    @Override
    public boolean supportsParameter(MethodParameter parameter) {
        return TenantSession.class.equals(parameter.nestedIfOptional().getNestedParameterType());
    }

    @Override
    public Object resolveArgument(
            MethodParameter parameter,
            ModelAndViewContainer mavContainer,
            NativeWebRequest webRequest,
            WebDataBinderFactory binderFactory) {
        if (parameter.getParameterType() == Optional.class) {
            return current.find();
        }
        if (parameter.isOptional() || nullableType(parameter)) {
            return current.find().orElse(null);
        }
        return current.get();
    }

    /**
     * Whether the parameter's type carries a {@code @Nullable} type-use annotation (JSpecify's). Spring Framework 7's
     * {@link MethodParameter#isOptional()} sees those; 6.2's (Spring Boot 3.5) only sees declaration annotations.
     */
    private static boolean nullableType(MethodParameter parameter) {
        if (parameter.getParameterIndex() < 0) {
            return false;
        }
        for (Annotation a : parameter.getParameter().getAnnotatedType().getAnnotations()) {
            if (a.annotationType().getSimpleName().equals("Nullable")) {
                return true;
            }
        }
        return false;
    }
}
