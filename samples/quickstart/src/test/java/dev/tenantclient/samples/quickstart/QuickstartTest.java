/*
 * Copyright 2026 The tenant-client Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tenantclient.samples.quickstart;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The README's quickstart runs on a fresh stack and prints both tenants, and no token or secret. */
class QuickstartTest {

    @Test
    void theQuickstartPrintsBothTenantsThePolicyAndNoSecrets() {
        PrintStream original = System.out;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        try {
            System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
            Quickstart.main(new String[0]);
        } finally {
            System.setOut(original);
        }
        String out = captured.toString(StandardCharsets.UTF_8);

        assertThat(out)
                .contains("acme")
                .contains("globex")
                .contains("identity=us-east-1:")
                .contains("\"dynamodb:LeadingKeys\" : \"${aws:PrincipalTag/org}#*\"")
                .contains("acme    reads note n-1: \"hello from acme\" and reports/q1.txt: \"acme's report\"")
                .contains("globex  reads note n-1: \"hello from globex\"")
                .contains("notes [acme#n-1, globex#n-1], files [acme/reports/q1.txt, globex/reports/q1.txt]")
                .contains("tenant-client doctor: no findings")
                .contains(
                        "ERROR [permissions.grants-more] The role's inline policy ops-debugging (Debug) grants what the "
                                + "generated policy does not: dynamodb:Scan on table notes.")
                .contains("library refuses:")
                .contains("IAM refuses the raw SDK call: AccessDeniedException")
                .doesNotContain("eyJ")
                .doesNotContain("ASIA")
                .doesNotContain("IQoJ");
    }
}
