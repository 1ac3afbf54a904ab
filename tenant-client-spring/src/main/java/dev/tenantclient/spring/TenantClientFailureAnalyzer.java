/*
 * Copyright 2026 The tenant-client Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tenantclient.spring;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** Turns a {@link TenantClientConfigurationException} at startup into a description and an action. */
public class TenantClientFailureAnalyzer extends AbstractFailureAnalyzer<TenantClientConfigurationException> {

    /** Creates the analyzer (instantiated by Spring Boot from {@code spring.factories}). */
    public TenantClientFailureAnalyzer() {}

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, TenantClientConfigurationException cause) {
        return new FailureAnalysis(
                "tenant-client could not be configured: " + cause.getMessage(),
                "Set '" + cause.property() + "' to a valid value (for example in application.yml), define your own"
                        + " TenantClient bean, or turn tenant-client off with tenant-client.enabled=false.",
                cause);
    }
}
