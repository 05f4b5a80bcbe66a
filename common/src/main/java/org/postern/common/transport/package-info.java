/** Which socket implementation (native epoll or NIO) event loops and channels use. */
package org.postern.common.transport;
