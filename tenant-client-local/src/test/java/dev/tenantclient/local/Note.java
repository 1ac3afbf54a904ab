/*
 * Copyright 2026 The tenant-client Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tenantclient.local;

import software.amazon.awssdk.enhanced.dynamodb.mapper.annotations.DynamoDbBean;
import software.amazon.awssdk.enhanced.dynamodb.mapper.annotations.DynamoDbPartitionKey;
import software.amazon.awssdk.enhanced.dynamodb.mapper.annotations.DynamoDbSecondaryPartitionKey;
import software.amazon.awssdk.enhanced.dynamodb.mapper.annotations.DynamoDbSortKey;

/** A test item: partition {@code id}, sort {@code seq}, and a global index {@code byOwner} on {@code owner}. */
@DynamoDbBean
public class Note {
    private String id;
    private String seq = "0";
    private String owner;
    private String text;

    public Note() {}

    public Note(String id, String seq, String owner, String text) {
        this.id = id;
        this.seq = seq;
        this.owner = owner;
        this.text = text;
    }

    @DynamoDbPartitionKey
    public String getId() {
        return id;
    }

    public void setId(String id) {
        this.id = id;
    }

    @DynamoDbSortKey
    public String getSeq() {
        return seq;
    }

    public void setSeq(String seq) {
        this.seq = seq;
    }

    @DynamoDbSecondaryPartitionKey(indexNames = "byOwner")
    public String getOwner() {
        return owner;
    }

    public void setOwner(String owner) {
        this.owner = owner;
    }

    public String getText() {
        return text;
    }

    public void setText(String text) {
        this.text = text;
    }

    @Override
    public String toString() {
        return "Note{" + id + "/" + seq + ", owner=" + owner + ", text=" + text + "}";
    }
}
