package org.postern.screen.proxy;

import org.postern.screen.pass.PassCache;

/**
 * The proxy's pass caches, one per kind of test as in postscreen, since each pass lasts its own
 * time: DNSBL passes for the DNS answer's TTL, greeting passes a day, deep-test passes a month.
 *
 * @param dnsbl clients with a complete, unlisted DNSBL verdict
 * @param greet clients that waited for the greeting
 * @param deep clients that passed the deep protocol tests
 */
public record ProxyPasses(PassCache dnsbl, PassCache greet, PassCache deep) {}
