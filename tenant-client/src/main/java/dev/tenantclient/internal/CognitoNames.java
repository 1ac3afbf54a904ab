/*
 * Copyright 2026 The tenant-client Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tenantclient.internal;

import java.util.regex.Pattern;

/** The shapes of Cognito's identifiers and the names derived from them: one rule for every part of the library. */
public final class CognitoNames {

    /** A user pool id, such as {@code eu-west-1_AbCdEf123}. */
    public static final Pattern USER_POOL_ID = Pattern.compile("[a-z]{2}(-[a-z]+)+-\\d+_[0-9A-Za-z]+");

    /** An identity pool id, such as {@code eu-west-1:11111111-2222-3333-4444-555555555555}. */
    public static final Pattern IDENTITY_POOL_ID = Pattern.compile("[a-z]{2}(-[a-z]+)+-\\d+:[0-9a-f-]+");

    private CognitoNames() {}

    /**
     * The provider name of a user pool: the {@code Logins} key of the identity pool calls, and (after
     * {@code https://}) the {@code iss} of its tokens.
     *
     * @param userPoolId a user pool id matching {@link #USER_POOL_ID}
     * @return {@code cognito-idp.<region>.amazonaws.com/<userPoolId>}
     */
    public static String loginProvider(String userPoolId) {
        String region = userPoolId.substring(0, userPoolId.indexOf('_'));
        return "cognito-idp." + region + ".amazonaws.com/" + userPoolId;
    }
}
