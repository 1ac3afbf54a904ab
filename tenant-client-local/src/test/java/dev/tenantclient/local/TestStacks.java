/*
 * Copyright 2026 The tenant-client Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tenantclient.local;

import dev.tenantclient.TenantLayout;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.UnaryOperator;

/**
 * Stacks for tests: one shared stack per test JVM (starting one costs about a second), and private ones for tests
 * that need their own clock or settings. Every stack started here is remembered so {@link NoSecretsInLogs} can
 * check the captured logs against every secret any of them issued.
 */
public final class TestStacks {

    private static final List<LocalTenantStack> STARTED = new CopyOnWriteArrayList<>();
    private static volatile LocalTenantStack shared;
    private static volatile LocalTenantStack user;

    private TestStacks() {}

    /**
     * The stack shared by every test class in this JVM, with the default layout ({@code TenantLayout.org()}); closed
     * when the JVM exits. Do not inject faults into it, do not close it.
     *
     * @return the shared stack
     */
    public static LocalTenantStack shared() {
        LocalTenantStack s = shared;
        if (s == null) {
            synchronized (TestStacks.class) {
                s = shared;
                if (s == null) {
                    s = startShared("shared-stack-close", b -> b);
                    shared = s;
                }
            }
        }
        return s;
    }

    /**
     * The stack shared by every test class in this JVM that needs {@code TenantLayout.user()}: a layout that overlaps
     * {@code org()} gets a stack (a role, tables and buckets) of its own, as in a real deployment. Started on first
     * use, closed when the JVM exits; do not inject faults into it, do not close it.
     *
     * @return the shared user-layout stack
     */
    public static LocalTenantStack user() {
        LocalTenantStack s = user;
        if (s == null) {
            synchronized (TestStacks.class) {
                s = user;
                if (s == null) {
                    s = startShared("user-stack-close", b -> b.layouts(TenantLayout.user()));
                    user = s;
                }
            }
        }
        return s;
    }

    private static LocalTenantStack startShared(String closer, UnaryOperator<LocalTenantStack.Builder> config) {
        LocalTenantStack s = config.apply(LocalTenantStack.builder()).start();
        STARTED.add(s);
        Runtime.getRuntime().addShutdownHook(new Thread(s::close, closer));
        return s;
    }

    /**
     * A stack of the test's own; the test closes it.
     *
     * @param config changes to the default builder
     * @return the running stack
     */
    public static LocalTenantStack start(UnaryOperator<LocalTenantStack.Builder> config) {
        LocalTenantStack s = config.apply(LocalTenantStack.builder()).start();
        STARTED.add(s);
        return s;
    }

    /** @return every secret key and session token issued by any stack of this JVM */
    static List<String> secretsIssued() {
        return STARTED.stream()
                .flatMap(s -> s.cognito().secretsIssued().stream())
                .toList();
    }
}
