/*
 * Copyright 2026 The tenant-client Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tenantclient.doctor.internal;

import dev.tenantclient.TenantLayout;
import dev.tenantclient.doctor.Finding.Severity;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import software.amazon.awssdk.services.cognitoidentityprovider.CognitoIdentityProviderClient;
import software.amazon.awssdk.services.cognitoidentityprovider.model.SchemaAttributeType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.UserPoolClientDescription;
import software.amazon.awssdk.services.cognitoidentityprovider.model.UserPoolClientType;

/** The user pool: the tenant claim is an immutable attribute no app client writes. */
final class UserPoolChecks {

    /** Claims Cognito sets itself and no user can choose or write. */
    private static final Set<String> MANAGED_CLAIMS = Set.of("sub", "aud", "iss", "token_use", "cognito:groups");

    private final CheckRun run;
    private final List<TenantLayout> layouts;
    private final String userPoolId;
    private final CognitoIdentityProviderClient userPools;

    UserPoolChecks(CheckRun run) {
        this.run = run;
        this.layouts = run.expected().layouts();
        this.userPoolId = run.expected().userPoolId();
        this.userPools = run.controlPlane().userPools();
    }

    void check() {
        Set<String> attributes = new LinkedHashSet<>();
        for (TenantLayout layout : layouts) {
            layout.principalTags().values().stream()
                    .filter(c -> !MANAGED_CLAIMS.contains(c))
                    .forEach(attributes::add);
        }
        if (attributes.isEmpty()) {
            return; // every tenant claim is managed by Cognito (sub): nothing a client could write
        }
        for (String claim : List.copyOf(attributes)) {
            if (!claim.startsWith("custom:")) {
                // cognito:username, email, preferred_username, name, ...: chosen by the user at sign-up or
                // writable afterwards (an app client's empty WriteAttributes means every standard attribute)
                attributes.remove(claim);
                add(
                        Severity.ERROR,
                        "user-pool.claim-user-chosen",
                        "The layout's tenant claim '" + claim + "' is one users choose or can change themselves.",
                        "Identity pools are public endpoints: a user who signs up as, or updates their '" + claim
                                + "' to, another tenant's value (or one containing a separator such as '/') exchanges "
                                + "their token for credentials IAM confines to that value.",
                        "Use an immutable custom attribute that only your back end sets (custom:org), or 'sub'.");
            }
        }
        if (attributes.isEmpty()) {
            return;
        }
        List<SchemaAttributeType> schema = read(
                "cognito-idp:DescribeUserPool",
                "the user pool's tenant attribute",
                () -> userPools
                        .describeUserPool(r -> r.userPoolId(userPoolId))
                        .userPool()
                        .schemaAttributes());
        if (schema != null) {
            for (String claim : attributes) {
                SchemaAttributeType attribute = schema.stream()
                        .filter(a -> claim.equals(a.name()) || claim.equals("custom:" + a.name()))
                        .findFirst()
                        .orElse(null);
                if (attribute == null) {
                    add(
                            Severity.ERROR,
                            "user-pool.attribute-missing",
                            "User pool " + userPoolId + " has no attribute '" + claim + "'.",
                            "Tokens carry no tenant claim, so no tenant-scoped credentials can be issued (and a later-added "
                                    + "mutable attribute would let users choose their tenant).",
                            "Add '" + claim
                                    + "' as an immutable custom attribute that only your back end sets (AdminCreateUser).");
                } else if (Boolean.TRUE.equals(attribute.mutable())) {
                    add(
                            Severity.ERROR,
                            "user-pool.attribute-mutable",
                            "Attribute '" + claim + "' of user pool " + userPoolId + " is mutable.",
                            "Anyone allowed to update it (an administrator, or an app client with write access) can move a user "
                                    + "into another tenant; an immutable attribute can only be set when the user is created.",
                            "Create an immutable attribute (custom attributes cannot be made immutable later) and migrate.");
                }
            }
        }
        List<UserPoolClientDescription> clients =
                read(
                        "cognito-idp:ListUserPoolClients",
                        "the user pool's app clients",
                        () -> userPools
                                .listUserPoolClientsPaginator(
                                        r -> r.userPoolId(userPoolId).maxResults(60))
                                .userPoolClients()
                                .stream()
                                .toList());
        if (clients == null) {
            return;
        }
        for (UserPoolClientDescription description : clients) {
            UserPoolClientType client = read(
                    "cognito-idp:DescribeUserPoolClient",
                    "app client " + description.clientId(),
                    () -> userPools
                            .describeUserPoolClient(
                                    r -> r.userPoolId(userPoolId).clientId(description.clientId()))
                            .userPoolClient());
            if (client == null) {
                continue;
            }
            // An empty WriteAttributes means the standard attributes only: custom attributes are never implied.
            for (String claim : attributes) {
                if (client.writeAttributes().contains(claim)) {
                    add(
                            Severity.ERROR,
                            "user-pool.client-writes-attribute",
                            "App client " + client.clientId() + " (" + client.clientName() + ") may write '" + claim
                                    + "'.",
                            "A user can call UpdateUserAttributes (or SignUp) with that client and set their own tenant, then "
                                    + "receive another tenant's credentials.",
                            "Remove '" + claim + "' from the client's WriteAttributes; set it only with admin APIs.");
                }
            }
        }
    }

    private <T> @Nullable T read(String action, String what, Supplier<T> call) {
        return run.read(action, what, call);
    }

    private void add(Severity severity, String check, String problem, String why, String fix) {
        run.add(severity, check, problem, why, fix);
    }
}
