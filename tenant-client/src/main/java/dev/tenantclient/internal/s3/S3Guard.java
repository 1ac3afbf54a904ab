/*
 * Copyright 2026 The tenant-client Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tenantclient.internal.s3;

import dev.tenantclient.TenantBoundaryException;
import dev.tenantclient.internal.ObservedCalls;
import dev.tenantclient.internal.Printable;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.awscore.AwsRequestOverrideConfiguration;
import software.amazon.awssdk.core.SdkField;
import software.amazon.awssdk.core.util.SdkAutoConstructList;
import software.amazon.awssdk.core.util.SdkAutoConstructMap;
import software.amazon.awssdk.services.s3.model.AbortMultipartUploadRequest;
import software.amazon.awssdk.services.s3.model.CompleteMultipartUploadRequest;
import software.amazon.awssdk.services.s3.model.CopyObjectRequest;
import software.amazon.awssdk.services.s3.model.CreateMultipartUploadRequest;
import software.amazon.awssdk.services.s3.model.DeleteObjectRequest;
import software.amazon.awssdk.services.s3.model.DeleteObjectsRequest;
import software.amazon.awssdk.services.s3.model.GetObjectRequest;
import software.amazon.awssdk.services.s3.model.HeadObjectRequest;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Request;
import software.amazon.awssdk.services.s3.model.ObjectIdentifier;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;
import software.amazon.awssdk.services.s3.model.S3Request;
import software.amazon.awssdk.services.s3.model.UploadPartCopyRequest;
import software.amazon.awssdk.services.s3.model.UploadPartRequest;

/**
 * The S3 boundary of one tenant in one bucket, shared by the sync and the async clients: a request's bucket must be
 * the session's bucket and every key or prefix it carries must be under the tenant's folder (the IAM resource rule),
 * and it may carry only the fields and override settings listed for its operation, so no option can change the
 * object or the operation it touches.
 *
 * <p>Two profiles. {@link #check(S3Request)} is the rule for requests an application can shape (through
 * {@code TenantBucket}, {@code TenantAsyncBucket} or {@code TenantTransferManager} options).
 * {@link #checkDerived(S3Request)} is the rule for the requests the SDK's multipart layer and Transfer Manager derive
 * from a request that already passed {@code check}: they may also carry part numbers, ranges, conditional headers,
 * checksums and the SDK's own execution attributes (progress listeners, pause and resume state), never another
 * bucket or key and never a header or query parameter.
 */
public final class S3Guard {

    /** What a read of one object (get or head) may carry: a version, a range or part, conditions, checksums, SSE-C. */
    private static final Set<String> READ_FIELDS = Set.of(
            "Bucket",
            "Key",
            "VersionId",
            "Range",
            "PartNumber",
            "IfMatch",
            "IfNoneMatch",
            "IfModifiedSince",
            "IfUnmodifiedSince",
            "ChecksumMode",
            "SSECustomerAlgorithm",
            "SSECustomerKey",
            "SSECustomerKeyMD5",
            "ExpectedBucketOwner");

