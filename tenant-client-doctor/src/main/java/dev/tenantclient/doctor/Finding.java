/*
 * Copyright 2026 The tenant-client Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tenantclient.doctor;

import java.util.Objects;

/**
 * One thing {@link TenantDoctor} found about a deployment: what is wrong, why it breaks (or may break) tenant
 * isolation, and how to fix it.
 *
 * @param severity how bad it is
 * @param check a stable identifier of the check, such as {@code trust.tag-session}, for filtering and tests
 * @param problem what is wrong, naming the resource
 * @param why why it matters for tenant isolation
 * @param fix what to change
 */
public record Finding(Severity severity, String check, String problem, String why, String fix) {

    /**
     * Validates that every part is present.
     *
     * @param severity how bad it is
     * @param check the check's identifier
     * @param problem what is wrong
     * @param why why it matters
     * @param fix what to change
     */
    public Finding {
        Objects.requireNonNull(severity, "severity");
        Objects.requireNonNull(check, "check");
        Objects.requireNonNull(problem, "problem");
        Objects.requireNonNull(why, "why");
        Objects.requireNonNull(fix, "fix");
    }

    /** How bad a finding is. */
    public enum Severity {
        /** Tenant isolation is broken or the library cannot work: fix before serving traffic. */
        ERROR,
        /** Not a breach today, but weaker than the layout expects, or something the application will trip over. */
        WARNING,
        /** The doctor could not read part of the deployment (for example {@code AccessDenied}): neither a pass nor a fail. */
        COULD_NOT_CHECK
    }

    /** @return the finding on a few lines, for logs and the command line */
    public String describe() {
        return severity + " [" + check + "] " + problem + System.lineSeparator() + "    why: " + why
                + System.lineSeparator() + "    fix: " + fix;
    }
}
