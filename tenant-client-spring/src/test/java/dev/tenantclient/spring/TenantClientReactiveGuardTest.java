/*
 * Copyright 2026 The tenant-client Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tenantclient.spring;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tenantclient.TenantSession;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ReactiveWebApplicationContextRunner;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** A reactive application whose controllers take a TenantSession fails at startup, saying why. */
class TenantClientReactiveGuardTest {

    @RestController
    static class SessionController {
        @GetMapping("/org")
        String org(TenantSession session) {
            return session.tenant().org();
        }
    }

    @RestController
    static class OptionalSessionController {
        @GetMapping("/org")
        String org(Optional<TenantSession> session) {
            return "x";
        }
    }

    @RestController
    static class PlainController {
        @GetMapping("/ping")
        String ping() {
            return "pong";
        }
    }

    private final ReactiveWebApplicationContextRunner reactive = new ReactiveWebApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(TenantClientReactiveGuardAutoConfiguration.class));

    @Test
    void aTenantSessionParameterInAWebFluxAppFailsStartupNamingTheMethod() {
        reactive.withUserConfiguration(SessionController.class).run(context -> {
            assertThat(context).hasFailed();
            assertThat(context.getStartupFailure())
                    .hasStackTraceContaining("TenantClientConfigurationException")
                    .hasStackTraceContaining("SessionController.org")
                    .hasStackTraceContaining("reactive (WebFlux)");
        });
        reactive.withUserConfiguration(OptionalSessionController.class)
                .run(context -> assertThat(context).hasFailed());
    }

    @Test
    void aWebFluxAppWithoutSessionParametersStarts() {
        reactive.withUserConfiguration(PlainController.class)
                .run(context -> assertThat(context).hasNotFailed());
    }

    @Test
    void servletAppsAreNotChecked() {
        new WebApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(TenantClientReactiveGuardAutoConfiguration.class))
                .withUserConfiguration(SessionController.class)
                .run(context -> assertThat(context).hasNotFailed());
    }
}