    /**
     * What each operation may carry: the fields tenant-client sets, and for a put the content settings an application
     * may choose through {@code TenantBucket.putObject(key, body, options)}. Everything else is refused.
     */
    private static final Map<Class<? extends S3Request>, Set<String>> ALLOWED_FIELDS = Map.ofEntries(
            Map.entry(
                    PutObjectRequest.class,
                    Set.of(
                            "Bucket",
                            "Key",
                            "CacheControl",
                            "ContentDisposition",
                            "ContentEncoding",
                            "ContentLanguage",
                            "ContentLength",
                            "ContentMD5",
                            "ContentType",
                            "ChecksumAlgorithm",
                            "ChecksumCRC32",
                            "ChecksumCRC32C",
                            "ChecksumCRC64NVME",
                            "ChecksumSHA1",
                            "ChecksumSHA256",
                            "Expires",
                            "IfMatch",
                            "IfNoneMatch",
                            "Metadata",
                            "ServerSideEncryption",
                            "StorageClass",
                            "SSECustomerAlgorithm",
                            "SSECustomerKey",
                            "SSECustomerKeyMD5",
                            "SSEKMSKeyId",
                            "SSEKMSEncryptionContext",
                            "BucketKeyEnabled",
                            "Tagging",
                            "ObjectLockMode",
                            "ObjectLockRetainUntilDate",
                            "ObjectLockLegalHoldStatus",
                            "ExpectedBucketOwner")),
            // reads of the same key: a version, a range or part, conditions, checksums, SSE-C, and response header
            // overrides (which change only the headers of this response; S3 honours them on signed requests only)
            Map.entry(
                    GetObjectRequest.class,
                    union(
                            READ_FIELDS,
                            Set.of(
                                    "ResponseCacheControl",
                                    "ResponseContentDisposition",
                                    "ResponseContentEncoding",
                                    "ResponseContentLanguage",
                                    "ResponseContentType",
                                    "ResponseExpires"))),
            Map.entry(HeadObjectRequest.class, READ_FIELDS),
            Map.entry(
                    DeleteObjectRequest.class, Set.of("Bucket", "Key", "VersionId", "IfMatch", "ExpectedBucketOwner")),
            Map.entry(DeleteObjectsRequest.class, Set.of("Bucket", "Delete")),
            Map.entry(
                    ListObjectsV2Request.class,
                    Set.of(
                            "Bucket",
                            "Prefix",
                            "Delimiter",
                            "ContinuationToken",
                            "StartAfter",
                            "MaxKeys",
                            "EncodingType")),
            Map.entry(
                    CopyObjectRequest.class,
                    Set.of("SourceBucket", "SourceKey", "DestinationBucket", "DestinationKey", "CopySource")),
            Map.entry(CreateMultipartUploadRequest.class, Set.of("Bucket", "Key")),
            Map.entry(UploadPartRequest.class, Set.of("Bucket", "Key", "UploadId", "PartNumber", "ContentLength")),
            Map.entry(CompleteMultipartUploadRequest.class, Set.of("Bucket", "Key", "UploadId", "MultipartUpload")),
            Map.entry(AbortMultipartUploadRequest.class, Set.of("Bucket", "Key", "UploadId")));

    /** Fields S3 reads per part or per range of the same object: part numbers, ranges, conditions, checksums. */
    private static final Set<String> PART_READ = Set.of(
            "PartNumber",
            "Range",
            "IfMatch",
            "IfNoneMatch",
            "IfModifiedSince",
            "IfUnmodifiedSince",
            "ChecksumMode",
            "SSECustomerAlgorithm",
            "SSECustomerKey",
            "SSECustomerKeyMD5",
            "ExpectedBucketOwner");

    private static final Set<String> PART_WRITE = Set.of(
            "ContentLength",
            "ContentMD5",
            "ChecksumAlgorithm",
            "ChecksumCRC32",
            "ChecksumCRC32C",
            "ChecksumCRC64NVME",
            "ChecksumSHA1",
            "ChecksumSHA256",
            "ChecksumType",
            "MpuObjectSize",
            "IfMatch",
            "IfNoneMatch",
            "SSECustomerAlgorithm",
            "SSECustomerKey",
            "SSECustomerKeyMD5",
            "ExpectedBucketOwner");

    /**
     * What the SDK's multipart layer may add when it splits a guarded put, get or copy: the multipart operations carry
     * the put's content settings (copied field by field by the SDK), parts carry their numbers and checksums.
     */
    private static final Map<Class<? extends S3Request>, Set<String>> DERIVED_FIELDS = derivedFields();

    private static Map<Class<? extends S3Request>, Set<String>> derivedFields() {
        Map<Class<? extends S3Request>, Set<String>> m = new HashMap<>(ALLOWED_FIELDS);
        m.put(GetObjectRequest.class, union(allowed(GetObjectRequest.class), PART_READ));
        m.put(HeadObjectRequest.class, union(allowed(HeadObjectRequest.class), PART_READ));
        m.put(CreateMultipartUploadRequest.class, union(allowed(PutObjectRequest.class), Set.of("ChecksumType")));
        m.put(UploadPartRequest.class, union(allowed(UploadPartRequest.class), PART_WRITE));
        m.put(CompleteMultipartUploadRequest.class, union(allowed(CompleteMultipartUploadRequest.class), PART_WRITE));
        m.put(
                AbortMultipartUploadRequest.class,
                union(allowed(AbortMultipartUploadRequest.class), Set.of("ExpectedBucketOwner")));
        m.put(
                UploadPartCopyRequest.class,
                Set.of(
                        "SourceBucket",
                        "SourceKey",
                        "DestinationBucket",
                        "DestinationKey",
                        "UploadId",
                        "PartNumber",
                        "CopySourceRange",
                        "ExpectedBucketOwner"));
        return Map.copyOf(m);
    }

    /** The fields allowed in a request of a type that {@link #ALLOWED_FIELDS} lists. */
    private static Set<String> allowed(Class<? extends S3Request> type) {
        return Objects.requireNonNull(ALLOWED_FIELDS.get(type), () -> "no allowed fields listed for " + type);
    }

