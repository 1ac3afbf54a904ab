/*
 * Copyright 2026 The tenant-client Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tenantclient.doctor.internal;

import dev.tenantclient.doctor.Finding;
import dev.tenantclient.doctor.Finding.Severity;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.policybuilder.iam.IamPolicy;

/**
 * One doctor run's state, shared by the check families: what the application expects, the clients to read the
 * deployment with, and the findings so far. Every read goes through {@link #read}, which turns a failure into a
 * {@link Severity#COULD_NOT_CHECK} finding.
 */
final class CheckRun {

    static final String COGNITO = "cognito-identity.amazonaws.com";

    private final DeploymentChecks.Expected expected;
    private final DeploymentChecks.ControlPlane controlPlane;
    private final List<Finding> findings = new ArrayList<>();
    /** The identity pool's providers other than the user pool (each a way to get the role); null when unread. */
    private @Nullable List<String> otherProviders;

    CheckRun(DeploymentChecks.Expected expected, DeploymentChecks.ControlPlane controlPlane) {
        this.expected = expected;
        this.controlPlane = controlPlane;
    }

    DeploymentChecks.Expected expected() {
        return expected;
    }

    DeploymentChecks.ControlPlane controlPlane() {
        return controlPlane;
    }

    List<Finding> findings() {
        return findings;
    }

    @Nullable
    List<String> otherProviders() {
        return otherProviders;
    }

    void otherProviders(List<String> providers) {
        this.otherProviders = providers;
    }

    /** IAM returns policy documents URL-encoded (RFC 3986); a literal '+' stays a '+'. */
    static String decode(String document) {
        String trimmed = document.strip();
        return trimmed.startsWith("{")
                ? trimmed
                : URLDecoder.decode(trimmed.replace("+", "%2B"), StandardCharsets.UTF_8);
    }

    @Nullable
    IamPolicy parse(String document, String what) {
        try {
            return IamPolicy.fromJson(decode(document));
        } catch (RuntimeException e) {
            add(
                    Severity.COULD_NOT_CHECK,
                    "policy.unreadable",
                    "The " + what + " could not be parsed: " + e.getMessage(),
                    "A policy the doctor cannot read could grant anything.",
                    "Check the policy document in the IAM console.");
            return null;
        }
    }

    <T> @Nullable T read(String action, String what, Supplier<T> call) {
        try {
            return call.get();
        } catch (SdkException e) {
            couldNotCheck(action, what, e);
            return null;
        }
    }

    void couldNotCheck(String action, String what, SdkException e) {
        String cause = e instanceof AwsServiceException service && service.awsErrorDetails() != null
                ? service.awsErrorDetails().errorCode() + " (HTTP " + service.statusCode() + ")"
                : e.getClass().getSimpleName();
        add(
                Severity.COULD_NOT_CHECK,
                "read." + action,
                "Could not check " + what + ": " + action + " failed with " + cause + ".",
                "An unchecked part of the deployment is neither a pass nor a fail.",
                "Grant the doctor's credentials " + action + " (read-only), or run it with credentials that have it.");
    }

    void add(Severity severity, String check, String problem, String why, String fix) {
        findings.add(new Finding(severity, check, problem, why, fix));
    }
}
