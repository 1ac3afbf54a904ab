/*
 * Copyright 2026 The tenant-client Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tenantclient.spring.test;

import java.util.List;
import org.springframework.test.context.ContextConfigurationAttributes;
import org.springframework.test.context.ContextCustomizer;
import org.springframework.test.context.ContextCustomizerFactory;
import org.springframework.util.ClassUtils;

/**
 * Creates the {@link ContextCustomizer} behind {@link AutoConfigureLocalTenantStack}. Registered by that annotation
 * ({@code @ContextCustomizerFactories}), not globally, so that other tests never load it.
 */
public final class LocalTenantStackContextCustomizerFactory implements ContextCustomizerFactory {

    /** Created by Spring's test context framework. */
    public LocalTenantStackContextCustomizerFactory() {}

    @Override
    public ContextCustomizer createContextCustomizer(
            Class<?> testClass, List<ContextConfigurationAttributes> configAttributes) {
        if (!ClassUtils.isPresent(
                "dev.tenantclient.local.LocalTenantStack",
                LocalTenantStackContextCustomizerFactory.class.getClassLoader())) {
            throw new IllegalStateException("@AutoConfigureLocalTenantStack on " + testClass.getName()
                    + " needs dev.tenantclient:tenant-client-local on the test classpath (scope test)");
        }
        return new LocalTenantStackContextCustomizer();
    }
}