    private static Set<String> union(Set<String> a, Set<String> b) {
        Set<String> u = new HashSet<>(a);
        u.addAll(b);
        return Set.copyOf(u);
    }

    private final ObjectKeys keys;
    private final String bucket;
    private final ObservedCalls calls;

    /**
     * The guard for one tenant's folder in one bucket.
     *
     * @param keys the tenant's key rule
     * @param bucket the only bucket requests may name
     */
    public S3Guard(ObjectKeys keys, String bucket) {
        this(keys, bucket, ObservedCalls.NONE);
    }

    /**
     * The guard for one tenant's folder in one bucket, with the session's call observations.
     *
     * @param keys the tenant's key rule
     * @param bucket the only bucket requests may name
     * @param calls observes each request the session's S3 clients send past this guard
     */
    public S3Guard(ObjectKeys keys, String bucket, ObservedCalls calls) {
        this.keys = keys;
        this.bucket = bucket;
        this.calls = calls;
    }

    /** @return what observes each request sent past this guard */
    public ObservedCalls calls() {
        return calls;
    }

    /** @return the tenant's key rule */
    public ObjectKeys keys() {
        return keys;
    }

    /** @return the bucket */
    public String bucket() {
        return bucket;
    }

    /**
     * The request with the session's credentials in its override configuration, merged with (not replacing) what is
     * already there.
     *
     * @param request a request
     * @param credentials the session's credentials
     * @param <T> the request type
     * @return the request to send
     */
    public static <T extends S3Request> T signedBy(T request, AwsCredentialsProvider credentials) {
        AwsRequestOverrideConfiguration merged = request.overrideConfiguration()
                .map(AwsRequestOverrideConfiguration::toBuilder)
                .orElseGet(AwsRequestOverrideConfiguration::builder)
                .credentialsProvider(credentials)
                .build();
        @SuppressWarnings("unchecked")
        T signed = (T) request.toBuilder().overrideConfiguration(merged).build();
        return signed;
    }

    /**
     * The rule for requests an application shapes: the request's bucket and every key or prefix it carries must be
     * the session's bucket and folder, and it carries only the fields listed for its operation.
     *
     * @param request any S3 request
     * @throws TenantBoundaryException when the request would leave the tenant or cannot be checked
     */
    public void check(S3Request request) {
        checkModelled(request, ALLOWED_FIELDS, false);
        checkScope(request);
    }

    /**
     * The rule for requests the SDK's multipart layer or Transfer Manager derived from a checked one: the same bucket
     * and folder rule, with the part, range, checksum and execution-attribute settings those layers add.
     *
     * @param request any S3 request
     * @throws TenantBoundaryException when the request would leave the tenant or cannot be checked
     */
    public void checkDerived(S3Request request) {
        checkModelled(request, DERIVED_FIELDS, true);
        checkScope(request);
        if (request instanceof UploadPartCopyRequest r) {
            check(r.destinationBucket(), r.destinationKey());
            check(r.sourceBucket(), r.sourceKey());
        }
    }

    private void checkScope(S3Request request) {
        if (request instanceof PutObjectRequest r) {
            check(r.bucket(), r.key());
        } else if (request instanceof GetObjectRequest r) {
            check(r.bucket(), r.key());
        } else if (request instanceof HeadObjectRequest r) {
            check(r.bucket(), r.key());
        } else if (request instanceof DeleteObjectRequest r) {
            check(r.bucket(), r.key());
        } else if (request instanceof CopyObjectRequest r) {
            check(r.destinationBucket(), r.destinationKey());
            if (r.sourceBucket() != null) {
                check(r.sourceBucket(), r.sourceKey());
            } else {
                checkCopySource(legacyCopySource(r)); // a caller may still set the deprecated field: check it too
            }
        } else if (request instanceof DeleteObjectsRequest r) {
            checkBucket(r.bucket());
            if (r.delete() == null
                    || !r.delete().hasObjects()
                    || r.delete().objects().isEmpty()) {
                throw new TenantBoundaryException("A multi-object delete without keys cannot be confined");
            }
            for (ObjectIdentifier id : r.delete().objects()) {
                checkKey(id.key());
            }
        } else if (request instanceof ListObjectsV2Request r) {
            check(r.bucket(), r.prefix());
            if (r.startAfter() != null && !r.startAfter().isEmpty()) {
                checkKey(r.startAfter());
            }
        } else if (request instanceof CreateMultipartUploadRequest r) {
            check(r.bucket(), r.key());
        } else if (request instanceof UploadPartRequest r) {
            check(r.bucket(), r.key());
        } else if (request instanceof CompleteMultipartUploadRequest r) {
            check(r.bucket(), r.key());
        } else if (request instanceof AbortMultipartUploadRequest r) {
            check(r.bucket(), r.key());
        } else if (!(request instanceof UploadPartCopyRequest)) {
            throw new TenantBoundaryException(request.getClass().getSimpleName().replace("Request", "")
                    + " is not confined by tenant-client; use TenantBucket's operations");
        }
    }

