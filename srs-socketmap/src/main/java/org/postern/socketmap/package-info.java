/**
 * Postfix's socketmap lookup protocol: netstring framing, {@code NAME KEY} requests, {@code OK},
 * {@code NOTFOUND}, {@code TEMP}, {@code TIMEOUT} and {@code PERM} replies, over persistent
 * connections. Knows nothing about what the maps contain.
 */
package org.postern.socketmap;
