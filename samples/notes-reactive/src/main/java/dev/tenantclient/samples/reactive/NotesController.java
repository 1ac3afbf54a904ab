/*
 * Copyright 2026 The tenant-client Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tenantclient.samples.reactive;

import dev.tenantclient.TenantAsyncTable;
import dev.tenantclient.TenantSession;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import software.amazon.awssdk.core.async.AsyncRequestBody;
import software.amazon.awssdk.enhanced.dynamodb.Key;
import software.amazon.awssdk.enhanced.dynamodb.TableSchema;
import software.amazon.awssdk.enhanced.dynamodb.model.QueryConditional;

/**
 * Notes and their attachments for the caller's tenant, without blocking an event-loop thread: the
 * {@link TenantSession} parameter comes from the reactive security context, and every call goes through the
 * session's async table and bucket, whose futures become {@code Mono}s and whose query publisher a {@code Flux}.
 */
@RestController
@RequestMapping("/notes")
public class NotesController {

    static final String TABLE = "notes";
    static final String BUCKET = "note-attachments";
    private static final TableSchema<Note> SCHEMA = TableSchema.fromBean(Note.class);

    private static TenantAsyncTable<Note> notes(TenantSession session) {
        return session.asyncTable(TABLE, SCHEMA);
    }

    private static Key key(String id) {
        return Key.builder().partitionValue(Note.PARTITION).sortValue(id).build();
    }

    /**
     * Streams the tenant's notes.
     *
     * @param session the caller's session
     * @return the notes
     */
    @GetMapping
    public Flux<Note> list(TenantSession session) {
        return Flux.from(notes(session)
                .query(QueryConditional.keyEqualTo(k -> k.partitionValue(Note.PARTITION)))
                .items());
    }

    /**
     * Creates a note.
     *
     * @param session the caller's session
     * @param text the note's text
     * @return the note
     */
    @PostMapping(consumes = MediaType.TEXT_PLAIN_VALUE)
    @ResponseStatus(HttpStatus.CREATED)
    public Mono<Note> create(TenantSession session, @RequestBody String text) {
        Note note = new Note();
        note.setId(UUID.randomUUID().toString());
        note.setText(text);
        return Mono.fromFuture(() -> notes(session).putItem(note)).thenReturn(note);
    }

    /**
     * Reads a note.
     *
     * @param session the caller's session
     * @param id the note's id
     * @return the note, or a 404
     */
    @GetMapping("/{id}")
    public Mono<Note> get(TenantSession session, @PathVariable String id) {
        return Mono.fromFuture(() -> notes(session).getItem(key(id)))
                .switchIfEmpty(Mono.error(() -> new ResponseStatusException(HttpStatus.NOT_FOUND, "no note " + id)));
    }

    /**
     * Attaches a file to an existing note.
     *
     * @param session the caller's session
     * @param id the note's id
     * @param content the file
     * @return completion, or a 404
     */
    @PutMapping(path = "/{id}/attachment", consumes = MediaType.APPLICATION_OCTET_STREAM_VALUE)
    @ResponseStatus(HttpStatus.NO_CONTENT)
    public Mono<Void> attach(TenantSession session, @PathVariable String id, @RequestBody byte[] content) {
        return get(session, id)
                .flatMap(note -> Mono.fromFuture(() -> session.asyncBucket(BUCKET)
                                .putObject("notes/" + id, AsyncRequestBody.fromBytes(content)))
                        .then(Mono.fromFuture(() -> {
                            note.setHasAttachment(true);
                            return notes(session).putItem(note);
                        })));
    }

    /**
     * Reads a note's attachment.
     *
     * @param session the caller's session
     * @param id the note's id
     * @return the file, or a 404
     */
    @GetMapping(path = "/{id}/attachment", produces = MediaType.APPLICATION_OCTET_STREAM_VALUE)
    public Mono<byte[]> attachment(TenantSession session, @PathVariable String id) {
        return get(session, id)
                .filter(Note::isHasAttachment)
                .switchIfEmpty(Mono.error(
                        () -> new ResponseStatusException(HttpStatus.NOT_FOUND, "no attachment for note " + id)))
                .flatMap(note ->
                        Mono.fromFuture(() -> session.asyncBucket(BUCKET).getObjectAsBytes("notes/" + id)))
                .map(bytes -> bytes.asByteArray());
    }
}
