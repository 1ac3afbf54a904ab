/*
 * Copyright 2026 The tenant-client Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tenantclient.spring;

import dev.tenantclient.TenantClientException;
import dev.tenantclient.TenantSession;
import java.util.Optional;
import org.springframework.core.task.TaskDecorator;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;

/**
 * Carries the submitting thread's security context and {@link TenantSession} into tasks, so that
 * {@link CurrentTenantSession} works in {@code @Async} methods and executor tasks. Opt-in: set
 * {@code tenant-client.async.propagate-context=true} (Spring Boot then applies it to the auto-configured task
 * executor), or pass it to an executor of your own ({@code ThreadPoolTaskExecutor.setTaskDecorator}).
 *
 * <p>The session is resolved on the submitting thread (which has the request) and the task sees exactly that
 * session, also when the ID token came in a header. A task submitted where no session can be resolved runs with the
 * security context only. Both are removed from the worker thread when the task ends. The simpler alternative needs
 * no decorator: pass the {@code TenantSession} (immutable, thread-safe) into the task as an argument.
 */
public final class TenantSessionTaskDecorator implements TaskDecorator {

    private static final ThreadLocal<TenantSession> PROPAGATED = new ThreadLocal<>();

    private final CurrentTenantSession current;

    /**
     * Creates the decorator.
     *
     * @param current the current-request session lookup
     */
    public TenantSessionTaskDecorator(CurrentTenantSession current) {
        this.current = current;
    }

    /** @return the session a decorated task runs with, or null outside one */
    static TenantSession propagated() {
        return PROPAGATED.get();
    }

    @Override
    public Runnable decorate(Runnable runnable) {
        SecurityContext context = SecurityContextHolder.getContext();
        TenantSession session = sessionHere();
        return () -> {
            SecurityContext previousContext = SecurityContextHolder.getContext();
            TenantSession previousSession = PROPAGATED.get();
            SecurityContextHolder.setContext(context);
            PROPAGATED.set(session);
            try {
                runnable.run();
            } finally {
                SecurityContextHolder.setContext(previousContext);
                if (previousSession == null) {
                    PROPAGATED.remove();
                } else {
                    PROPAGATED.set(previousSession);
                }
            }
        };
    }

    private TenantSession sessionHere() {
        try {
            Optional<TenantSession> session = current.find();
            return session.orElse(null);
        } catch (TenantClientException | IllegalStateException e) {
            // No session for this submission (no request, or a refused token): the task gets the security context
            // only, and CurrentTenantSession answers there as it would have here.
            return null;
        }
    }

    @Override
    public String toString() {
        return "TenantSessionTaskDecorator{" + current + "}";
    }
}
