/** Parallel DNSBL/DNSWL queries for one client, scored into a verdict. */
package org.postern.screen.dnsbl;
