/**
 * Choosing the signing key per sender, like OpenDKIM's SigningTable: sender patterns ({@code
 * alice@example.org}, {@code *@example.org}, {@code *@*.example.org}, {@code *}) mapped to what
 * signs, the most specific pattern winning.
 */
package org.postern.dkim.signingtable;
