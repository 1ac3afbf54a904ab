/*
 * Copyright 2026 The tenant-client Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tenantclient.spring;

/** The {@code tenant-client.*} properties cannot configure a client; the message names the property. */
public class TenantClientConfigurationException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** The offending property. */
    private final String property;

    /**
     * Creates the exception.
     *
     * @param property the offending property, such as {@code tenant-client.identity-pool-id}
     * @param message what is wrong
     * @param cause the underlying error, or null
     */
    public TenantClientConfigurationException(String property, String message, Throwable cause) {
        super(message, cause);
        this.property = property;
    }

    /** @return the offending property */
    public String property() {
        return property;
    }
}
