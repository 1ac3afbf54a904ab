/*
 * Copyright 2026 The tenant-client Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tenantclient.local;

import dev.tenantclient.TenantClient;
import java.net.URI;
import java.time.Duration;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A stack of a test class's own, for tests that inject faults or quotas or move the stack's clock (which the shared
 * stack forbids): started before the class's first test, its faults and quotas cleared after each test, closed after
 * the class. Register it on a static field: {@code @RegisterExtension static final OwnStack stack =
 * OwnStack.start(b -> b.clock(clock));}. It hands out the parts of the stack these tests use.
 */
final class OwnStack implements BeforeAllCallback, AfterEachCallback, AfterAllCallback {

    private final UnaryOperator<LocalTenantStack.Builder> config;
    private volatile LocalTenantStack stack;

    private OwnStack(UnaryOperator<LocalTenantStack.Builder> config) {
        this.config = config;
    }

    /**
     * A stack started before the class's tests.
     *
     * @param config changes to the default builder
     * @return the extension
     */
    static OwnStack start(UnaryOperator<LocalTenantStack.Builder> config) {
        return new OwnStack(config);
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        stack = TestStacks.start(config);
    }

    @Override
    public void afterEach(ExtensionContext context) {
        stack.faults().clear();
    }

    @Override
    public void afterAll(ExtensionContext context) {
        stack.close();
    }

    /** @return the running stack */
    LocalTenantStack get() {
        if (stack == null) {
            throw new IllegalStateException("the stack starts before the class's tests; register OwnStack statically");
        }
        return stack;
    }

    /** @return the stack's client builder, see {@link LocalTenantStack#clientBuilder()} */
    TenantClient.Builder clientBuilder() {
        return get().clientBuilder();
    }

    /**
     * The stack's client builder, see {@link LocalTenantStack#clientBuilder(boolean)}.
     *
     * @param asyncCognito true for the stack's async Cognito Identity client, false for the sync one
     * @return the builder
     */
    TenantClient.Builder clientBuilder(boolean asyncCognito) {
        return get().clientBuilder(asyncCognito);
    }

    /** @return the stack's faults, cleared after each test */
    Faults faults() {
        return get().faults();
    }

    /** @return the stack's Cognito Identity emulator */
    CognitoIdentityEmulator cognito() {
        return get().cognito();
    }

    /** @return the emulator's endpoint */
    URI cognitoEndpoint() {
        return get().cognitoEndpoint();
    }

    /** @return the stack's token issuer */
    LocalTokenIssuer tokens() {
        return get().tokens();
    }

    /**
     * An ID token of user {@code subject} of tenant {@code acme}, valid two hours.
     *
     * @param subject the user
     * @return the token
     */
    String acmeToken(String subject) {
        return acmeToken(subject, Duration.ofHours(2));
    }

    /**
     * An ID token of user {@code subject} of tenant {@code acme}; another lifetime makes another token of the
     * same user.
     *
     * @param subject the user
     * @param lifetime how long the token is valid
     * @return the token
     */
    String acmeToken(String subject, Duration lifetime) {
        return tokens().token(subject).org("acme").lifetime(lifetime).build();
    }
}
