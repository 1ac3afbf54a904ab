/**
 * The IAM side of a {@link dev.tenantclient.TenantLayout}: the role's permission policy, its trust policy and the
 * identity pool's principal-tag map, generated from the same layout the library prefixes keys with.
 */
@NullMarked
package dev.tenantclient.policy;

import org.jspecify.annotations.NullMarked;
