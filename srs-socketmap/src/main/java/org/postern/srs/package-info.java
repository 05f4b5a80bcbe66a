/**
 * The Sender Rewriting Scheme as postsrsd and libsrs2 implement it: SRS0 and SRS1 addresses, their
 * HMAC-SHA1 hashes and day timestamps, secrets files, and forward/reverse rewriting.
 */
package org.postern.srs;
