/**
 * The {@code dkim-sign} and {@code dkim-verify} milter filters: internal clients' mail is signed
 * with the signing domain's active keys, everything else is verified and gets an {@code
 * Authentication-Results} field. Both negotiate SMFIP_HDR_LEADSPC so header values are byte-exact,
 * stream the body into the DKIM session and do the public-key work on bounded executors.
 */
package org.postern.dkim.milter;
