/*
 * Copyright 2026 The tenant-client Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tenantclient.doctor.internal;

import dev.tenantclient.LayoutOverlaps;
import dev.tenantclient.TenantLayout;
import dev.tenantclient.doctor.Finding.Severity;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Layouts deployed together must not overlap on the tables and buckets they share. */
final class LayoutChecks {

    private final CheckRun run;
    private final List<TenantLayout> layouts;
    private final Map<String, List<String>> tables;
    private final List<String> buckets;

    LayoutChecks(CheckRun run) {
        this.run = run;
        this.layouts = run.expected().layouts();
        this.tables = run.expected().tables();
        this.buckets = run.expected().buckets();
    }

    /**
     * Layouts the application uses together share the tables and buckets the doctor is given, and the role grants
     * each of them there. Two that overlap cannot be kept apart on one table or bucket: IAM allows each layout's
     * statement on its own, whatever the other's says.
     */
    void check() {
        String overlap = LayoutOverlaps.firstOverlap(layouts);
        if (overlap != null) {
            List<String> where = new ArrayList<>();
            tables.keySet().forEach(t -> where.add("table " + t));
            buckets.forEach(b -> where.add("bucket " + b));
            add(
                    Severity.ERROR,
                    "layouts.overlap",
                    overlap + " Both are granted on " + String.join(", ", where) + ".",
                    "A tenant of one layout can list, read, overwrite and delete the keys of a tenant of the other"
                            + " whose value it shares (for example, an org named like a user's sub has that user's"
                            + " folder), through the library and with its own credentials, and the generated policies"
                            + " cannot prevent it.",
                    LayoutOverlaps.FIX);
        }
    }

    private void add(Severity severity, String check, String problem, String why, String fix) {
        run.add(severity, check, problem, why, fix);
    }
}
