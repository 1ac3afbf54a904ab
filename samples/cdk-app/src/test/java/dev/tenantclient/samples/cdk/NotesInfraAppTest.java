/*
 * Copyright 2026 The tenant-client Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tenantclient.samples.cdk;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awscdk.App;
import software.amazon.awscdk.assertions.Template;
import software.amazon.awscdk.cxapi.CloudAssembly;

/** The sample app synthesizes: the cloud assembly holds the stack, with the isolation resources and outputs. */
class NotesInfraAppTest {

    @Test
    void theAppSynthesizesTheIsolationStackWithItsOutputs(@TempDir Path out) {
        App app = App.Builder.create().outdir(out.toString()).build();
        NotesInfraStack stack = NotesInfraApp.build(app);
        CloudAssembly assembly = app.synth();

        assertThat(Files.exists(out.resolve("TenantNotes.template.json"))).isTrue();
        assertThat(assembly.getStackByName("TenantNotes").getStackName()).isEqualTo("TenantNotes");

        Template template = Template.fromStack(stack);
        template.resourceCountIs("AWS::Cognito::UserPool", 1);
        template.resourceCountIs("AWS::Cognito::IdentityPool", 1);
        template.resourceCountIs("AWS::Cognito::IdentityPoolPrincipalTag", 1);
        template.resourceCountIs("AWS::Cognito::IdentityPoolRoleAttachment", 1);
        template.resourceCountIs("AWS::DynamoDB::Table", 2); // notes and the identity-id store
        template.resourceCountIs("AWS::S3::Bucket", 1);
        template.hasResourceProperties(
                "AWS::Cognito::IdentityPoolPrincipalTag",
                Map.of("UseDefaults", false, "PrincipalTags", Map.of("org", "custom:org")));
        template.hasResourceProperties("AWS::DynamoDB::Table", Map.of("TableName", "notes"));
        for (String output : new String[] {
            "UserPoolId", "ClientId", "IdentityPoolId", "TableName", "BucketName", "IdentityIdStoreTable"
        }) {
            template.hasOutput(output, Map.of());
        }
    }
}
