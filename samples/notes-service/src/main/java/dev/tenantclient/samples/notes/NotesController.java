/*
 * Copyright 2026 The tenant-client Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tenantclient.samples.notes;

import dev.tenantclient.TenantSession;
import dev.tenantclient.TenantTable;
import java.util.List;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;
import software.amazon.awssdk.enhanced.dynamodb.Key;
import software.amazon.awssdk.enhanced.dynamodb.TableSchema;
import software.amazon.awssdk.enhanced.dynamodb.model.QueryConditional;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;

/**
 * Notes and their attachments, for the caller's tenant only. No tenant id appears in this code: the
 * {@link TenantSession} parameter comes from the caller's verified token, and every key it builds carries the
 * tenant.
 */
@RestController
@RequestMapping("/notes")
public class NotesController {

    static final String TABLE = "notes";
    static final String BUCKET = "note-attachments";
    private static final TableSchema<Note> SCHEMA = TableSchema.fromBean(Note.class);

    private static TenantTable<Note> notes(TenantSession session) {
        return session.table(TABLE, SCHEMA);
    }

    private static Key key(String id) {
        return Key.builder().partitionValue(Note.PARTITION).sortValue(id).build();
    }

    /**
     * Lists the tenant's notes.
     *
     * @param session the caller's session
     * @return the notes
     */
    @GetMapping
    public List<NoteView> list(TenantSession session) {
        return notes(session).query(QueryConditional.keyEqualTo(k -> k.partitionValue(Note.PARTITION))).items().stream()
                .map(NoteView::of)
                .toList();
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
    public NoteView create(TenantSession session, @RequestBody String text) {
        Note note = new Note();
        note.setId(UUID.randomUUID().toString());
        note.setText(text);
        notes(session).putItem(note);
        return NoteView.of(note);
    }

    /**
     * Reads a note.
     *
     * @param session the caller's session
     * @param id the note's id
     * @return the note
     */
    @GetMapping("/{id}")
    public NoteView get(TenantSession session, @PathVariable String id) {
        Note note = notes(session).getItem(key(id));
        if (note == null) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND, "no note " + id);
        }
        return NoteView.of(note);
    }

    /**
     * Deletes a note and its attachment.
     *
     * @param session the caller's session
     * @param id the note's id
     */
    @DeleteMapping("/{id}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    public void delete(TenantSession session, @PathVariable String id) {
        notes(session).deleteItem(key(id));
        session.bucket(BUCKET).deleteObject("notes/" + id);
    }

    /**
     * Attaches a file to a note.
     *
     * @param session the caller's session
     * @param id the note's id
     * @param content the file
     */
    @PutMapping(path = "/{id}/attachment", consumes = MediaType.APPLICATION_OCTET_STREAM_VALUE)
    @ResponseStatus(HttpStatus.NO_CONTENT)
    public void attach(TenantSession session, @PathVariable String id, @RequestBody byte[] content) {
        Note note = notes(session).getItem(key(id));
        if (note == null) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND, "no note " + id);
        }
        session.bucket(BUCKET)
                .putObject("notes/" + id, software.amazon.awssdk.core.sync.RequestBody.fromBytes(content));
        note.setHasAttachment(true);
        notes(session).putItem(note);
    }

    /**
     * Reads a note's attachment.
     *
     * @param session the caller's session
     * @param id the note's id
     * @return the file
     */
    @GetMapping(path = "/{id}/attachment", produces = MediaType.APPLICATION_OCTET_STREAM_VALUE)
    public byte[] attachment(TenantSession session, @PathVariable String id) {
        try {
            return session.bucket(BUCKET).getObjectAsBytes("notes/" + id).asByteArray();
        } catch (NoSuchKeyException e) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND, "no attachment for note " + id);
        }
    }
}
