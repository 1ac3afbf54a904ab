/*
 * Copyright 2026 The tenant-client Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tenantclient.spring;

import dev.tenantclient.TenantSession;
import java.lang.reflect.Method;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.List;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.stereotype.Controller;
import org.springframework.util.ClassUtils;
import org.springframework.util.ReflectionUtils;
import org.springframework.web.bind.annotation.RequestMapping;

/**
 * Fails the startup of a reactive (WebFlux) application whose controllers take a {@link TenantSession}: this module
 * resolves sessions for Spring MVC only, and WebFlux would otherwise bind such a parameter as a model attribute.
 * Reactive support is not there yet; until then the message says what to do instead.
 */
@AutoConfiguration
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.REACTIVE)
@ConditionalOnProperty(name = "tenant-client.enabled", havingValue = "true", matchIfMissing = true)
public class TenantClientReactiveGuardAutoConfiguration {

    /**
     * The check, run once all singletons exist.
     *
     * @param beanFactory the bean factory whose controllers are checked
     * @return the check
     */
    @Bean
    static SmartInitializingSingleton tenantSessionReactiveGuard(ConfigurableListableBeanFactory beanFactory) {
        return () -> {
            if (beanFactory.getBeanNamesForType(TenantSessionReactiveArgumentResolver.class).length > 0) {
                return; // TenantClientWebFluxAutoConfiguration resolves TenantSession parameters
            }
            List<String> offenders = new ArrayList<>();
            for (String name : beanFactory.getBeanNamesForAnnotation(Controller.class)) {
                Class<?> type = beanFactory.getType(name);
                if (type == null) {
                    continue;
                }
                ReflectionUtils.doWithMethods(ClassUtils.getUserClass(type), method -> {
                    if (takesSession(method)) {
                        offenders.add(method.getDeclaringClass().getSimpleName() + "." + method.getName());
                    }
                });
            }
            if (!offenders.isEmpty()) {
                throw new TenantClientConfigurationException(
                        "tenant-client.enabled",
                        "TenantSession parameters are supported in Spring MVC (servlet) applications only; this is a"
                                + " reactive (WebFlux) application and " + String.join(", ", offenders)
                                + " would receive a TenantSession Spring cannot build. Call"
                                + " TenantClient.session(jwt.getTokenValue()) with the authenticated Jwt"
                                + " (@AuthenticationPrincipal Jwt jwt) on a boundedElastic scheduler instead",
                        null);
            }
        };
    }

    private static boolean takesSession(Method method) {
        if (!AnnotatedElementUtils.hasAnnotation(method, RequestMapping.class)) {
            return false;
        }
        for (Type p : method.getGenericParameterTypes()) {
            Type t = p instanceof ParameterizedType pt && pt.getActualTypeArguments().length == 1
                    ? pt.getActualTypeArguments()[0]
                    : p;
            if (t == TenantSession.class) {
                return true;
            }
        }
        return false;
    }
}
