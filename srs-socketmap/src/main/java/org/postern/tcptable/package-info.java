/**
 * Postfix's tcp_table(5) lookup protocol: {@code get KEY} lines answered by {@code 200 VALUE},
 * {@code 500 reason} (not found) or {@code 400 reason} (try later), with %XX encoding, over
 * persistent connections. postsrsd 1.x speaks it; knows nothing about what the tables contain.
 */
package org.postern.tcptable;
