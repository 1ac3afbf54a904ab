/*
 * Copyright 2026 The tenant-client Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tenantclient.doctor;

import java.util.List;
import java.util.stream.Collectors;

/**
 * What {@link TenantDoctor#examine()} found, in the order it checked: user pool, identity pool, trust policy,
 * permission policies.
 *
 * @param findings the findings, empty for a deployment that matches the layout
 */
public record DoctorReport(List<Finding> findings) {

    /**
     * Copies the findings.
     *
     * @param findings the findings
     */
    public DoctorReport {
        findings = List.copyOf(findings);
    }

    /** @return whether nothing at all was found */
    public boolean isClean() {
        return findings.isEmpty();
    }

    /**
     * Whether the deployment passes: no {@link Finding.Severity#ERROR} and nothing that could not be checked (an
     * unchecked part is not a pass). Warnings do not fail it.
     *
     * @return whether it passes
     */
    public boolean passed() {
        return findings.stream().noneMatch(f -> f.severity() != Finding.Severity.WARNING);
    }

    /**
     * The findings of one severity.
     *
     * @param severity the severity
     * @return those findings
     */
    public List<Finding> findings(Finding.Severity severity) {
        return findings.stream().filter(f -> f.severity() == severity).toList();
    }

    /** @return every finding described on its own lines, or a one-line all-clear */
    public String describe() {
        if (findings.isEmpty()) {
            return "tenant-client doctor: no findings; the deployment matches the layout.";
        }
        return findings.stream()
                .map(Finding::describe)
                .collect(Collectors.joining(
                        System.lineSeparator(),
                        "tenant-client doctor: " + findings.size() + " finding(s)" + System.lineSeparator(),
                        ""));
    }
}
