/**
 * Load drivers for Postfix's lookup protocols (socketmap, tcp_table): persistent Netty client
 * connections sending unique keys back to back, latency in an HdrHistogram; and a small SRS server
 * to drive them against.
 */
package org.postern.bench;
