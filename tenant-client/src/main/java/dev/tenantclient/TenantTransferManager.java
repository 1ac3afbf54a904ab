/*
 * Copyright 2026 The tenant-client Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tenantclient;

import java.nio.file.Path;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;
import software.amazon.awssdk.core.async.AsyncRequestBody;
import software.amazon.awssdk.core.async.AsyncResponseTransformer;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;
import software.amazon.awssdk.transfer.s3.S3TransferManager;
import software.amazon.awssdk.transfer.s3.model.DirectoryDownload;
import software.amazon.awssdk.transfer.s3.model.DirectoryUpload;
import software.amazon.awssdk.transfer.s3.model.Download;
import software.amazon.awssdk.transfer.s3.model.FileDownload;
import software.amazon.awssdk.transfer.s3.model.FileUpload;
import software.amazon.awssdk.transfer.s3.model.Upload;
import software.amazon.awssdk.transfer.s3.progress.TransferListener;

/**
 * Transfers of files, streams and directories through one tenant's folder, on the SDK's {@link S3TransferManager} with
 * the Java-based multipart client. Obtain with {@link TenantAsyncBucket#transferManager()}.
 *
 * <p>Keys follow the {@link TenantBucket} rules and are checked before a transfer starts ({@link
 * TenantBoundaryException} is thrown, nothing is sent). Every request the Transfer Manager and the multipart layer send
 * below it (CreateMultipartUpload, each UploadPart, CompleteMultipartUpload, AbortMultipartUpload, ranged and part
 * GETs, listings) passes the bucket's guard and is signed with the tenant's credentials. A failed multipart upload is
 * aborted by the SDK, so no parts are left behind. Progress listeners are passed to the SDK as they are.
 *
 * <p>Thread-safe; nothing to close (the clients and the transfer executor belong to the {@link TenantClient}).
 */
public interface TenantTransferManager {

    /** @return the tenant these transfers are confined to */
    default Tenant tenant() {
        throw new UnsupportedOperationException();
    }

    /**
     * Uploads a file, in parts above the multipart threshold.
     *
     * @param key the key relative to the tenant's folder
     * @param source the file
     * @param listeners progress listeners
     * @return the upload in progress; {@code completionFuture()} completes when the object exists
     */
    default FileUpload uploadFile(String key, Path source, TransferListener... listeners) {
        throw new UnsupportedOperationException();
    }

    /**
     * Uploads a file with request options, from the allow-list of
     * {@link TenantBucket#putObject(String, software.amazon.awssdk.core.sync.RequestBody, Consumer)}.
     *
     * @param key the key relative to the tenant's folder
     * @param source the file
     * @param options further request settings
     * @param listeners progress listeners
     * @return the upload in progress
     * @throws TenantBoundaryException when the key or the options are refused
     */
    default FileUpload uploadFile(
            String key, Path source, Consumer<PutObjectRequest.Builder> options, TransferListener... listeners) {
        throw new UnsupportedOperationException();
    }

    /**
     * Uploads a stream; give the body a content length when known (unknown lengths are buffered part by part).
     *
     * @param key the key relative to the tenant's folder
     * @param body the content
     * @param options further request settings, as for {@link #uploadFile(String, Path, Consumer, TransferListener...)}
     * @param listeners progress listeners
     * @return the upload in progress
     * @throws TenantBoundaryException when the key or the options are refused
     */
    default Upload upload(
            String key,
            AsyncRequestBody body,
            Consumer<PutObjectRequest.Builder> options,
            TransferListener... listeners) {
        throw new UnsupportedOperationException();
    }

    /**
     * Downloads an object to a file, in parts when it was uploaded in parts.
     *
     * @param key the key relative to the tenant's folder
     * @param destination the file to write
     * @param listeners progress listeners
     * @return the download in progress
     * @throws TenantBoundaryException when the key is refused
     */
    default FileDownload downloadFile(String key, Path destination, TransferListener... listeners) {
        throw new UnsupportedOperationException();
    }

    /**
     * Downloads an object through a response transformer (a stream, bytes, a publisher).
     *
     * @param key the key relative to the tenant's folder
     * @param transformer what to do with the content
     * @param listeners progress listeners
     * @param <T> the result type
     * @return the download in progress
     * @throws TenantBoundaryException when the key is refused
     */
    default <T> Download<T> download(
            String key, AsyncResponseTransformer<GetObjectResponse, T> transformer, TransferListener... listeners) {
        throw new UnsupportedOperationException();
    }

    /**
     * Uploads every regular file under a directory, keyed by its path relative to the directory ({@code a/b.txt})
     * under a prefix in the tenant's folder. Every key is checked before the first upload: a file whose key the rules
     * refuse (a control character or backslash in its name, too long once prefixed) fails the whole call with
     * {@link TenantBoundaryException} and nothing is sent. Symbolic links are not followed.
     *
     * @param source the directory
     * @param prefix a prefix relative to the tenant's folder ({@code "photos/"}), or null or empty for the folder
     * @param listeners progress listeners, for each file
     * @return the directory upload in progress; files that failed are in its completed result
     * @throws TenantBoundaryException when a key is refused
     */
    default DirectoryUpload uploadDirectory(Path source, @Nullable String prefix, TransferListener... listeners) {
        throw new UnsupportedOperationException();
    }

    /**
     * Downloads every object under a prefix of the tenant's folder into a directory, each to its key relative to the
     * prefix. Only objects whose keys the {@link TenantBucket} rules accept are downloaded (objects written around
     * tenant-client with dot segments, control characters or backslashes in their keys are skipped), and folder
     * markers are skipped; the SDK also refuses any key that would resolve outside the directory.
     *
     * @param prefix a prefix relative to the tenant's folder ({@code "photos/"}), or null or empty for the folder
     * @param destination the directory
     * @param listeners progress listeners, for each file
     * @return the directory download in progress; files that failed are in its completed result
     * @throws TenantBoundaryException when the prefix is refused
     */
    default DirectoryDownload downloadDirectory(
            @Nullable String prefix, Path destination, TransferListener... listeners) {
        throw new UnsupportedOperationException();
    }
}
