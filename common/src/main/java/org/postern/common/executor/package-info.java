/**
 * Bounded executors for CPU and disk work, which refuse at once when full so protocols can answer a
 * temporary failure instead of queueing without bound.
 */
package org.postern.common.executor;
