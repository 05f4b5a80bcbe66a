/**
 * JMH microbenchmarks: netstring framing, SRS forward rewriting and Sieve runs, the per-message CPU
 * costs.
 */
package org.postern.bench.micro;
