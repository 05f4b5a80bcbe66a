/**
 * The SMTP front proxy: postscreen's pre-greet, DNSBL and deep protocol tests in front of Postfix
 * smtpd, then an XCLIENT handoff and byte splicing for clients that pass.
 */
package org.postern.screen.proxy;
