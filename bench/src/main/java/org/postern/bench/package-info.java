/**
 * Load drivers for Postfix's lookup protocols (socketmap, tcp_table) and policy delegation:
 * persistent Netty client connections sending unique requests back to back, latency in an
 * HdrHistogram, replies counted by kind.
 */
package org.postern.bench;
