/*
 * Copyright 2026 The tenant-client Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tenantclient.spring;

import dev.tenantclient.TenantSession;
import org.springframework.core.MethodParameter;
import org.springframework.web.bind.support.WebDataBinderFactory;
import org.springframework.web.context.request.NativeWebRequest;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.method.support.ModelAndViewContainer;

/**
 * Resolves controller parameters of type {@link TenantSession} from the authenticated request:
 * {@code @GetMapping("/notes/{id}") Note get(TenantSession session, @PathVariable String id)}.
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
        return TenantSession.class.equals(parameter.getParameterType());
    }

    @Override
    public Object resolveArgument(
            MethodParameter parameter,
            ModelAndViewContainer mavContainer,
            NativeWebRequest webRequest,
            WebDataBinderFactory binderFactory) {
        return current.get();
    }
}
