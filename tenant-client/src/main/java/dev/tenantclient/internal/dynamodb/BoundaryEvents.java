/*
 * Copyright 2026 The tenant-client Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tenantclient.internal.dynamodb;

import dev.tenantclient.BoundaryListener;
import java.util.concurrent.atomic.LongAdder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where the DynamoDB guard reports what it filtered out: a counter, a WARN line without item data, and the
 * application's {@link BoundaryListener}. One per {@code TenantClient}. Thread-safe.
 */
public final class BoundaryEvents {

    private static final Logger LOG = LoggerFactory.getLogger(BoundaryEvents.class);

    private final BoundaryListener listener;
    private final LongAdder foreignItemsDropped = new LongAdder();

    /**
     * Creates the events.
     *
     * @param listener the application's listener
     */
    public BoundaryEvents(BoundaryListener listener) {
        this.listener = listener;
    }

    /**
     * Items of another tenant were dropped from an index query page.
     *
     * @param table the table
     * @param index the index
     * @param count how many, at least one
     */
    void foreignItemsDropped(String table, String index, int count) {
        foreignItemsDropped.add(count);
        // the table and index names come from the application's schema; no item value is logged
        LOG.warn(
                "Dropped {} item(s) of another tenant from a query on index '{}' of table '{}': their table partition"
                        + " key is outside the caller's tenant (planted through an index key attribute)",
                count,
                index,
                table);
        try {
            listener.foreignItemsDropped(table, index, count);
        } catch (RuntimeException e) {
            LOG.warn(
                    "BoundaryListener.foreignItemsDropped threw {}; ignored",
                    e.getClass().getName());
        }
    }

    /** @return items of other tenants dropped from index queries since the client was built */
    public long foreignItemsDropped() {
        return foreignItemsDropped.sum();
    }
}
