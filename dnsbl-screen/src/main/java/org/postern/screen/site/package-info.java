/** DNSBL and DNSWL sites in postscreen's {@code domain=filter*weight} syntax. */
package org.postern.screen.site;
