/*
 * Copyright 2026 The tenant-client Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tenantclient.doctor.internal;

import dev.tenantclient.TenantLayout;
import dev.tenantclient.doctor.DoctorReport;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import software.amazon.awssdk.services.cognitoidentity.CognitoIdentityClient;
import software.amazon.awssdk.services.cognitoidentityprovider.CognitoIdentityProviderClient;
import software.amazon.awssdk.services.iam.IamClient;

/**
 * The checks behind {@link dev.tenantclient.doctor.TenantDoctor}: one run over one deployment, collecting findings,
 * one class per family (layouts, user pool, identity pool, role, trust policy) sharing a {@link CheckRun}.
 */
public final class DeploymentChecks {

    private final CheckRun run;

    /**
     * What the application expects of its deployment.
     *
     * @param layouts the layouts the application uses
     * @param region the region id
     * @param identityPoolId the identity pool
     * @param userPoolId the user pool
     * @param clientId the app client id, or null
     * @param tables table name to tenant-keyed index names
     * @param buckets bucket names
     */
    public record Expected(
            List<TenantLayout> layouts,
            String region,
            String identityPoolId,
            String userPoolId,
            @Nullable String clientId,
            Map<String, List<String>> tables,
            List<String> buckets) {}

    /**
     * The control-plane clients a run reads the deployment with.
     *
     * @param identity Cognito Identity
     * @param userPools Cognito user pools
     * @param iam IAM
     */
    public record ControlPlane(
            CognitoIdentityClient identity, CognitoIdentityProviderClient userPools, IamClient iam) {}

    /**
     * One run.
     *
     * @param expected what the application expects
     * @param controlPlane the clients to read the deployment with
     */
    public DeploymentChecks(Expected expected, ControlPlane controlPlane) {
        this.run = new CheckRun(expected, controlPlane);
    }

    /** @return the report */
    public DoctorReport run() {
        new LayoutChecks(run).check();
        new UserPoolChecks(run).check();
        String roleArn = new IdentityPoolChecks(run).check();
        if (roleArn != null) {
            new RoleChecks(run).check(roleArn);
        }
        return new DoctorReport(run.findings());
    }

    /** IAM returns policy documents URL-encoded (RFC 3986); a literal '+' stays a '+'. */
    static String decode(String document) {
        return CheckRun.decode(document);
    }
}
