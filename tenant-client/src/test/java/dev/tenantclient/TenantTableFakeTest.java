/*
 * Copyright 2026 The tenant-client Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tenantclient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.enhanced.dynamodb.Key;
import software.amazon.awssdk.enhanced.dynamodb.TableSchema;
import software.amazon.awssdk.enhanced.dynamodb.mapper.StaticAttributeTags;
import software.amazon.awssdk.enhanced.dynamodb.mapper.StaticTableSchema;

/**
 * How an application unit-tests its own code against tenant-client without AWS: {@link TenantSession} and
 * {@link TenantTable} are interfaces, so a hand-written fake (or a lambda-sized anonymous class) stands in for them.
 * Methods a fake does not override throw {@link UnsupportedOperationException}, so a test notices a call it did not
 * expect, and a method added to the interface later never breaks the fake.
 */
class TenantTableFakeTest {

    /** The application's item. */
    static final class Note {
        private String id = "";
        private String text = "";

        Note() {}

        Note(String id, String text) {
            this.id = id;
            this.text = text;
        }

        String id() {
            return id;
        }

        String text() {
            return text;
        }

        static final TableSchema<Note> SCHEMA = StaticTableSchema.builder(Note.class)
                .newItemSupplier(Note::new)
                .addAttribute(
                        String.class,
                        a -> a.name("id")
                                .getter(Note::id)
                                .setter((n, v) -> n.id = v)
                                .tags(StaticAttributeTags.primaryPartitionKey()))
                .addAttribute(
                        String.class, a -> a.name("text").getter(Note::text).setter((n, v) -> n.text = v))
                .build();
    }

    /** The application's service under test: it only knows the interfaces. */
    static final class NoteService {
        private final TenantSession session;

        NoteService(TenantSession session) {
            this.session = session;
        }

        String rename(String id, String text) {
            TenantTable<Note> notes = session.table("notes", Note.SCHEMA);
            Note old = Optional.ofNullable(
                            notes.getItem(Key.builder().partitionValue(id).build()))
                    .orElseThrow(() -> new IllegalArgumentException("no note " + id));
            notes.putItem(new Note(old.id(), text));
            return session.tenant().org() + ":" + old.text() + "->" + text;
        }
    }

    /** A hand-written in-memory fake of a tenant table: what a user would keep among their test fixtures. */
    static final class InMemoryNotes implements TenantTable<Note> {
        final Map<String, Note> items = new HashMap<>();

        @Override
        public @Nullable Note getItem(Key key) {
            return items.get(key.partitionKeyValue().s());
        }

        @Override
        public void putItem(Note item) {
            items.put(item.id(), item);
        }
    }

    @Test
    void applicationCodeRunsAgainstAFakeSessionAndTable() {
        InMemoryNotes notes = new InMemoryNotes();
        notes.putItem(new Note("n-1", "draft"));
        TenantSession session = new TenantSession() {
            @Override
            public Tenant tenant() {
                return new Tenant("acme", "user-1", Map.of("org", "acme"));
            }

            @Override
            @SuppressWarnings("unchecked")
            public <T> TenantTable<T> table(String tableName, TableSchema<T> schema) {
                return (TenantTable<T>) notes;
            }
        };

        assertThat(new NoteService(session).rename("n-1", "final")).isEqualTo("acme:draft->final");
        assertThat(notes.items.get("n-1")).extracting(Note::text).isEqualTo("final");
    }

    @Test
    void anOperationTheFakeDoesNotOverrideFailsLoudly() {
        InMemoryNotes notes = new InMemoryNotes();

        assertThatThrownBy(() ->
                        notes.deleteItem(Key.builder().partitionValue("n-1").build()))
                .isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> notes.index("byOwner")).isInstanceOf(UnsupportedOperationException.class);
    }
}
