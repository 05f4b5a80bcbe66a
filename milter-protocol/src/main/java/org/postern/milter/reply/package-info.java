/** Immutable messages a milter sends to the MTA: verdicts, modifications, negotiation. */
package org.postern.milter.reply;