    /**
     * Fails closed on what the guard does not model: a field outside the operation's allow-list (such as
     * {@code versionId}, {@code partNumber}, {@code websiteRedirectLocation}, ACL grants), and any header, query
     * parameter, signer, plugin, endpoint provider or execution attribute added through the override configuration
     * ({@code x-amz-copy-source} turns a put into a copy, {@code uploadId} and {@code partNumber} into an upload part).
     * A field the SDK adds in a later version is refused until it is reviewed and listed here.
     */
    private static void checkModelled(
            S3Request request, Map<Class<? extends S3Request>, Set<String>> allowList, boolean sdkAttributes) {
        String operation = request.getClass().getSimpleName().replace("Request", "");
        Set<String> allowed = allowList.get(request.getClass());
        if (allowed == null) {
            if (request instanceof UploadPartCopyRequest) {
                throw new TenantBoundaryException(
                        "UploadPartCopy is not confined by tenant-client; use TenantBucket's operations");
            }
            return; // refused by checkScope() with its own message
        }
        for (SdkField<?> field : request.sdkFields()) {
            if (isSet(field.getValueOrDefault(request)) && !allowed.contains(field.memberName())) {
                throw new TenantBoundaryException(operation + " option '" + field.memberName()
                        + "' is not allowed through tenant-client (it could change the object or the operation the"
                        + " request touches); the request was not sent");
            }
        }
        AwsRequestOverrideConfiguration o = request.overrideConfiguration().orElse(null);
        if (o == null) {
            return;
        }
        String refused = !o.headers().isEmpty()
                ? "a header"
                : !o.rawQueryParameters().isEmpty()
                        ? "a query parameter"
                        : o.signer().isPresent()
                                ? "a signer"
                                : !o.plugins().isEmpty()
                                        ? "a plugin"
                                        : o.endpointProvider().isPresent()
                                                ? "an endpoint provider"
                                                : o.tokenIdentityProvider().isPresent()
                                                        ? "a token identity provider"
                                                        : o.compressionConfiguration()
                                                                        .isPresent()
                                                                ? "a compression configuration"
                                                                : !sdkAttributes
                                                                                && !o.executionAttributes()
                                                                                        .getAttributes()
                                                                                        .isEmpty()
                                                                        ? "an execution attribute"
                                                                        : null;
        if (refused != null) {
            throw new TenantBoundaryException(operation + " carries " + refused
                    + " in its override configuration; tenant-client allows only timeouts, metric publishers and API"
                    + " names there, so nothing can change the object or the operation; the request was not sent");
        }
    }

    private static boolean isSet(Object value) {
        if (value == null || value instanceof SdkAutoConstructList<?> || value instanceof SdkAutoConstructMap<?, ?>) {
            return false;
        }
        return !(value instanceof Collection<?> c && c.isEmpty()) && !(value instanceof Map<?, ?> m && m.isEmpty());
    }

    private void check(String requestBucket, String key) {
        checkBucket(requestBucket);
        checkKey(key);
    }

    private void checkBucket(String requestBucket) {
        if (!bucket.equals(requestBucket)) {
            throw new TenantBoundaryException("Request names bucket '" + Printable.of(requestBucket)
                    + "', not this session's bucket '" + bucket + "'");
        }
    }

    private void checkKey(String key) {
        if (!keys.owns(key)) {
            throw new TenantBoundaryException(
                    "Request carries a key or prefix outside the caller's tenant folder; it was" + " not sent");
        }
    }

    private void checkCopySource(String copySource) {
        if (copySource == null) {
            throw new TenantBoundaryException("A copy without a source cannot be confined");
        }
        String decoded = URLDecoder.decode(
                copySource.startsWith("/") ? copySource.substring(1) : copySource, StandardCharsets.UTF_8);
        int slash = decoded.indexOf('/');
        if (slash < 0) {
            throw new TenantBoundaryException("A copy source without a key cannot be confined");
        }
        check(decoded.substring(0, slash), decoded.substring(slash + 1));
    }

    @Override
    public String toString() {
        return "S3Guard{bucket=" + bucket + ", " + keys + "}";
    }

    @SuppressWarnings("deprecation")
    private static String legacyCopySource(CopyObjectRequest request) {
        return request.copySource();
    }
}
