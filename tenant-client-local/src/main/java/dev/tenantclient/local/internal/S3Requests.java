/*
 * Copyright 2026 The tenant-client Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tenantclient.local.internal;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Maps a path-style S3 REST request to the IAM authorizations AWS requires for it, following the S3 API reference's
 * "Permissions" section of each operation and the service authorization reference: every object, bucket and
 * sub-resource operation the SDK sends ({@code ?acl}, {@code ?tagging}, {@code versionId}, multipart
 * {@code uploads}/{@code uploadId}, {@code ?retention}, {@code ?legal-hold}, {@code ?attributes}, {@code ?restore},
 * {@code ?select}, {@code ?torrent}, bucket configuration), a copy also reading its source, ACL, tagging and object
 * lock headers their own actions, a multi-object delete {@code s3:DeleteObject} on every key.
 *
 * <p>Fails closed: a sub-resource, method or header combination not in the table, and an object key that is not
 * exactly one S3 key (a {@code .} or {@code ..} segment, an empty segment, a backslash — which the local S3 server
 * would resolve or normalise while real S3 keeps keys literal) is {@link Unsupported}.
 */
public final class S3Requests {

    /** A request the gateway does not map: refused, never forwarded. */
    public static final class Unsupported extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Unsupported(String message) {
            super(message, null, false, false);
        }
    }

    private static final Pattern DELETE_OBJECT = Pattern.compile("<Object>(.*?)</Object>", Pattern.DOTALL);
    private static final Pattern KEY = Pattern.compile("<Key>(.*?)</Key>", Pattern.DOTALL);
    private static final Pattern VERSION = Pattern.compile("<VersionId>(.*?)</VersionId>", Pattern.DOTALL);

    /**
     * Query parameters that select or shape a response but not the operation (list parameters, response header
     * overrides, the SDK's {@code x-id}, presigning parameters).
     */
    private static final Set<String> PLAIN_PARAMETERS = Set.of(
            "x-id",
            "list-type",
            "prefix",
            "delimiter",
            "max-keys",
            "continuation-token",
            "start-after",
            "fetch-owner",
            "encoding-type",
            "marker",
            "key-marker",
            "version-id-marker",
            "upload-id-marker",
            "max-uploads",
            "max-parts",
            "part-number-marker",
            "partNumber",
            "select-type",
            "response-cache-control",
            "response-content-disposition",
            "response-content-encoding",
            "response-content-language",
            "response-content-type",
            "response-expires",
            "X-Amz-Algorithm",
            "X-Amz-Credential",
            "X-Amz-Date",
            "X-Amz-Expires",
            "X-Amz-SignedHeaders",
            "X-Amz-Signature",
            "X-Amz-Security-Token",
            "X-Amz-Content-Sha256");

    /** Object operations: "METHOD sub-resource" (no sub-resource: "METHOD") to the action; versioned variants below. */
    private static final Map<String, String> OBJECT = new LinkedHashMap<>();
    /** The action when the request names a {@code versionId}. */
    private static final Map<String, String> OBJECT_VERSION = new LinkedHashMap<>();
    /** Bucket operations: "METHOD sub-resource" to the action. */
    private static final Map<String, String> BUCKET = new LinkedHashMap<>();

    static {
        object("GET", "s3:GetObject", "s3:GetObjectVersion"); // GetObject
        object("HEAD", "s3:GetObject", "s3:GetObjectVersion"); // HeadObject
        object("PUT", "s3:PutObject", null); // PutObject, CopyObject (+ source), UploadPart(Copy)
        object("DELETE", "s3:DeleteObject", "s3:DeleteObjectVersion"); // DeleteObject
        object("GET acl", "s3:GetObjectAcl", "s3:GetObjectVersionAcl");
        object("PUT acl", "s3:PutObjectAcl", "s3:PutObjectVersionAcl");
        object("GET tagging", "s3:GetObjectTagging", "s3:GetObjectVersionTagging");
        object("PUT tagging", "s3:PutObjectTagging", "s3:PutObjectVersionTagging");
        object("DELETE tagging", "s3:DeleteObjectTagging", "s3:DeleteObjectVersionTagging");
        object("GET retention", "s3:GetObjectRetention", "s3:GetObjectRetention");
        object("PUT retention", "s3:PutObjectRetention", "s3:PutObjectRetention");
        object("GET legal-hold", "s3:GetObjectLegalHold", "s3:GetObjectLegalHold");
        object("PUT legal-hold", "s3:PutObjectLegalHold", "s3:PutObjectLegalHold");
        object("GET attributes", "s3:GetObjectAttributes", "s3:GetObjectVersionAttributes");
        object("HEAD attributes", "s3:GetObjectAttributes", "s3:GetObjectVersionAttributes");
        object("GET torrent", "s3:GetObjectTorrent", "s3:GetObjectVersionTorrent");
        object("POST restore", "s3:RestoreObject", "s3:RestoreObject");
        object("POST select", "s3:GetObject", "s3:GetObjectVersion"); // SelectObjectContent
        object("POST uploads", "s3:PutObject", null); // CreateMultipartUpload
        object("POST uploadId", "s3:PutObject", null); // CompleteMultipartUpload
        object("PUT uploadId", "s3:PutObject", null); // UploadPart, UploadPartCopy (+ source)
        object("GET uploadId", "s3:ListMultipartUploadParts", null); // ListParts
        object("DELETE uploadId", "s3:AbortMultipartUpload", null); // AbortMultipartUpload

        bucket("GET", "s3:ListBucket"); // ListObjects(V2)
        bucket("HEAD", "s3:ListBucket"); // HeadBucket
        bucket("PUT", "s3:CreateBucket");
        bucket("DELETE", "s3:DeleteBucket");
        bucket("POST delete", "s3:DeleteObject"); // DeleteObjects: per key, below
        bucket("GET uploads", "s3:ListBucketMultipartUploads");
        bucket("GET versions", "s3:ListBucketVersions");
        bucket("GET location", "s3:GetBucketLocation");
        bucket("GET acl", "s3:GetBucketAcl");
        bucket("PUT acl", "s3:PutBucketAcl");
        bucket("GET policy", "s3:GetBucketPolicy");
        bucket("PUT policy", "s3:PutBucketPolicy");
        bucket("DELETE policy", "s3:DeleteBucketPolicy");
        bucket("GET policyStatus", "s3:GetBucketPolicyStatus");
        bucket("GET cors", "s3:GetBucketCORS");
        bucket("PUT cors", "s3:PutBucketCORS");
        bucket("DELETE cors", "s3:PutBucketCORS");
        bucket("GET lifecycle", "s3:GetLifecycleConfiguration");
        bucket("PUT lifecycle", "s3:PutLifecycleConfiguration");
        bucket("DELETE lifecycle", "s3:PutLifecycleConfiguration");
        bucket("GET tagging", "s3:GetBucketTagging");
        bucket("PUT tagging", "s3:PutBucketTagging");
        bucket("DELETE tagging", "s3:PutBucketTagging");
        bucket("GET versioning", "s3:GetBucketVersioning");
        bucket("PUT versioning", "s3:PutBucketVersioning");
        bucket("GET website", "s3:GetBucketWebsite");
        bucket("PUT website", "s3:PutBucketWebsite");
        bucket("DELETE website", "s3:DeleteBucketWebsite");
        bucket("GET logging", "s3:GetBucketLogging");
        bucket("PUT logging", "s3:PutBucketLogging");
        bucket("GET notification", "s3:GetBucketNotification");
        bucket("PUT notification", "s3:PutBucketNotification");
        bucket("GET encryption", "s3:GetEncryptionConfiguration");
        bucket("PUT encryption", "s3:PutEncryptionConfiguration");
        bucket("DELETE encryption", "s3:PutEncryptionConfiguration");
        bucket("GET replication", "s3:GetReplicationConfiguration");
        bucket("PUT replication", "s3:PutReplicationConfiguration");
        bucket("DELETE replication", "s3:PutReplicationConfiguration");
        bucket("GET requestPayment", "s3:GetBucketRequestPayment");
        bucket("PUT requestPayment", "s3:PutBucketRequestPayment");
        bucket("GET object-lock", "s3:GetBucketObjectLockConfiguration");
        bucket("PUT object-lock", "s3:PutBucketObjectLockConfiguration");
        bucket("GET ownershipControls", "s3:GetBucketOwnershipControls");
        bucket("PUT ownershipControls", "s3:PutBucketOwnershipControls");
        bucket("DELETE ownershipControls", "s3:PutBucketOwnershipControls");
        bucket("GET publicAccessBlock", "s3:GetBucketPublicAccessBlock");
        bucket("PUT publicAccessBlock", "s3:PutBucketPublicAccessBlock");
        bucket("DELETE publicAccessBlock", "s3:PutBucketPublicAccessBlock");
        bucket("GET accelerate", "s3:GetAccelerateConfiguration");
        bucket("PUT accelerate", "s3:PutAccelerateConfiguration");
        for (String config : List.of("analytics", "inventory", "metrics", "intelligent-tiering")) {
            String name = switch (config) {
                case "analytics" -> "AnalyticsConfiguration";
                case "inventory" -> "InventoryConfiguration";
                case "metrics" -> "MetricsConfiguration";
                default -> "IntelligentTieringConfiguration";
            };
            bucket("GET " + config, "s3:Get" + name);
            bucket("PUT " + config, "s3:Put" + name);
            bucket("DELETE " + config, "s3:Put" + name);
        }
        bucket("GET metadataTable", "s3:GetBucketMetadataTableConfiguration");
        bucket("POST metadataTable", "s3:CreateBucketMetadataTableConfiguration");
        bucket("DELETE metadataTable", "s3:DeleteBucketMetadataTableConfiguration");
    }

    private static void object(String operation, String action, String versionAction) {
        OBJECT.put(operation, action);
        if (versionAction != null) {
            OBJECT_VERSION.put(operation, versionAction);
        }
    }

    private static void bucket(String operation, String action) {
        BUCKET.put(operation, action);
    }

    private S3Requests() {}

    /**
     * @return how many S3 operations (method and sub-resource, object and bucket level, plus ListBuckets) are mapped
     */
    public static int mappedOperations() {
        return OBJECT.size() + BUCKET.size() + 1;
    }

    /**
     * The authorizations a request needs.
     *
     * @param method the HTTP method
     * @param rawPath the path as received, {@code /bucket/key...} (percent-encoded)
     * @param query decoded query parameters
     * @param headers request headers, names in lower case
     * @param body the request body (read for multi-object delete)
     * @return the authorizations, at least one
     * @throws Unsupported when the request is not one the gateway maps, or names a key that is not literal
     */
    public static List<AuthorizationRequest> authorizations(
            String method,
            String rawPath,
            Map<String, List<String>> query,
            Map<String, List<String>> headers,
            byte[] body) {
        String path = rawPath.startsWith("/") ? rawPath.substring(1) : rawPath;
        int slash = path.indexOf('/');
        String bucket = decode(slash < 0 ? path : path.substring(0, slash));
        String key = slash < 0 || slash == path.length() - 1 ? null : decode(path.substring(slash + 1));
        List<AuthorizationRequest> out = new ArrayList<>();
        String subresource = subresource(query);
        if (bucket.isEmpty()) {
            if (!"GET".equals(method) || subresource != null) {
                throw new Unsupported("The gateway does not map " + method + " / with ?" + subresource);
            }
            out.add(new AuthorizationRequest("s3:ListAllMyBuckets", "*", Map.of()));
            return out;
        }
        requireLiteral("bucket", bucket);
        if (bucket.contains("/")) {
            throw new Unsupported("Bucket name '" + bucket + "' is not a bucket name");
        }
        String bucketArn = "arn:aws:s3:::" + bucket;
        String operation = subresource == null ? method : method + " " + subresource;
        if (key == null) {
            String action = BUCKET.get(operation);
            if (action == null) {
                throw new Unsupported("The gateway does not map the bucket operation " + operation);
            }
            if (operation.equals("POST delete")) {
                deleteObjects(bucketArn, body, out);
            } else if (action.equals("s3:ListBucket")
                    || operation.startsWith("GET uploads")
                    || operation.startsWith("GET versions")) {
                out.add(new AuthorizationRequest(
                        action, bucketArn, "HEAD".equals(method) ? Map.of() : listContext(query)));
            } else {
                out.add(new AuthorizationRequest(action, bucketArn, Map.of()));
            }
            return out;
        }
        requireLiteral("key", key);
        String objectArn = bucketArn + "/" + key;
        boolean versioned = query.containsKey("versionId");
        String action = versioned ? OBJECT_VERSION.get(operation) : OBJECT.get(operation);
        if (action == null) {
            throw new Unsupported("The gateway does not map the object operation " + operation
                    + (versioned ? " with a versionId" : ""));
        }
        out.add(new AuthorizationRequest(action, objectArn, Map.of()));
        String copySource = first(headers, "x-amz-copy-source");
        if (copySource != null) {
            if (!"PUT".equals(method) || (subresource != null && !subresource.equals("uploadId"))) {
                throw new Unsupported("x-amz-copy-source on " + operation + " is not a copy the gateway maps");
            }
            out.add(copySource(copySource));
        }
        if (("PUT".equals(method) && subresource == null) || "POST uploads".equals(operation)) {
            // headers that make a write also set an ACL, tags or object lock need those actions too
            if (headers.keySet().stream().anyMatch(h -> h.equals("x-amz-acl") || h.startsWith("x-amz-grant-"))) {
                out.add(new AuthorizationRequest("s3:PutObjectAcl", objectArn, Map.of()));
            }
            if (headers.containsKey("x-amz-tagging")) {
                out.add(new AuthorizationRequest("s3:PutObjectTagging", objectArn, Map.of()));
            }
            if (headers.containsKey("x-amz-object-lock-retain-until-date")
                    || headers.containsKey("x-amz-object-lock-mode")) {
                out.add(new AuthorizationRequest("s3:PutObjectRetention", objectArn, Map.of()));
            }
            if (headers.containsKey("x-amz-object-lock-legal-hold")) {
                out.add(new AuthorizationRequest("s3:PutObjectLegalHold", objectArn, Map.of()));
            }
        }
        return out;
    }

    /** The one sub-resource parameter of a request, or null; more than one is not a request S3 defines. */
    private static String subresource(Map<String, List<String>> query) {
        String found = null;
        for (String name : query.keySet()) {
            if (PLAIN_PARAMETERS.contains(name) || name.equals("versionId")) {
                continue;
            }
            if (found != null) {
                // uploadId with partNumber is plain; two sub-resources are not
                throw new Unsupported("The gateway does not map a request with both ?" + found + " and ?" + name);
            }
            found = name;
        }
        return found;
    }

    private static AuthorizationRequest copySource(String header) {
        String source = header.startsWith("/") ? header.substring(1) : header;
        int q = source.indexOf('?');
        String versionId = null;
        if (q >= 0) {
            String query = source.substring(q + 1);
            source = source.substring(0, q);
            for (String pair : query.split("&", -1)) {
                if (pair.startsWith("versionId=")) {
                    versionId = pair.substring("versionId=".length());
                } else if (!pair.isEmpty()) {
                    throw new Unsupported("x-amz-copy-source has an unknown parameter");
                }
            }
        }
        String decoded = decode(source);
        int slash = decoded.indexOf('/');
        if (slash <= 0 || slash == decoded.length() - 1) {
            throw new Unsupported("x-amz-copy-source names no object");
        }
        requireLiteral("copy source key", decoded.substring(slash + 1));
        return new AuthorizationRequest(
                versionId == null ? "s3:GetObject" : "s3:GetObjectVersion", "arn:aws:s3:::" + decoded, Map.of());
    }

    private static void deleteObjects(String bucketArn, byte[] body, List<AuthorizationRequest> out) {
        Matcher objects = DELETE_OBJECT.matcher(new String(body, StandardCharsets.UTF_8));
        while (objects.find()) {
            Matcher key = KEY.matcher(objects.group(1));
            if (!key.find()) {
                throw new Unsupported("A multi-object delete names an object without a key");
            }
            String k = unescapeXml(key.group(1));
            requireLiteral("key", k);
            boolean versioned = VERSION.matcher(objects.group(1)).find();
            out.add(new AuthorizationRequest(
                    versioned ? "s3:DeleteObjectVersion" : "s3:DeleteObject", bucketArn + "/" + k, Map.of()));
        }
        if (out.isEmpty()) {
            throw new Unsupported("A multi-object delete names no object");
        }
    }

    /**
     * Real S3 keeps keys literal; the local S3 server (and the HTTP layer before it) resolves dot segments and may
     * normalise separators, so the object reached would not be the key authorized. Such keys are refused.
     */
    private static void requireLiteral(String what, String key) {
        if (key.startsWith("/") || key.contains("//") || key.contains("\\")) {
            throw new Unsupported("The " + what + " has an empty segment or a backslash; the gateway refuses keys the "
                    + "local S3 server would not store literally");
        }
        for (String segment : key.split("/", -1)) {
            if (segment.equals(".") || segment.equals("..")) {
                throw new Unsupported("The " + what + " has a '" + segment + "' segment; the gateway refuses keys the "
                        + "local S3 server would resolve");
            }
        }
        for (int i = 0; i < key.length(); i++) {
            if (Character.isISOControl(key.charAt(i))) {
                throw new Unsupported("The " + what + " has a control character");
            }
        }
    }

    private static Map<String, List<String>> listContext(Map<String, List<String>> query) {
        Map<String, List<String>> context = new LinkedHashMap<>();
        for (String name : List.of("prefix", "delimiter", "max-keys")) {
            List<String> v = query.get(name);
            if (v != null && !v.isEmpty()) {
                context.put("s3:" + name, List.of(v.get(0)));
            }
        }
        return context;
    }

    private static String first(Map<String, List<String>> headers, String name) {
        List<String> v = headers.get(name.toLowerCase(Locale.ROOT));
        return v == null || v.isEmpty() ? null : v.get(0);
    }

    private static String decode(String s) {
        return URLDecoder.decode(s.replace("+", "%2B"), StandardCharsets.UTF_8);
    }

    private static String unescapeXml(String s) {
        return s.replace("&lt;", "<")
                .replace("&gt;", ">")
                .replace("&quot;", "\"")
                .replace("&apos;", "'")
                .replace("&#xD;", "\r")
                .replace("&#xA;", "\n")
                .replace("&amp;", "&");
    }
}
