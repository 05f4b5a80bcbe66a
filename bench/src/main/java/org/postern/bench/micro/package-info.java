/** JMH microbenchmarks: netstring framing and SRS forward rewriting, the per-lookup CPU costs. */
package org.postern.bench.micro;
