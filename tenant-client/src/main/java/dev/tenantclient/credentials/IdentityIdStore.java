/*
 * Copyright 2026 The tenant-client Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tenantclient.credentials;

import dev.tenantclient.internal.credentials.InMemoryIdentityIdStore;
import java.util.Objects;
import java.util.Optional;

/**
 * Where the credentials cache keeps Cognito identity ids, so that {@code GetId} is called once per user and not
 * once per token, process or restart. A user's identity id in an identity pool never changes (until the identity
 * is deleted), so an id found here is used as it is; if Cognito then answers {@code ResourceNotFoundException} or
 * refuses the pairing, the cache {@linkplain #forget forgets} it and asks {@code GetId} again.
 *
 * <p>The default, {@link #inMemory(long)}, serves one process. {@link DynamoDbIdentityIdStore} serves a fleet:
 * every instance and every restart reuses the ids the others found, which keeps a cold start from spending the
 * account's {@code GetId} quota (25 requests/s by default) on users already known.
 *
 * <p>Implementations must be thread-safe. A store that fails (throws) is treated as a miss: the cache calls
 * {@code GetId} and goes on; store failures never fail a caller. Methods are called on the exchanging thread,
 * within the caller's deadline.
 */
public interface IdentityIdStore {

    /**
     * The identity id stored for a user.
     *
     * @param user the user
     * @return the identity id, or empty when none is stored
     */
    Optional<String> find(User user);

    /**
     * Stores the identity id {@code GetId} returned for a user.
     *
     * @param user the user
     * @param identityId the identity id, such as {@code eu-west-1:0f1e2d3c-...}
     */
    void save(User user, String identityId);

    /**
     * Forgets a user's identity id if it is still {@code identityId} (Cognito said the identity no longer exists
     * or does not belong to the user's logins).
     *
     * @param user the user
     * @param identityId the id to forget
     */
    void forget(User user, String identityId);

    /**
     * A store in this process's memory, bounded to {@code maximumUsers} (least used dropped first; ids unused for a
     * day are dropped).
     *
     * @param maximumUsers at least 1
     * @return a new in-memory store
     */
    static IdentityIdStore inMemory(long maximumUsers) {
        if (maximumUsers < 1) {
            throw new IllegalArgumentException("maximumUsers must be at least 1, was " + maximumUsers);
        }
        return new InMemoryIdentityIdStore(maximumUsers);
    }

    /**
     * A user of an identity pool: the pool, the login provider that vouches for the user, and the user's
     * {@code sub}. Together they name one Cognito identity.
     *
     * @param identityPoolId the identity pool
     * @param loginProvider the provider name, such as {@code cognito-idp.eu-west-1.amazonaws.com/eu-west-1_AbC}
     * @param subject the user's {@code sub}
     */
    record User(String identityPoolId, String loginProvider, String subject) {

        /**
         * Checks that no part is null.
         *
         * @param identityPoolId the identity pool
         * @param loginProvider the provider name
         * @param subject the user's {@code sub}
         */
        public User {
            Objects.requireNonNull(identityPoolId, "identityPoolId");
            Objects.requireNonNull(loginProvider, "loginProvider");
            Objects.requireNonNull(subject, "subject");
        }

        /**
         * One string naming the user, for stores keyed by a single value: {@code pool|provider|sub}.
         *
         * @return the key
         */
        public String key() {
            return identityPoolId + "|" + loginProvider + "|" + subject;
        }
    }
}
