/*
 * Copyright 2026 The tenant-client Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tenantclient.doctor.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class DeploymentChecksTest {

    @Test
    void policyDocumentsAreDecodedAsIamEncodesThem() {
        // IAM returns documents percent-encoded per RFC 3986: a space is %20, and a literal '+' must stay a '+'
        assertThat(DeploymentChecks.decode("%7B%22Sid%22%3A%20%22a+b%22%7D")).isEqualTo("{\"Sid\": \"a+b\"}");
        assertThat(DeploymentChecks.decode("  {\"Sid\":\"100%\"}  ")).isEqualTo("{\"Sid\":\"100%\"}");
        assertThat(DeploymentChecks.decode("%7B%22k%22%3A%22%C3%A9%22%7D")).isEqualTo("{\"k\":\"é\"}");
    }
}
