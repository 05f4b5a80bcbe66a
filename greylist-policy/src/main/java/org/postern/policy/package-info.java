/**
 * Postfix's policy delegation protocol: a decoder for {@code name=value} requests, typed requests
 * and actions, and a server handler hosting any asynchronous {@link
 * org.postern.policy.PolicyHandler}.
 */
package org.postern.policy;
