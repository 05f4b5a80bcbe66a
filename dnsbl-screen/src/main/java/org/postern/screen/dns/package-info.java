/** Asynchronous DNSBL lookups with dnsjava, and their TTL-bounded cache. */
package org.postern.screen.dns;
