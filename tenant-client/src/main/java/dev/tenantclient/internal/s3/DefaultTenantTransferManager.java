/*
 * Copyright 2026 The tenant-client Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tenantclient.internal.s3;

import dev.tenantclient.Tenant;
import dev.tenantclient.TenantBoundaryException;
import dev.tenantclient.TenantBucket;
import dev.tenantclient.TenantTransferManager;
import dev.tenantclient.internal.Printable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Executor;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;
import software.amazon.awssdk.core.async.AsyncRequestBody;
import software.amazon.awssdk.core.async.AsyncResponseTransformer;
import software.amazon.awssdk.services.s3.S3AsyncClient;
import software.amazon.awssdk.services.s3.model.GetObjectRequest;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;
import software.amazon.awssdk.services.s3.model.S3Object;
import software.amazon.awssdk.transfer.s3.S3TransferManager;
import software.amazon.awssdk.transfer.s3.model.DirectoryDownload;
import software.amazon.awssdk.transfer.s3.model.DirectoryUpload;
import software.amazon.awssdk.transfer.s3.model.Download;
import software.amazon.awssdk.transfer.s3.model.DownloadRequest;
import software.amazon.awssdk.transfer.s3.model.FileDownload;
import software.amazon.awssdk.transfer.s3.model.FileUpload;
import software.amazon.awssdk.transfer.s3.model.Upload;
import software.amazon.awssdk.transfer.s3.model.UploadFileRequest;
import software.amazon.awssdk.transfer.s3.progress.TransferListener;

/** The implementation of {@link TenantTransferManager}. */
public final class DefaultTenantTransferManager implements TenantTransferManager {

    private static final String DELIMITER = "/";

    private final BucketOperations ops;
    private final ObjectKeys keys;
    private final S3TransferManager transfers;
    private final Tenant tenant;

    public DefaultTenantTransferManager(
            BucketOperations ops, S3AsyncClient multipart, Executor executor, Tenant tenant) {
        this.ops = ops;
        this.keys = ops.keys();
        this.tenant = tenant;
        this.transfers = S3TransferManager.builder()
                .s3Client(multipart)
                .executor(executor)
                .build();
    }

    /** @return the tenant these transfers are confined to */
    @Override
    public Tenant tenant() {
        return tenant;
    }

    /**
     * Uploads a file, in parts above the multipart threshold.
     *
     * @param key the key relative to the tenant's folder
     * @param source the file
     * @param listeners progress listeners
     * @return the upload in progress; {@code completionFuture()} completes when the object exists
     */
    @Override
    public FileUpload uploadFile(String key, Path source, TransferListener... listeners) {
        return uploadFile(key, source, b -> {}, listeners);
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
    @Override
    public FileUpload uploadFile(
            String key, Path source, Consumer<PutObjectRequest.Builder> options, TransferListener... listeners) {
        PutObjectRequest request = checkedPut(key, options);
        Objects.requireNonNull(source, "source");
        return transfers.uploadFile(
                u -> u.source(source).putObjectRequest(request).transferListeners(List.of(listeners)));
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
    @Override
    public Upload upload(
            String key,
            AsyncRequestBody body,
            Consumer<PutObjectRequest.Builder> options,
            TransferListener... listeners) {
        PutObjectRequest request = checkedPut(key, options);
        Objects.requireNonNull(body, "body");
        return transfers.upload(
                u -> u.requestBody(body).putObjectRequest(request).transferListeners(List.of(listeners)));
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
    @Override
    public FileDownload downloadFile(String key, Path destination, TransferListener... listeners) {
        GetObjectRequest request = checkedGet(key);
        Objects.requireNonNull(destination, "destination");
        return transfers.downloadFile(
                d -> d.getObjectRequest(request).destination(destination).transferListeners(List.of(listeners)));
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
    @Override
    public <T> Download<T> download(
            String key, AsyncResponseTransformer<GetObjectResponse, T> transformer, TransferListener... listeners) {
        GetObjectRequest request = checkedGet(key);
        Objects.requireNonNull(transformer, "transformer");
        return transfers.download(DownloadRequest.builder()
                .getObjectRequest(request)
                .responseTransformer(transformer)
                .transferListeners(List.of(listeners))
                .build());
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
    @Override
    public DirectoryUpload uploadDirectory(Path source, @Nullable String prefix, TransferListener... listeners) {
        Objects.requireNonNull(source, "source");
        String storedPrefix = keys.toStoredPrefix(folderPrefix(prefix));
        try (Stream<Path> files = Files.walk(source)) {
            files.filter(p -> Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS))
                    .forEach(p -> keyFor(source, prefix, p));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + source, e);
        }
        return transfers.uploadDirectory(u -> u.source(source)
                .bucket(ops.bucket())
                .s3Prefix(storedPrefix)
                .s3Delimiter(DELIMITER)
                .followSymbolicLinks(false)
                .uploadFileRequestTransformer(f -> {
                    // A file created after the check above: refuse it here, before its request is built.
                    UploadFileRequest file = f.build();
                    keyFor(source, prefix, file.source());
                    f.transferListeners(List.of(listeners));
                }));
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
    @Override
    public DirectoryDownload downloadDirectory(
            @Nullable String prefix, Path destination, TransferListener... listeners) {
        Objects.requireNonNull(destination, "destination");
        String storedPrefix = keys.toStoredPrefix(folderPrefix(prefix));
        return transfers.downloadDirectory(d -> d.bucket(ops.bucket())
                .destination(destination)
                .listObjectsV2RequestTransformer(l -> l.prefix(storedPrefix))
                .filter(this::downloadable)
                .downloadFileRequestTransformer(f -> f.transferListeners(List.of(listeners))));
    }

    private PutObjectRequest checkedPut(String key, Consumer<PutObjectRequest.Builder> options) {
        PutObjectRequest request = ops.putObject(key, options);
        ops.guard().check(request);
        return request;
    }

    private GetObjectRequest checkedGet(String key) {
        GetObjectRequest request = ops.getObject(key);
        ops.guard().check(request);
        return request;
    }

    private static @Nullable String folderPrefix(@Nullable String prefix) {
        if (prefix == null || prefix.isEmpty() || prefix.endsWith(DELIMITER)) {
            return prefix;
        }
        return prefix + DELIMITER;
    }

    /** The key the Transfer Manager gives a file (its relative path joined with '/'), checked by the key rules. */
    private String keyFor(Path source, @Nullable String prefix, Path file) {
        Path relative = source.relativize(file);
        StringBuilder key = new StringBuilder();
        String p = folderPrefix(prefix);
        if (p != null) {
            key.append(p);
        }
        for (int i = 0; i < relative.getNameCount(); i++) {
            if (i > 0) {
                key.append(DELIMITER);
            }
            key.append(relative.getName(i));
        }
        try {
            return keys.toStored(key.toString());
        } catch (TenantBoundaryException e) {
            throw new TenantBoundaryException(
                    "File '" + Printable.of(relative.toString()) + "' cannot be uploaded: " + e.getMessage());
        }
    }

    private boolean downloadable(S3Object object) {
        String key = object.key();
        if (!keys.owns(key) || key.endsWith(DELIMITER)) {
            return false;
        }
        try {
            keys.toStored(keys.toApplication(key));
            return true;
        } catch (TenantBoundaryException e) {
            return false;
        }
    }

    @Override
    public String toString() {
        return "TenantTransferManager{bucket=" + ops.bucket() + ", folder=" + keys.folder() + "}";
    }
}
