package org.postern.screen.access;

/**
 * One access list entry.
 *
 * @param block the network matched
 * @param action what to do with clients in it
 * @param line the line it came from, for logs
 */
public record AccessRule(CidrBlock block, AccessAction action, int line) {}
