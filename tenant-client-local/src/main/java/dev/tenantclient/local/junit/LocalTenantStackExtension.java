/*
 * Copyright 2026 The tenant-client Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tenantclient.local.junit;

import dev.tenantclient.TenantClient;
import dev.tenantclient.local.LocalTenantStack;
import dev.tenantclient.local.LocalTokenIssuer;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * The JUnit Jupiter extension behind {@link LocalTenantStackTest}. It starts one {@link LocalTenantStack} for the
 * whole test run (kept in the root context's store and closed when the run ends) and resolves parameters of type
 * {@link LocalTenantStack}, {@link LocalTokenIssuer} (the stack's {@link LocalTenantStack#tokens()}) and
 * {@link TenantClient} (built by {@link LocalTenantStack#clientBuilder()}, one per test class, closed after it).
 */
public final class LocalTenantStackExtension implements ParameterResolver {

    private static final ExtensionContext.Namespace NAMESPACE =
            ExtensionContext.Namespace.create(LocalTenantStackExtension.class);

    /** Created by JUnit through {@link LocalTenantStackTest} or {@code @ExtendWith}. */
    public LocalTenantStackExtension() {}

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        Class<?> type = parameter.getParameter().getType();
        return type == LocalTenantStack.class || type == LocalTokenIssuer.class || type == TenantClient.class;
    }

    @Override
    @SuppressWarnings("deprecation") // getOrComputeIfAbsent: computeIfAbsent exists only from JUnit 5.13 on
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        Class<?> type = parameter.getParameter().getType();
        LocalTenantStack stack = stack(context);
        if (type == LocalTokenIssuer.class) {
            return stack.tokens();
        }
        if (type == TenantClient.class) {
            ExtensionContext classContext =
                    context.getTestClass().isPresent() ? classContext(context) : context.getRoot();
            return classContext
                    .getStore(NAMESPACE)
                    .getOrComputeIfAbsent(
                            TenantClient.class,
                            k -> new Closing(stack.clientBuilder().build()),
                            Closing.class)
                    .value();
        }
        return stack;
    }

    /**
     * The stack of this test run, started on first use.
     *
     * @param context any context of the run
     * @return the running stack
     */
    @SuppressWarnings("deprecation") // as above
    public static LocalTenantStack stack(ExtensionContext context) {
        return (LocalTenantStack) context.getRoot()
                .getStore(NAMESPACE)
                .getOrComputeIfAbsent(LocalTenantStack.class, k -> new Closing(LocalTenantStack.start()), Closing.class)
                .value();
    }

    private static ExtensionContext classContext(ExtensionContext context) {
        ExtensionContext c = context;
        while (c.getParent().isPresent() && c.getParent().get().getTestClass().isPresent()) {
            c = c.getParent().get();
        }
        return c;
    }

    /**
     * Closes its value with the context that stores it. JUnit 5.13+ closes any {@link AutoCloseable} it stores,
     * older versions only a {@code CloseableResource}; closing twice is harmless.
     */
    @SuppressWarnings("deprecation") // CloseableResource: the only closing contract before JUnit 5.13
    private static final class Closing implements ExtensionContext.Store.CloseableResource, AutoCloseable {
        private final Object value;
        private final Runnable closer;
        private boolean closed;

        Closing(LocalTenantStack stack) {
            this.value = stack;
            this.closer = stack::close;
        }

        Closing(TenantClient client) {
            this.value = client;
            this.closer = client::close;
        }

        Object value() {
            return value;
        }

        @Override
        public synchronized void close() {
            if (!closed) {
                closed = true;
                closer.run();
            }
        }
    }
}
