/**
 * RFC 6647 greylisting as a Postfix policy service: triplet keys normalised as postgrey does, delay
 * and retry window, auto-whitelisting of client networks, whitelist files, and state in an embedded
 * MVStore file or a shared Redis.
 */
package org.postern.greylist;
