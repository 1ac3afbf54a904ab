/*
 * Copyright 2026 The tenant-client Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tenantclient.internal.credentials;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.tenantclient.credentials.IdentityIdStore;
import java.time.Duration;
import java.util.Optional;

/** The default {@link IdentityIdStore}: a bounded Caffeine cache in this process. */
public final class InMemoryIdentityIdStore implements IdentityIdStore {

    private final Cache<String, String> ids;

    /**
     * Creates a store.
     *
     * @param maximumUsers the most users kept
     */
    public InMemoryIdentityIdStore(long maximumUsers) {
        this.ids = Caffeine.newBuilder()
                .maximumSize(maximumUsers)
                .expireAfterAccess(Duration.ofDays(1))
                .executor(Runnable::run)
                .build();
    }

    @Override
    public Optional<String> find(User user) {
        return Optional.ofNullable(ids.getIfPresent(user.key()));
    }

    @Override
    public void save(User user, String identityId) {
        ids.put(user.key(), identityId);
    }

    @Override
    public void forget(User user, String identityId) {
        ids.asMap().remove(user.key(), identityId);
    }

    @Override
    public String toString() {
        return "IdentityIdStore.inMemory{size=" + ids.estimatedSize() + "}";
    }
}
