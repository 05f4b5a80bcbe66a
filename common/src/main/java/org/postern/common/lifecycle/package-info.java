/** Starting and stopping a daemon's services together, on SIGTERM or on request. */
package org.postern.common.lifecycle;
