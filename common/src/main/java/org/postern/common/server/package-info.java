/**
 * The Netty server every daemon uses: binds TCP and unix-socket listen addresses, limits and times
 * out connections, and drains requests in flight on shutdown.
 */
package org.postern.common.server;
