/*
 * Copyright 2026 The tenant-client Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tenantclient;

import dev.tenantclient.internal.CognitoNames;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * The shapes of Cognito's pool identifiers and the provider name derived from a user pool, by the same rule
 * {@link TenantClient}, {@link JwksTokenVerifier} and the generated trust policy apply: for tools that check a
 * deployment (the doctor) and must accept and name exactly what the library does. Thread-safe, stateless.
 */
public final class CognitoPoolIds {

    private CognitoPoolIds() {}

    /**
     * Whether a text has the shape of a user pool id, such as {@code eu-west-1_AbCdEf123}.
     *
     * @param userPoolId the text, may be null
     * @return true when it is a well-formed user pool id
     */
    public static boolean isUserPoolId(@Nullable String userPoolId) {
        return userPoolId != null
                && CognitoNames.USER_POOL_ID.matcher(userPoolId).matches();
    }

    /**
     * Whether a text has the shape of an identity pool id, such as
     * {@code eu-west-1:11111111-2222-3333-4444-555555555555}.
     *
     * @param identityPoolId the text, may be null
     * @return true when it is a well-formed identity pool id
     */
    public static boolean isIdentityPoolId(@Nullable String identityPoolId) {
        return identityPoolId != null
                && CognitoNames.IDENTITY_POOL_ID.matcher(identityPoolId).matches();
    }

    /**
     * The provider name of a user pool: the {@code Logins} key of the identity pool calls, the
     * {@code cognito-identity.amazonaws.com:amr} value of the trust policy, and (after {@code https://}) the
     * {@code iss} of its tokens.
     *
     * @param userPoolId a user pool id
     * @return {@code cognito-idp.<region>.amazonaws.com/<userPoolId>}
     * @throws IllegalArgumentException when it is not a {@linkplain #isUserPoolId user pool id}
     */
    public static String loginProvider(String userPoolId) {
        Objects.requireNonNull(userPoolId, "userPoolId");
        if (!isUserPoolId(userPoolId)) {
            throw new IllegalArgumentException(
                    "'" + userPoolId + "' is not a user pool id (such as eu-west-1_AbCdEf123)");
        }
        return CognitoNames.loginProvider(userPoolId);
    }
}
