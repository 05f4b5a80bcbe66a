/** The DNSBL screen as a Postfix policy service ({@code check_policy_service}). */
package org.postern.screen.policy;
