/*
 * Copyright 2026 The tenant-client Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tenantclient.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * After a test class, checks every log line captured so far in this JVM: no JWT, no session token, no secret key
 * any local stack issued. Put it on every class that handles tokens or credentials.
 */
public final class NoSecretsInLogs implements AfterAllCallback {

    private static final Pattern JWT = Pattern.compile("eyJ[A-Za-z0-9_-]{8,}\\.[A-Za-z0-9_-]{8,}");

    @Override
    public void afterAll(ExtensionContext context) {
        List<String> lines = CapturingAppender.lines();
        assertThat(lines).as("log lines captured (the check must see the logs)").isNotEmpty();
        List<String> secrets = TestStacks.secretsIssued();
        for (String line : lines) {
            assertThat(JWT.matcher(line).find())
                    .as("a JWT in a log line: %s", line.substring(0, Math.min(80, line.length())))
                    .isFalse();
            for (String secret : secrets) {
                assertThat(line.contains(secret))
                        .as("an issued secret or session token in a log line")
                        .isFalse();
            }
        }
    }
}
