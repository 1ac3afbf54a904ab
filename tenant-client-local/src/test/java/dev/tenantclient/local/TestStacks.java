/*
 * Copyright 2026 The tenant-client Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tenantclient.local;

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

    private TestStacks() {}

    /**
     * The stack shared by every test class in this JVM; closed when the JVM exits. Do not inject faults into it,
     * do not close it.
     *
     * @return the shared stack
     */
    public static LocalTenantStack shared() {
        LocalTenantStack s = shared;
        if (s == null) {
            synchronized (TestStacks.class) {
                s = shared;
                if (s == null) {
                    s = LocalTenantStack.start();
                    STARTED.add(s);
                    LocalTenantStack toClose = s;
                    Runtime.getRuntime().addShutdownHook(new Thread(toClose::close, "shared-stack-close"));
                    shared = s;
                }
            }
        }
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
