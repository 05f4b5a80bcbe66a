package org.postern.screen.proxy;

/**
 * One line a client sent, without its terminator.
 *
 * @param text the line, decoded as ISO-8859-1 so every byte maps to one character
 * @param bareNewline whether it ended with LF alone instead of CRLF
 */
public record ClientLine(String text, boolean bareNewline) {}
