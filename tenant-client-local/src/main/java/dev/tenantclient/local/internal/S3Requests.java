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
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Maps a path-style S3 REST request to the IAM authorizations it needs, following the S3 user guide's "actions,
 * resources and condition keys" table: object operations on {@code arn:aws:s3:::bucket/key}, listings on the
 * bucket with {@code s3:prefix}, a copy also reading its source, and a multi-object delete needing
 * {@code s3:DeleteObject} on every key it names.
 */
public final class S3Requests {

    private static final Pattern DELETE_KEY = Pattern.compile("<Key>(.*?)</Key>", Pattern.DOTALL);

    private S3Requests() {}

    /**
     * The authorizations a request needs.
     *
     * @param method the HTTP method
     * @param rawPath the path as received, {@code /bucket/key...} (percent-encoded)
     * @param query decoded query parameters
     * @param copySource the {@code x-amz-copy-source} header, or null
     * @param body the request body (read for multi-object delete)
     * @return the authorizations, at least one
     */
    public static List<AuthorizationRequest> authorizations(
            String method, String rawPath, Map<String, List<String>> query, String copySource, byte[] body) {
        String path = rawPath.startsWith("/") ? rawPath.substring(1) : rawPath;
        int slash = path.indexOf('/');
        String bucket = decode(slash < 0 ? path : path.substring(0, slash));
        String key = slash < 0 || slash == path.length() - 1 ? null : decode(path.substring(slash + 1));
        List<AuthorizationRequest> out = new ArrayList<>();
        if (bucket.isEmpty()) {
            out.add(new AuthorizationRequest("s3:ListAllMyBuckets", "*", Map.of()));
            return out;
        }
        String bucketArn = "arn:aws:s3:::" + bucket;
        if (key == null) {
            out.add(bucketRequest(method, bucketArn, query, body));
            return out;
        }
        String objectArn = bucketArn + "/" + key;
        String action = switch (method) {
            case "GET", "HEAD" ->
                query.containsKey("uploadId")
                        ? "s3:ListMultipartUploadParts"
                        : query.containsKey("tagging") ? "s3:GetObjectTagging" : "s3:GetObject";
            case "PUT" -> query.containsKey("tagging") ? "s3:PutObjectTagging" : "s3:PutObject";
            case "POST" -> "s3:PutObject"; // CreateMultipartUpload, CompleteMultipartUpload
            case "DELETE" -> query.containsKey("uploadId") ? "s3:AbortMultipartUpload" : "s3:DeleteObject";
            default -> "s3:" + method;
        };
        out.add(new AuthorizationRequest(action, objectArn, Map.of()));
        if (copySource != null && "PUT".equals(method)) {
            String source = decode(copySource.startsWith("/") ? copySource.substring(1) : copySource);
            int q = source.indexOf('?');
            out.add(new AuthorizationRequest(
                    "s3:GetObject", "arn:aws:s3:::" + (q < 0 ? source : source.substring(0, q)), Map.of()));
        }
        return out;
    }

    private static AuthorizationRequest bucketRequest(
            String method, String bucketArn, Map<String, List<String>> query, byte[] body) {
        switch (method) {
            case "GET" -> {
                if (query.containsKey("uploads")) {
                    return new AuthorizationRequest("s3:ListBucketMultipartUploads", bucketArn, listContext(query));
                }
                if (query.containsKey("location")) {
                    return new AuthorizationRequest("s3:GetBucketLocation", bucketArn, Map.of());
                }
                if (query.containsKey("versions")) {
                    return new AuthorizationRequest("s3:ListBucketVersions", bucketArn, listContext(query));
                }
                return new AuthorizationRequest("s3:ListBucket", bucketArn, listContext(query));
            }
            case "HEAD" -> {
                return new AuthorizationRequest("s3:ListBucket", bucketArn, Map.of());
            }
            case "PUT" -> {
                return new AuthorizationRequest("s3:CreateBucket", bucketArn, Map.of());
            }
            case "DELETE" -> {
                return new AuthorizationRequest("s3:DeleteBucket", bucketArn, Map.of());
            }
            case "POST" -> {
                if (query.containsKey("delete")) {
                    // Multi-object delete is authorized per object: the caller needs s3:DeleteObject on each key.
                    List<String> keys = new ArrayList<>();
                    Matcher m = DELETE_KEY.matcher(new String(body, StandardCharsets.UTF_8));
                    while (m.find()) {
                        keys.add(unescapeXml(m.group(1)));
                    }
                    return new AuthorizationRequest(
                            "s3:DeleteObject", bucketArn + "/", Map.of("tenantclient:DeleteKeys", keys));
                }
                return new AuthorizationRequest("s3:PostBucket", bucketArn, Map.of());
            }
            default -> {
                return new AuthorizationRequest("s3:" + method + "Bucket", bucketArn, Map.of());
            }
        }
    }

    /**
     * Expands a multi-object delete into one {@code s3:DeleteObject} authorization per key.
     *
     * @param request a request from {@link #authorizations}
     * @return the per-key authorizations, or the request itself when it is not a multi-object delete
     */
    public static List<AuthorizationRequest> expand(AuthorizationRequest request) {
        List<String> keys = request.context().get("tenantclient:DeleteKeys");
        if (keys == null) {
            return List.of(request);
        }
        List<AuthorizationRequest> out = new ArrayList<>();
        for (String key : keys) {
            out.add(new AuthorizationRequest("s3:DeleteObject", request.resource() + key, Map.of()));
        }
        return out.isEmpty() ? List.of(new AuthorizationRequest("s3:DeleteObject", request.resource(), Map.of())) : out;
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

    private static String decode(String s) {
        return URLDecoder.decode(s.replace("+", "%2B"), StandardCharsets.UTF_8);
    }

    private static String unescapeXml(String s) {
        return s.replace("&lt;", "<")
                .replace("&gt;", ">")
                .replace("&quot;", "\"")
                .replace("&apos;", "'")
                .replace("&amp;", "&");
    }
}
