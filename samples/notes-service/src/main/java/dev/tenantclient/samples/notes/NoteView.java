/*
 * Copyright 2026 The tenant-client Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tenantclient.samples.notes;

/**
 * A note as the API shows it.
 *
 * @param id the note's id
 * @param text its text
 * @param hasAttachment whether a file is attached
 */
public record NoteView(String id, String text, boolean hasAttachment) {
    static NoteView of(Note note) {
        return new NoteView(note.getId(), note.getText(), note.isHasAttachment());
    }
}
