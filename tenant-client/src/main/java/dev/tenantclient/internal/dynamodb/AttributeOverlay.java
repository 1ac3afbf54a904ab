/*
 * Copyright 2026 The tenant-client Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tenantclient.internal.dynamodb;

import java.util.AbstractMap;
import java.util.AbstractSet;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;
import java.util.function.BiConsumer;
import org.jspecify.annotations.Nullable;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * A read-only view of an item with one attribute's value replaced: what the rewriting of a returned item hands to
 * the SDK's response builder, which copies every item map it is given (with {@code size()} and {@code forEach}), so
 * a full copy here would be allocated only to be copied again. Unmodifiable; the item must hold {@code attribute}.
 */
final class AttributeOverlay extends AbstractMap<String, AttributeValue> {

    private final Map<String, AttributeValue> item;
    private final String attribute;
    private final AttributeValue value;

    /**
     * @param item the item as returned (not changed)
     * @param attribute an attribute the item holds
     * @param value its value in the view
     */
    AttributeOverlay(Map<String, AttributeValue> item, String attribute, AttributeValue value) {
        this.item = item;
        this.attribute = attribute;
        this.value = value;
    }

    @Override
    public int size() {
        return item.size();
    }

    @Override
    public boolean containsKey(@Nullable Object key) {
        return item.containsKey(key);
    }

    @Override
    public @Nullable AttributeValue get(@Nullable Object key) {
        return attribute.equals(key) ? value : item.get(key);
    }

    @Override
    public void forEach(BiConsumer<? super String, ? super AttributeValue> action) {
        item.forEach((k, v) -> action.accept(k, attribute.equals(k) ? value : v));
    }

    @Override
    public Set<Entry<String, AttributeValue>> entrySet() {
        return new AbstractSet<>() {
            @Override
            public int size() {
                return item.size();
            }

            @Override
            public Iterator<Entry<String, AttributeValue>> iterator() {
                Iterator<Entry<String, AttributeValue>> it = item.entrySet().iterator();
                return new Iterator<>() {
                    @Override
                    public boolean hasNext() {
                        return it.hasNext();
                    }

                    @Override
                    public Entry<String, AttributeValue> next() {
                        Entry<String, AttributeValue> e = it.next();
                        return attribute.equals(e.getKey()) ? new SimpleImmutableEntry<>(attribute, value) : e;
                    }
                };
            }
        };
    }
}
