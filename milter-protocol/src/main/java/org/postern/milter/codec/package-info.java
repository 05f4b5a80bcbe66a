/**
 * Framing and byte layouts of the milter protocol: Netty decoders that only frame and parse, and
 * encoders, for the server side (commands in, replies out) and the client side (the reverse).
 */
package org.postern.milter.codec;
