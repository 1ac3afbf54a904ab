/*
 * Copyright 2026 The tenant-client Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tenantclient.internal;

import org.jspecify.annotations.Nullable;
import software.amazon.awssdk.core.client.builder.SdkAsyncClientBuilder;
import software.amazon.awssdk.core.client.builder.SdkClientBuilder;
import software.amazon.awssdk.core.client.builder.SdkSyncClientBuilder;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.async.SdkAsyncHttpClient;

/**
 * What the application set for the SDK clients tenant-client builds itself ({@code overrideConfiguration}, HTTP
 * clients), applied to each such client's builder. Clients the application passes in are used as they are.
 *
 * <p>An HTTP client instance given here is shared by every client built with it and, as the SDK does for an HTTP
 * client passed to a client builder, never closed by them; an HTTP client <em>builder</em> makes one HTTP client per
 * SDK client, closed with it.
 *
 * @param overrideConfiguration metric publishers, execution interceptors, timeouts, retries; or null
 * @param httpClient a shared sync HTTP client, or null
 * @param httpClientBuilder makes each sync client's HTTP client, or null
 * @param asyncHttpClient a shared async HTTP client, or null
 * @param asyncHttpClientBuilder makes each async client's HTTP client, or null
 */
public record SdkClientSettings(
        @Nullable ClientOverrideConfiguration overrideConfiguration,
        @Nullable SdkHttpClient httpClient,
        SdkHttpClient.@Nullable Builder<?> httpClientBuilder,
        @Nullable SdkAsyncHttpClient asyncHttpClient,
        SdkAsyncHttpClient.@Nullable Builder<?> asyncHttpClientBuilder) {

    /** The SDK's defaults for everything. */
    public static final SdkClientSettings DEFAULTS = new SdkClientSettings(null, null, null, null, null);

    /**
     * Applies the settings to a client builder of tenant-client's.
     *
     * @param <B> the builder type
     * @param builder a sync or async client builder
     * @return the builder
     */
    public <B extends SdkClientBuilder<?, ?>> B configure(B builder) {
        if (overrideConfiguration != null) {
            builder.overrideConfiguration(overrideConfiguration);
        }
        if (builder instanceof SdkSyncClientBuilder<?, ?> sync) {
            if (httpClient != null) {
                sync.httpClient(httpClient);
            } else if (httpClientBuilder != null) {
                sync.httpClientBuilder(httpClientBuilder);
            }
        }
        if (builder instanceof SdkAsyncClientBuilder<?, ?> async) {
            if (asyncHttpClient != null) {
                async.httpClient(asyncHttpClient);
            } else if (asyncHttpClientBuilder != null) {
                async.httpClientBuilder(asyncHttpClientBuilder);
            }
        }
        return builder;
    }

    @Override
    public String toString() {
        return "SdkClientSettings{overrideConfiguration=" + (overrideConfiguration != null) + ", httpClient="
                + (httpClient != null ? httpClient.clientName() : httpClientBuilder != null ? "builder" : "default")
                + ", asyncHttpClient="
                + (asyncHttpClient != null
                        ? asyncHttpClient.clientName()
                        : asyncHttpClientBuilder != null ? "builder" : "default")
                + "}";
    }
}
