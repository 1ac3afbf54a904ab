/*
 * Copyright 2026 The tenant-client Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tenantclient.samples.cdk;

import dev.tenantclient.TenantLayout;
import dev.tenantclient.cdk.TenantBucketSpec;
import dev.tenantclient.cdk.TenantIsolation;
import dev.tenantclient.cdk.TenantIsolationProps;
import dev.tenantclient.cdk.TenantTableSpec;
import software.amazon.awscdk.CfnOutput;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.StackProps;
import software.amazon.awscdk.services.dynamodb.ITable;
import software.amazon.awscdk.services.iam.Role;
import software.amazon.awscdk.services.iam.ServicePrincipal;
import software.constructs.Construct;

/**
 * The notes service's infrastructure: tenant isolation for {@link TenantLayout#org()} (user pool with an immutable
 * {@code custom:org}, identity pool, principal tags, the tenant role with generated policies, the {@code notes} table
 * with its tenant-keyed {@code byOwner} index, a files bucket) and the service's own role, which may use the
 * identity-id store. The outputs are what the service's {@code tenant-client.*} properties need.
 */
public final class NotesInfraStack extends Stack {

    private final TenantIsolation tenants;

    /**
     * Builds the stack.
     *
     * @param scope the app
     * @param id the stack id
     * @param props the stack props
     */
    public NotesInfraStack(Construct scope, String id, StackProps props) {
        super(scope, id, props);
        tenants = new TenantIsolation(
                this,
                "Tenants",
                TenantIsolationProps.builder()
                        .layout(TenantLayout.org()) // the same layout the service's TenantClient uses
                        .table(TenantTableSpec.builder()
                                .tableName("notes")
                                .partitionKey("id")
                                .sortKey("seq")
                                .tenantIndex("byOwner", "owner")
                                .build())
                        .bucket(TenantBucketSpec.builder().build())
                        .build());

        Role service = Role.Builder.create(this, "ServiceRole")
                .assumedBy(new ServicePrincipal("ecs-tasks.amazonaws.com"))
                .description("The notes service itself: exchanges tokens, keeps identity ids")
                .build();
        ITable identityIds = tenants.grantIdentityIdStore(service);

        output("UserPoolId", tenants.userPoolId());
        output("ClientId", tenants.userPoolClientId());
        output("IdentityPoolId", tenants.identityPoolId());
        output("TableName", tenants.table().getTableName());
        output("BucketName", tenants.bucket().getBucketName());
        output("IdentityIdStoreTable", identityIds.getTableName());
        output("ServiceRoleArn", service.getRoleArn());
    }

    private void output(String name, String value) {
        CfnOutput.Builder.create(this, name).value(value).build();
    }

    /** @return the isolation construct */
    public TenantIsolation tenants() {
        return tenants;
    }
}
