/*
 * Copyright 2026 The tenant-client Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tenantclient.samples.cdk;

import software.amazon.awscdk.App;
import software.amazon.awscdk.Environment;
import software.amazon.awscdk.StackProps;

/**
 * The CDK app: one stack, {@link NotesInfraStack}. {@code cdk synth} (see {@code cdk.json}) runs this main; the
 * account and region come from the CDK CLI's environment when it sets them.
 */
public final class NotesInfraApp {

    private NotesInfraApp() {}

    /**
     * Builds the app's stack into an app.
     *
     * @param app the app
     * @return the stack
     */
    public static NotesInfraStack build(App app) {
        StackProps.Builder props = StackProps.builder().description("tenant-client notes service: tenant isolation");
        String account = System.getenv("CDK_DEFAULT_ACCOUNT");
        String region = System.getenv("CDK_DEFAULT_REGION");
        if (account != null && region != null) {
            props.env(Environment.builder().account(account).region(region).build());
        }
        return new NotesInfraStack(app, "TenantNotes", props.build());
    }

    /**
     * Synthesizes the app into {@code $CDK_OUTDIR} (or {@code cdk.out}).
     *
     * @param args ignored
     */
    public static void main(String[] args) {
        App app = new App();
        build(app);
        app.synth();
    }
}
